"""System check vangnet.E001: no console/locmem/dummy/file e-mail with DEBUG off unless chosen."""

import pytest
from django.core import checks
from django.test import override_settings

from vangnet.core.checks import check_email_backend

CONSOLE = "django.core.mail.backends.console.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    "backend",
    [
        CONSOLE,
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    ],
)
def test_non_delivering_backend_without_debug_is_an_error(backend):
    with override_settings(DEBUG=False, EMAIL_BACKEND=backend, VANGNET_ALLOW_CONSOLE_EMAIL=False):
        errors = check_email_backend()
    assert [e.id for e in errors] == ["vangnet.E001"]
    assert errors[0].level == checks.ERROR and backend in errors[0].msg


@pytest.mark.parametrize(
    "debug, allow, backend",
    [(True, False, CONSOLE), (False, True, CONSOLE), (False, False, SMTP), (True, False, SMTP)],
)
def test_allowed_combinations(debug, allow, backend):
    with override_settings(DEBUG=debug, EMAIL_BACKEND=backend, VANGNET_ALLOW_CONSOLE_EMAIL=allow):
        assert check_email_backend() == []


def test_check_is_registered_and_silent_in_the_test_settings():
    assert check_email_backend in checks.registry.registry.get_checks()
    assert not [e for e in checks.run_checks(tags=["vangnet"]) if e.id == "vangnet.E001"]
    with override_settings(DEBUG=False, EMAIL_BACKEND=CONSOLE, VANGNET_ALLOW_CONSOLE_EMAIL=False):
        assert "vangnet.E001" in [e.id for e in checks.run_checks(tags=["vangnet"])]


def test_mailers_setting_is_checked_too():
    mailers = {"default": {"BACKEND": CONSOLE}}
    with override_settings(DEBUG=False, MAILERS=mailers, VANGNET_ALLOW_CONSOLE_EMAIL=False):
        assert [e.id for e in check_email_backend()] == ["vangnet.E001"]
    with override_settings(DEBUG=False, MAILERS={"default": {"BACKEND": SMTP}}, VANGNET_ALLOW_CONSOLE_EMAIL=False):
        assert check_email_backend() == []
