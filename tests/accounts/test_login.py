import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from vangnet.accounts.services import current_totp_code

from .conftest import PASSWORD, password_login

pytestmark = pytest.mark.django_db


def test_login_page_is_accessible_form(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert "<h1>" in html and html.count("<h1") == 1
    assert 'for="id_username"' in html and 'for="id_password"' in html
    # The main navigation is hidden for anonymous users.
    assert 'aria-label="Hoofdmenu"' not in html


def test_full_login_with_2fa(client, worker, home_url, security_log):
    response = password_login(client, "bemoeizorger")
    assert response.status_code == 302
    assert response.url == reverse("accounts:otp_verify")

    page = client.get(reverse("accounts:otp_verify"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert 'aria-label="Hoofdmenu"' not in html  # not verified yet: no navigation

    device = worker.totpdevice_set.get()
    response = client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(device)})
    assert response.status_code == 302
    assert response.url == home_url
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id

    events = [e["event"] for e in security_log()]
    assert "login_password_ok" in events and "otp_verified" in events
    assert PASSWORD not in security_log.text()


def test_login_keeps_safe_next_and_drops_foreign_next(client, worker):
    password_login(client, "bemoeizorger", next="/meldingen/nieuw/")
    device = worker.totpdevice_set.get()
    response = client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(device)})
    assert response.url == "/meldingen/nieuw/"


def test_login_ignores_external_next(client, worker, home_url):
    password_login(client, "bemoeizorger", next="https://evil.example.org/")
    device = worker.totpdevice_set.get()
    response = client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(device)})
    assert response.url == home_url


def test_wrong_password(client, worker, security_log):
    response = password_login(client, "bemoeizorger", password="verkeerd-wachtwoord")
    assert response.status_code == 200
    assert "gebruikersnaam en wachtwoord is onjuist" in response.content.decode()
    assert "_auth_user_id" not in client.session
    failed = [e for e in security_log() if e["event"] == "login_failed"]
    assert failed and failed[0]["attempted_username"] == "bemoeizorger"
    assert "verkeerd-wachtwoord" not in security_log.text()


def test_inactive_user_cannot_log_in(client, worker):
    worker.is_active = False
    worker.save()
    response = password_login(client, "bemoeizorger")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_lockout_after_five_failures_even_with_right_password(client, worker, security_log):
    # Past the per-user-name delay (tests/accounts/test_login_delay.py) between tries.
    with time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        for attempt in range(4):
            response = password_login(client, "bemoeizorger", password=f"fout-{attempt}")
            assert response.status_code == 200
            traveller.shift(dt.timedelta(seconds=20))
        response = password_login(client, "bemoeizorger", password="fout-5")
        assert response.status_code in (403, 429)
        assert "tijdelijk geblokkeerd" in response.content.decode()
        traveller.shift(dt.timedelta(seconds=20))

        response = password_login(client, "bemoeizorger")  # the right password
        assert response.status_code in (403, 429)
        assert "tijdelijk geblokkeerd" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert "account_locked" in [e["event"] for e in security_log()]

        # Another user from the same IP is not affected (lock is username + IP).
        other = password_login(client, "meldpunt")
        assert other.status_code == 302


def test_logout_is_post_only(client, login, users, security_log):
    client = login(users["meldpunt"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert "logout" in [e["event"] for e in security_log()]


def test_verified_user_visiting_login_goes_home(login, users, home_url):
    client = login(users["meldpunt"])
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 302 and response.url == home_url
