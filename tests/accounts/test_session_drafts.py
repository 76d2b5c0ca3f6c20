# ruff: noqa: F811 (the casus and intake fixtures are imported, then requested by name)
"""Issue 12 item 4: a session that expires loses nothing that was typed.

The session expires the real way (31 idle minutes under time_machine), then a
form is posted: kept as a draft of the user, and filled in again after that
user logged in once more with password and TOTP."""

import datetime as dt
import io
import json
import re

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.cases.conftest import attempt_data, casus  # noqa: F401 (fixtures)
from tests.intake.conftest import region  # noqa: F401 (fixture)
from tests.intake.helpers import staff_post
from vangnet.accounts import drafts
from vangnet.accounts.models import FormDraft
from vangnet.accounts.services import current_totp_code, ensure_totp_device
from vangnet.audit.models import AccessLog
from vangnet.cases.models import ContactAttempt

from .conftest import PASSWORD, SECRET, password_login

pytestmark = pytest.mark.django_db

RESTORED = "Uw sessie was verlopen. Wat u had ingevuld staat er nog; controleer het en sla opnieuw op."
NOTE = "Niemand thuis, briefje in de bus gedaan"


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as traveller:
        yield traveller


def full_login(client, user, **extra):
    """Password, then the TOTP code: the real login flow. Returns the last answer."""
    ensure_totp_device(user, SECRET)
    password_login(client, user.username, **extra)
    device = user.totpdevice_set.get()
    return client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(device)})


def logged_in(user, clock) -> Client:
    client = Client()
    response = full_login(client, user)
    assert response.status_code == 302
    client.get(response["Location"])  # the first page sets the owner cookie
    assert drafts.OWNER_COOKIE in client.cookies
    return client


def expire(clock):
    clock.shift(dt.timedelta(minutes=31))


def again(client, user, clock):
    """Log in again on the same browser, a TOTP step later (codes are single use)."""
    clock.shift(dt.timedelta(seconds=31))
    return full_login(client, user)


