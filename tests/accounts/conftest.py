import logging

import pytest
from django.urls import NoReverseMatch, reverse

from vangnet.accounts.services import ensure_totp_device

PASSWORD = "correct-horse-battery-staple"  # set by tests.factories.UserFactory
# RFC 6238 test secret ("12345678901234567890" in base32).
SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


@pytest.fixture(autouse=True)
def _home_url(settings):
    try:
        reverse("worklists:home")
    except NoReverseMatch:
        settings.ROOT_URLCONF = "tests.accounts.urls"


@pytest.fixture
def home_url():
    return reverse("worklists:home")


@pytest.fixture
def worker(users):
    """A bemoeizorger with a confirmed authenticator app using SECRET."""
    user = users["bemoeizorger"]
    ensure_totp_device(user, SECRET)
    return user


def password_login(client, username, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="vangnet.security")

    def events():
        found = []
        for record in caplog.records:
            if record.name == "vangnet.security" and isinstance(record.msg, dict):
                found.append(record.msg)
        return found

    events.text = lambda: caplog.text + " ".join(repr(r.msg) for r in caplog.records)
    return events
