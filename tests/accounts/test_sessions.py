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


def _session_writes(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]


def test_activity_renews_the_session_at_most_once_a_minute(login, users, home_url):
    """Issue 17: a session save on every page was one or two statements per request."""
    from django.contrib.sessions.models import Session

    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        client = login(users["meldpunt"])
        client.get(home_url)
        expiry = Session.objects.get().expire_date
        traveller.shift(dt.timedelta(seconds=30))
        assert _session_writes(client, home_url) == []
        assert Session.objects.get().expire_date == expiry
        traveller.shift(dt.timedelta(seconds=31))
        assert len(_session_writes(client, home_url)) == 1
        assert Session.objects.get().expire_date == expiry + dt.timedelta(seconds=61)
        # The page tells the script the time left from the last renewal, not a full 30 minutes.
        traveller.shift(dt.timedelta(seconds=20))
        page = client.get(home_url).content.decode()
        assert f'data-expires-in="{30 * 60 - 20}"' in page


def test_stay_signed_in_renews_at_once(login, users, home_url):
    from django.contrib.sessions.models import Session

    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        client = login(users["meldpunt"])
        client.get(home_url)
        traveller.shift(dt.timedelta(seconds=10))
        response = client.post(reverse("accounts:session_keepalive"))
        assert response.json() == {"expires_in": 30 * 60}
        assert Session.objects.get().expire_date == dt.datetime(2025, 3, 3, 9, 30, 10, tzinfo=dt.UTC)