def kept_draft_of(html: str):
    match = re.search(r'<script id="vangnet-kept-draft" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1)) if match else None


def draft_rows(action):
    return AccessLog.objects.filter(object_type="bewaard formulier", action=action)


# --- the contact attempt posted by HTMX -----------------------------------------------------------


def test_htmx_attempt_after_expiry_gets_401_and_a_redirect_not_the_login_page(casus, users, attempt_data, clock):
    client = logged_in(users["bemoeizorger"], clock)
    page = reverse("cases:detail", args=[casus.pk])
    expire(clock)

    response = client.post(
        reverse("cases:attempt_add", args=[casus.pk]),
        attempt_data(note=NOTE),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{page}#tijdlijn",
    )

    assert response.status_code == 401
    assert response["HX-Redirect"] == reverse("accounts:login") + "?next=" + page
    html = response.content.decode()
    assert "<form" not in html and "Inloggen bij Vangnet" not in html
    assert "Uw sessie was verlopen" in html
    assert not ContactAttempt.objects.exists()
    [draft] = FormDraft.objects.all()
    assert draft.user == users["bemoeizorger"] and draft.page == page
    assert draft.fields["note"] == [NOTE]
    assert "csrfmiddlewaretoken" not in draft.fields
    [row] = draft_rows(AccessLog.Action.CREATE)
    assert row.user_id == str(users["bemoeizorger"].pk)


def test_attempt_note_is_back_after_logging_in_again(casus, users, attempt_data, clock):
    worker = users["bemoeizorger"]
    client = logged_in(worker, clock)
    page = reverse("cases:detail", args=[casus.pk])
    expire(clock)
    client.post(
        reverse("cases:attempt_add", args=[casus.pk]),
        attempt_data(note=NOTE),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{page}",
    )

    login_page = client.get(reverse("accounts:login") + "?next=" + page)
    assert "Wat u had ingevuld is bewaard" in login_page.content.decode()
    response = again(client, worker, clock)
    assert response.status_code == 302 and response["Location"] == page

    html = client.get(page).content.decode()
    draft = kept_draft_of(html)
    assert draft["action"] == reverse("cases:attempt_add", args=[casus.pk])
    assert draft["fields"]["note"] == [NOTE] and draft["fields"]["result"] == ["geen_gehoor"]
    assert RESTORED in html
    assert not FormDraft.objects.exists()  # deleted at use
    assert draft_rows(AccessLog.Action.READ).count() == 1
    # Shown once only.
    assert kept_draft_of(client.get(page).content.decode()) is None


def test_plain_attempt_post_after_expiry_redirects_to_login_and_keeps_the_draft(casus, users, attempt_data, clock):
    client = logged_in(users["bemoeizorger"], clock)
    url = reverse("cases:attempt_add", args=[casus.pk])
    expire(clock)
    response = client.post(url, attempt_data(note=NOTE))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    assert FormDraft.objects.get().fields["note"] == [NOTE]


# --- the melding form --------------------------------------------------------------------------------


def test_melding_form_after_expiry_is_kept_and_filled_in_after_login(region, users, clock):
    meldpunt = users["meldpunt"]
    client = logged_in(meldpunt, clock)
    url = reverse("intake:create")
    assert client.get(url).status_code == 200
    expire(clock)

    response = client.post(url, staff_post(), HTTP_REFERER=f"http://testserver{url}")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login") + "?next=/meldingen/nieuw/"

    response = again(client, meldpunt, clock)
    assert response["Location"] == url
    page = client.get(url)
    assert page["Cache-Control"] == "no-store, private"
    html = page.content.decode()
    draft = kept_draft_of(html)
    assert draft["action"] == url
    assert draft["fields"]["surname"] == ["Meulenbroek"]
    assert draft["fields"]["categories"] == ["psychisch", "verwaarlozing-woning"]
    assert RESTORED in html


def test_passwords_and_tokens_are_never_kept(users, clock, region):
    client = logged_in(users["meldpunt"], clock)
    expire(clock)
    client.post(reverse("intake:create"), staff_post(new_password1="geheim-geheim", otp_token="123456"))
    fields = FormDraft.objects.get().fields
    assert "new_password1" not in fields and "otp_token" not in fields and "csrfmiddlewaretoken" not in fields
    assert "geheim" not in json.dumps(fields)


# --- whose draft ---------------------------------------------------------------------------------------


def test_a_colleague_logging_in_on_the_same_browser_never_sees_the_draft(casus, users, attempt_data, clock):
    client = logged_in(users["bemoeizorger"], clock)
    page = reverse("cases:detail", args=[casus.pk])
    expire(clock)
    client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data(note=NOTE), HTTP_HX_REQUEST="true")

    response = again(client, users["duo"], clock)  # the duo partner may see the casus too
    assert response["Location"] != page
    html = client.get(page).content.decode()
    assert kept_draft_of(html) is None and NOTE not in html and RESTORED not in html
    assert FormDraft.objects.get().user == users["bemoeizorger"]
    assert not draft_rows(AccessLog.Action.READ).exists()


def test_a_forged_owner_cookie_keeps_nothing(casus, users, attempt_data, clock):
    client = Client()
    client.cookies[drafts.OWNER_COOKIE] = json.dumps({"u": users["bemoeizorger"].pk})
    response = client.post(
        reverse("cases:attempt_add", args=[casus.pk]), attempt_data(note=NOTE), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 401
    assert "kon niet worden bewaard" in response.content.decode()
    assert not FormDraft.objects.exists()


def test_without_owner_cookie_the_user_is_told_it_was_not_kept(casus, users, attempt_data, clock):
    client = logged_in(users["bemoeizorger"], clock)
    del client.cookies[drafts.OWNER_COOKIE]
    expire(clock)
    response = client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data(note=NOTE))
    assert response.status_code == 302
    assert not FormDraft.objects.exists()
    assert "kon niet worden bewaard" in client.get(response["Location"]).content.decode()


def test_a_draft_expires_after_a_day(casus, users, attempt_data, clock):
    worker = users["bemoeizorger"]
    client = logged_in(worker, clock)
    page = reverse("cases:detail", args=[casus.pk])
    expire(clock)
    client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data(note=NOTE), HTTP_HX_REQUEST="true")
    clock.shift(drafts.DRAFT_LIFETIME + dt.timedelta(minutes=1))
    response = again(client, worker, clock)
    assert response["Location"] != page
    assert kept_draft_of(client.get(page).content.decode()) is None


