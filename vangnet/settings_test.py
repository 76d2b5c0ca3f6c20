"""Test settings: the real settings with a fast password hasher and in-memory email."""

import os

os.environ.setdefault("VANGNET_ALLOW_INSECURE_KEY", "1")

from vangnet.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production uses argon2
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
VANGNET_ALLOW_CONSOLE_EMAIL = True  # the tests read mail.outbox (system check vangnet.E001)
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
