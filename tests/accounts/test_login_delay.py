"""Issue 9, item 9: login lockout. One client IP function for everything, a
per-user-name progressive delay over all IP addresses, an alert when it starts,
a new session key after the second factor, and no raw unknown user names stored."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client, RequestFactory
from django.urls import reverse

from vangnet.accounts.models import LoginDelay
from vangnet.accounts.services import current_totp_code, username_key
from vangnet.audit.middleware import client_ip
from vangnet.notifications.models import Notification

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)


def password_login(client, username, password=PASSWORD, **meta):
    """A login POST; ``meta`` are request headers such as REMOTE_ADDR."""
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **meta)


def test_delay_per_user_name_holds_over_many_addresses(client, worker, security_log):
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(3):  # one guess from each of three addresses
            response = password_login(client, "bemoeizorger", password=f"gok-{n}", REMOTE_ADDR=f"198.51.100.{n + 1}")
            assert response.status_code == 200
        # A fourth address, even with the right password, must wait first.
        response = password_login(client, "bemoeizorger", REMOTE_ADDR="198.51.100.99")
        assert response.status_code == 429
        html = response.content.decode()
        assert "te vaak een onjuist wachtwoord" in html and "Wacht 2 seconden" in html
        assert "_auth_user_id" not in client.session
        assert "login_delayed" in [e["event"] for e in security_log()]

        traveller.shift(dt.timedelta(seconds=3))
        response = password_login(client, "bemoeizorger", password="gok-4", REMOTE_ADDR="198.51.100.4")
        assert response.status_code == 200
        # Doubles: now 4 seconds.
        traveller.shift(dt.timedelta(seconds=3))
        assert password_login(client, "bemoeizorger", REMOTE_ADDR="198.51.100.5").status_code == 429
        traveller.shift(dt.timedelta(seconds=2))
        response = password_login(client, "bemoeizorger", REMOTE_ADDR="198.51.100.5")
        assert response.status_code == 302  # the owner gets in, and the counter is cleared
        assert not LoginDelay.objects.filter(username_key="bemoeizorger").exists()


def test_delay_is_capped(settings, worker):
    settings.VANGNET_LOGIN_DELAY_MAX_SECONDS = 10
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(8):
            password_login(Client(), "bemoeizorger", password=f"x{n}", REMOTE_ADDR=f"198.51.100.{n + 1}")
            traveller.shift(dt.timedelta(seconds=11))
        record = LoginDelay.objects.get(username_key="bemoeizorger")
        assert record.failures == 8
        assert (record.delayed_until - record.last_failure_at).total_seconds() == 10


def _from(address, behind_proxy):
    if behind_proxy:  # every request arrives from the proxy; it adds the client's address
        return {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": address}
    return {"REMOTE_ADDR": address}


@pytest.mark.parametrize("behind_proxy", [False, True], ids=["direct", "behind_proxy"])
def test_attacker_cannot_lock_a_colleague_out_from_one_address(settings, client, worker, behind_proxy):
    settings.VANGNET_TRUST_X_FORWARDED_FOR = behind_proxy
    colleague = Client()
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(6):  # enough for axes' lock on user name + the attacker's address
            password_login(client, "bemoeizorger", password=f"fout-{n}", **_from("203.0.113.66", behind_proxy))
            traveller.shift(dt.timedelta(seconds=40))
        locked = password_login(client, "bemoeizorger", **_from("203.0.113.66", behind_proxy))
        assert "tijdelijk geblokkeerd" in locked.content.decode()
        traveller.shift(dt.timedelta(seconds=70))
        # Her own address is not locked; at most she waits the (capped) delay.
        response = password_login(colleague, "bemoeizorger", **_from("192.0.2.10", behind_proxy))
        assert response.status_code == 302 and response.url == reverse("accounts:otp_verify")


def test_spoofed_forwarded_for_is_ignored_by_default(client, worker):
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(3):
            password_login(client, "bemoeizorger", password=f"f{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
            traveller.shift(dt.timedelta(seconds=20))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
    assert AccessAttempt.objects.get().failures_since_start == 3


def test_forwarded_for_is_used_everywhere_when_trusted(settings, client, worker, security_log):
    settings.VANGNET_TRUST_X_FORWARDED_FOR = True
    # The last entry is what our own proxy added; the first one came from the client.
    password_login(client, "bemoeizorger", password="fout", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20")
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "198.51.100.20"
    failed = [e for e in security_log() if e["event"] == "login_failed"]
    assert failed[0]["ip_address"] == "198.51.100.20"
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20")
    assert client_ip(request) == "198.51.100.20"
    # Garbage in the header falls back to the socket address instead of a 500.
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="niet-een-ip")
    assert client_ip(request) == "127.0.0.1"


def test_trust_forwarded_for_comes_from_the_environment(monkeypatch):
    import importlib

    import vangnet.settings as production

    monkeypatch.setenv("VANGNET_TRUST_X_FORWARDED_FOR", "1")
    try:
        assert importlib.reload(production).VANGNET_TRUST_X_FORWARDED_FOR is True
        monkeypatch.delenv("VANGNET_TRUST_X_FORWARDED_FOR")
        assert importlib.reload(production).VANGNET_TRUST_X_FORWARDED_FOR is False
        assert production.AXES_CLIENT_IP_CALLABLE == "vangnet.audit.middleware.client_ip"
    finally:
        importlib.reload(production)


def test_crossing_the_threshold_alerts_the_teamleider(client, worker, users, security_log):
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(3):
            password_login(client, "bemoeizorger", password=f"fout-{n}", REMOTE_ADDR=f"198.51.100.{n + 1}")
            traveller.shift(dt.timedelta(seconds=30))
    alerts = [e for e in security_log() if e["event"] == "login_delay_started"]
    assert len(alerts) == 1 and alerts[0]["attempted_username"] == "bemoeizorger"
    note = Notification.objects.get(user=users["teamleider"])
    assert "onjuist wachtwoord" in note.text
    # Not the teamleider of another organisation.
    assert not Notification.objects.filter(user=users["other_teamleider"]).exists()


def test_unknown_user_name_is_never_stored_or_logged(client, worker, security_log):
    typed = "Geheim-Wachtwoord-In-Verkeerd-Veld"
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(6):
            password_login(client, typed, password=f"x{n}")
            traveller.shift(dt.timedelta(seconds=40))
    text = security_log.text()
    assert typed not in text and typed.lower() not in text.lower()
    events = {e["event"] for e in security_log()}
    assert {"login_failed", "account_locked", "login_delay_started"} <= events
    key = username_key(typed)
    assert key.startswith("onbekend:") and typed not in key
    assert [e["attempted_username"] for e in security_log() if e["event"] == "account_locked"][0] == key
    for attempt in AccessAttempt.objects.all():
        assert attempt.username == key
        assert typed not in attempt.post_data and typed not in attempt.get_data
    assert not AccessFailureLog.objects.exists()  # axes' failure log stays off
    assert LoginDelay.objects.get().username_key == key


def test_session_key_changes_after_the_second_factor(client, worker, home_url):
    password_login(client, "bemoeizorger")
    before = client.session.session_key
    assert before
    device = worker.totpdevice_set.get()
    response = client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(device)})
    assert response.status_code == 302 and response.url == home_url
    after = client.session.session_key
    assert after and after != before
    assert client.get(home_url).status_code == 200  # still logged in with the new key


def test_parallel_burst_is_held_back(worker):
    """Attempts that have not finished yet already count: a burst of simultaneous
    requests gets three tries, not hundreds."""
    from vangnet.accounts.services import claim_login_attempt

    with time_machine.travel(START, tick=False):
        results = [claim_login_attempt("bemoeizorger") for _ in range(20)]
    assert results[:3] == [0, 0, 0]
    assert all(wait > 0 for wait in results[3:])