def test_session_deleted_server_side_counts_as_expired(casus, users, attempt_data, clock):
    client = logged_in(users["bemoeizorger"], clock)
    Session.objects.filter(session_key=client.cookies["sessionid"].value).delete()
    response = client.post(
        reverse("cases:attempt_add", args=[casus.pk]), attempt_data(note=NOTE), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 401 and FormDraft.objects.get().fields["note"] == [NOTE]


# --- HTMX without a session, logout, staying logged in -------------------------------------------------


def test_htmx_get_without_session_gets_401_with_redirect(casus, users):
    page = reverse("cases:detail", args=[casus.pk])
    response = Client().get(reverse("cases:attempt_add", args=[casus.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 401
    assert response["HX-Redirect"].startswith(reverse("accounts:login") + "?next=")
    assert page  # the page itself is a normal login redirect without HTMX
    assert Client().get(page).status_code == 302


def test_logout_clears_the_browser_and_the_drafts(casus, users, attempt_data, clock):
    worker = users["bemoeizorger"]
    client = logged_in(worker, clock)
    FormDraft.objects.create(
        user=worker,
        page="/",
        action="/",
        fields={"note": ["x"]},
        expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
    )
    response = client.post(reverse("accounts:logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert response.cookies[drafts.OWNER_COOKIE].value == ""
    assert not FormDraft.objects.filter(user=worker).exists()
    # After logout a stale form posts without an owner: nothing kept for anyone.
    client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data(note=NOTE))
    assert not FormDraft.objects.exists()


def test_pages_with_personal_data_are_not_stored(casus, users, clock):
    client = logged_in(users["bemoeizorger"], clock)
    response = client.get(reverse("cases:detail", args=[casus.pk]))
    assert response["Cache-Control"] == "no-store, private"


def test_stay_logged_in_renews_the_session(users, clock):
    client = logged_in(users["bemoeizorger"], clock)
    clock.shift(dt.timedelta(minutes=26))
    response = client.post(reverse("accounts:session_keepalive"))
    assert response.status_code == 200 and response.json() == {"expires_in": 30 * 60}
    clock.shift(dt.timedelta(minutes=26))  # 52 minutes after login, 26 idle
    assert client.post(reverse("accounts:session_keepalive")).status_code == 200


def test_stay_logged_in_after_expiry_is_401(users, clock):
    client = logged_in(users["bemoeizorger"], clock)
    expire(clock)
    response = client.post(reverse("accounts:session_keepalive"))
    assert response.status_code == 401
    assert not FormDraft.objects.exists()


def test_the_page_tells_the_script_when_the_session_ends(casus, users, clock):
    html = logged_in(users["bemoeizorger"], clock).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert 'data-expires-in="1800"' in html and 'data-warn-before="300"' in html
    assert reverse("accounts:session_keepalive") in html and "vangnet/session.js" in html
    assert "Ingelogd blijven" in html


def test_login_page_has_no_session_script():
    html = Client().get(reverse("accounts:login")).content.decode()
    assert "session.js" not in html and PASSWORD not in html


def test_logout_after_expiry_still_forgets_the_drafts(casus, users, attempt_data, clock):
    client = logged_in(users["bemoeizorger"], clock)
    expire(clock)
    client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data(note=NOTE), HTTP_HX_REQUEST="true")
    assert FormDraft.objects.exists()
    client.post(reverse("accounts:logout"))
    assert not FormDraft.objects.exists()


def test_expired_drafts_are_deleted_by_the_daily_command(users, clock):
    from django.core.management import call_command

    now = dt.datetime.now(dt.UTC)
    old = FormDraft.objects.create(user=users["meldpunt"], page="/", action="/", fields={}, expires_at=now)
    fresh = FormDraft.objects.create(
        user=users["meldpunt"], page="/", action="/", fields={}, expires_at=now + dt.timedelta(hours=1)
    )
    call_command("delete_expired_drafts", stdout=io.StringIO())
    assert list(FormDraft.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not FormDraft.objects.filter(pk=old.pk).exists()


def test_htmx_in_a_half_logged_in_session_is_sent_to_the_second_step(casus, users):
    """Password given, TOTP not yet: an HTMX request is not answered with the code page."""
    client = Client()
    ensure_totp_device(users["bemoeizorger"], SECRET)
    password_login(client, "bemoeizorger")
    response = client.get(reverse("cases:attempt_add", args=[casus.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 401 and response["HX-Redirect"] == reverse("accounts:otp_verify")
    assert client.get(reverse("cases:detail", args=[casus.pk])).status_code == 302  # without HTMX as before
