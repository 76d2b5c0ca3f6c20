import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.accounts.services import current_totp_code

from .conftest import password_login

pytestmark = pytest.mark.django_db

START = dt.datetime(2025, 3, 3, 9, 0, 10, tzinfo=dt.UTC)


def wrong_code(device):
    right = current_totp_code(device)
    return f"{(int(right) + 500_000) % 1_000_000:06d}"


def test_wrong_code_is_refused_and_throttled(client, worker, home_url):
    with time_machine.travel(START, tick=False) as traveller:
        password_login(client, "bemoeizorger")
        device = worker.totpdevice_set.get()
        response = client.post(reverse("accounts:otp_verify"), {"code": wrong_code(device)})
        assert response.status_code == 200
        assert "onjuist of verlopen" in response.content.decode()
        assert DEVICE_ID_SESSION_KEY not in client.session
        device.refresh_from_db()
        assert device.throttling_failure_count == 1

        # django-otp throttles the device: even the right code waits a moment.
        response = client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(device)})
        assert response.status_code == 200
        assert "Wacht" in response.content.decode()
        assert DEVICE_ID_SESSION_KEY not in client.session

        traveller.shift(dt.timedelta(seconds=5))
        response = client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(device)})
        assert response.status_code == 302 and response.url == home_url
        device.refresh_from_db()
        assert device.throttling_failure_count == 0


def test_malformed_code_gives_form_error(client, worker):
    password_login(client, "bemoeizorger")
    response = client.post(reverse("accounts:otp_verify"), {"code": "12ab"})
    assert response.status_code == 200
    assert "6 cijfers" in response.content.decode()


def test_five_wrong_codes_log_the_user_out(client, worker, security_log):
    with time_machine.travel(START, tick=False) as traveller:
        password_login(client, "bemoeizorger")
        device = worker.totpdevice_set.get()
        for _ in range(4):  # requirement: the fifth wrong code logs out
            response = client.post(reverse("accounts:otp_verify"), {"code": wrong_code(device)})
            assert response.status_code == 200
            traveller.shift(dt.timedelta(seconds=60))
        response = client.post(reverse("accounts:otp_verify"), {"code": wrong_code(device)}, follow=True)
        assert response.redirect_chain[-1][0] == reverse("accounts:login")
        assert "te vaak een onjuiste code" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert "otp_session_locked" in [e["event"] for e in security_log()]
        assert len([e for e in security_log() if e["event"] == "otp_failed"]) == 5


def test_totp_matches_reference_implementation(worker):
    device = worker.totpdevice_set.get()
    with time_machine.travel(START, tick=False):
        assert int(current_totp_code(device)) == totp(device.bin_key)


def test_unverified_session_is_redirected_and_api_refused(client, worker):
    password_login(client, "bemoeizorger")
    for url in ["/", "/meldingen/", "/casussen/1/", "/beheer/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("accounts:otp_verify"), url
    response = client.get("/api/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Tweestapsverificatie vereist."


def test_anonymous_user_cannot_use_2fa_pages(client):
    for name in ["accounts:otp_verify", "accounts:otp_setup"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url == reverse("accounts:login")


def test_first_login_enrols_a_device(client, users, home_url, security_log):
    user = users["meldpunt"]
    assert not TOTPDevice.objects.filter(user=user).exists()
    with time_machine.travel(START, tick=False) as traveller:
        response = password_login(client, "meldpunt")
        assert response.url == reverse("accounts:otp_setup")
        # The verify page also sends a user without a device to the set-up.
        assert client.get(reverse("accounts:otp_verify")).url == reverse("accounts:otp_setup")

        page = client.get(reverse("accounts:otp_setup"))
        assert page.status_code == 200
        html = page.content.decode()
        device = TOTPDevice.objects.get(user=user)
        assert not device.confirmed
        assert "<svg" in html and "<title>" in html
        assert 'style="' not in html and "<script>" not in html  # strict CSP
        secret = page.context["secret"]
        assert secret.replace(" ", "") and secret.replace(" ", "") in device.config_url
        # Reloading shows the same secret.
        assert client.get(reverse("accounts:otp_setup")).context["secret"] == secret

        response = client.post(reverse("accounts:otp_setup"), {"code": wrong_code(device)})
        assert response.status_code == 200
        device.refresh_from_db()
        assert not device.confirmed
        assert DEVICE_ID_SESSION_KEY not in client.session

        traveller.shift(dt.timedelta(seconds=5))
        response = client.post(reverse("accounts:otp_setup"), {"code": current_totp_code(device)})
        assert response.status_code == 302 and response.url == home_url
        device.refresh_from_db()
        assert device.confirmed
        assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
        assert "otp_enrolled" in [e["event"] for e in security_log()]


def test_setup_is_refused_when_a_device_is_confirmed(client, worker):
    """Knowing only the password must not allow adding a second device."""
    password_login(client, "bemoeizorger")
    response = client.get(reverse("accounts:otp_setup"))
    assert response.status_code == 302 and response.url == reverse("accounts:otp_verify")
    response = client.post(reverse("accounts:otp_setup"), {"code": "123456"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=worker).count() == 1


def test_device_throttle_survives_a_new_login(client, worker):
    """Logging in again does not reset django-otp's throttle on the device."""
    with time_machine.travel(START, tick=False):
        password_login(client, "bemoeizorger")
        device = worker.totpdevice_set.get()
        client.post(reverse("accounts:otp_verify"), {"code": wrong_code(device)})
        client.post(reverse("accounts:logout"))
        password_login(client, "bemoeizorger")
        response = client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(device)})
        assert response.status_code == 200
        assert DEVICE_ID_SESSION_KEY not in client.session
