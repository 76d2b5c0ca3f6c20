import datetime as dt

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_idle_session_expires_after_30_minutes(login, users, home_url):
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        client = login(users["meldpunt"])
        # Activity renews the session (SESSION_SAVE_EVERY_REQUEST): 40 minutes
        # in total, never 30 idle.
        for _ in range(2):
            traveller.shift(dt.timedelta(minutes=20))
            response = client.get(reverse("accounts:login"))
            assert response.status_code == 302 and response.url == home_url
            assert "_auth_user_id" in client.session

        traveller.shift(dt.timedelta(minutes=31))
        response = client.get(reverse("accounts:otp_verify"))
        assert response.status_code == 302
        assert response.url == reverse("accounts:login")
        assert "_auth_user_id" not in client.session


def test_session_cookie_ends_with_browser(client, users):
    from .conftest import password_login

    response = password_login(client, "meldpunt")
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]
    assert cookie["httponly"]
