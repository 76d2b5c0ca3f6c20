import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from vangnet.access.models import BreakGlassGrant
from vangnet.audit.models import AccessLog

URL = reverse("access:break_glass")


def confirm_url(person):
    return reverse("access:break_glass_confirm", args=[person.pk])


def new_rows(before_id):
    return AccessLog.objects.filter(pk__gt=before_id).order_by("id")


def last_id():
    row = AccessLog.objects.order_by("-id").first()
    return row.pk if row else 0


@pytest.mark.parametrize("role", ["teamleider", "bemoeizorger", "consultant", "partner", "beheerder"])
def test_only_meldpunt_may_break_the_glass(world, login, role):
    client = login(world.users[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"bsn": "111222333"}).status_code == 403
    assert client.get(confirm_url(world.p_other)).status_code == 403


def test_inactive_or_orgless_meldpunt_refused(world, login):
    # an inactive user cannot even log in; a meldpunt worker without organisation gets 403
    assert login(world.users["no_org"]).get(URL).status_code == 403


def test_anonymous_goes_to_login(world, client):
    response = client.get(URL)
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_search_by_bsn_logs_summary_without_full_bsn(world, login):
    client = login(world.users["other_meldpunt"])
    before = last_id()
    response = client.post(URL, {"bsn": "111 222 333"})
    assert response.status_code == 200
    html = response.content.decode()
    assert world.p_own.display_name in html
    assert str(world.p_own.date_of_birth.year) in html
    # minimal identification only: no casus or melding content, no full BSN
    assert world.casus_own.reference not in html
    assert world.melding_own.reference not in html
    assert "111222333" not in html
    rows = list(new_rows(before))
    assert rows and all(r.action == AccessLog.Action.EXECUTE for r in rows)
    assert any(r.person_id == str(world.p_own.pk) for r in rows)
    for row in rows:
        assert "111222333" not in row.detail + row.reason + row.path
        assert "333" in row.detail + row.reason
        assert not row.break_glass


def test_search_by_surname_and_date_of_birth_normalised(world, login):
    person = PersonFactory(given_names="Piet", tussenvoegsel="van der", surname="Berg", date_of_birth="1961-04-05")
    PersonFactory(given_names="Jan", surname="Berg", date_of_birth="1970-01-01")
    client = login(world.users["meldpunt"])
    response = client.post(URL, {"surname": "Van der Berg", "date_of_birth": "1961-04-05"})
    html = response.content.decode()
    assert person.display_name in html and "1961" in html
    assert "Jan" not in html
    assert AccessLog.objects.filter(action="E", person_id=str(person.pk)).exists()


def test_search_errors_are_dutch_and_not_logged(world, login):
    client = login(world.users["meldpunt"])
    before = last_id()
    response = client.post(URL, {"bsn": "123456789"})
    assert response.status_code == 200
    assert "geen geldig BSN" in response.content.decode()
    response = client.post(URL, {"surname": "Berg"})
    assert "Vul een BSN in, of een achternaam én een geboortedatum." in response.content.decode()
    response = client.post(URL, {"surname": "Berg", "date_of_birth": "31-31-2020"})
    assert "geldige datum" in response.content.decode()
    assert not new_rows(before).exists()


def test_no_results(world, login):
    response = login(world.users["meldpunt"]).post(URL, {"surname": "Bestaatniet", "date_of_birth": "1950-01-01"})
    assert "Geen persoon gevonden" in response.content.decode()
    assert AccessLog.objects.filter(action="E", object_type="zoekopdracht").exists()


def test_choosing_requires_a_logged_search_first(world, login):
    client = login(world.users["meldpunt"])
    assert client.get(confirm_url(world.p_other)).status_code == 404
    response = client.post(confirm_url(world.p_other), {"reason": "Dringend contact nodig", "confirm": "on"})
    assert response.status_code == 404
    assert not BreakGlassGrant.objects.filter(user=world.users["meldpunt"]).exists()




def test_reason_and_confirmation_required(world, login):
    user = world.users["meldpunt"]
    client = login(user)
    p_other = world.p_other
    client.post(URL, {"surname": p_other.surname, "date_of_birth": p_other.date_of_birth.isoformat()})
    response = client.post(confirm_url(p_other), {"reason": "te kort", "confirm": "on"})
    assert response.status_code == 200
    assert "minstens 10 tekens" in response.content.decode()
    response = client.post(confirm_url(p_other), {"reason": "          kort     ", "confirm": "on"})
    assert "minstens 10 tekens" in response.content.decode()
    response = client.post(confirm_url(p_other), {"reason": "Politie belt: acuut zorgen over meneer"})
    assert "Bevestig dat de noodtoegang achteraf wordt beoordeeld." in response.content.decode()
    assert not BreakGlassGrant.objects.filter(user=user).exists()


def test_break_the_glass_full_flow(world, login, caplog):
    user = world.users["meldpunt"]
    client = login(user)
    p_other = world.p_other
    assert client.get(reverse("persons:detail", args=[p_other.pk])).status_code == 404

    client.post(URL, {"surname": p_other.surname, "date_of_birth": p_other.date_of_birth.isoformat()})
    before = last_id()
    reason = "Politie belt: acuut zorgen over meneer"
    with caplog.at_level(logging.WARNING):
        response = client.post(confirm_url(p_other), {"reason": reason, "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("persons:detail", args=[p_other.pk])

    grant = BreakGlassGrant.objects.get(user=user, person=p_other)
    assert grant.reason == reason
    assert timedelta(hours=3, minutes=59) < grant.expires_at - timezone.now() <= timedelta(hours=4)
    row = new_rows(before).get()
    assert row.break_glass and row.reason == reason and row.person_id == str(p_other.pk)
    assert any(r.levelno == logging.WARNING and "break_glass_granted" in r.getMessage() for r in caplog.records)

    # Everything read under the grant is flagged.
    before = last_id()
    response = client.get(reverse("persons:detail", args=[p_other.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    until = timezone.localtime(grant.expires_at).strftime("%H:%M")
    assert f"Noodtoegang actief tot {until} – alles wordt gelogd" in html
    assert world.casus_other.reference in html and world.melding_other.reference in html
    rows = list(new_rows(before))
    assert {r.object_type for r in rows} == {"persoon", "casus", "melding"}
    assert all(r.break_glass and r.reason == "noodtoegang" for r in rows)

    # A second choice of the same person needs a new search.
    assert client.get(confirm_url(p_other)).status_code == 404


def test_expired_grant_gives_no_access(world, login):
    client = login(world.users["bg_expired"])
    assert client.get(reverse("persons:detail", args=[world.p_other.pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[world.casus_other.pk])).status_code == 404


def test_person_already_visible_is_not_offered_break_glass(world, login):
    client = login(world.users["meldpunt"])
    response = client.post(URL, {"bsn": "111222333"})
    html = response.content.decode()
    assert reverse("persons:detail", args=[world.p_own.pk]) in html
    assert confirm_url(world.p_own) not in html


# --- review by the teamleider ----------------------------------------------

REVIEW = reverse("access:break_glass_review")


@pytest.mark.parametrize("role", ["meldpunt", "bemoeizorger", "consultant", "partner", "beheerder"])
def test_review_only_for_teamleider(world, login, role):
    client = login(world.users[role])
    assert client.get(REVIEW).status_code == 403
    grant = BreakGlassGrant.objects.filter(user=world.users["bg_active"]).get()
    assert client.post(reverse("access:break_glass_mark_reviewed", args=[grant.pk])).status_code == 403


def test_review_lists_own_organisation_grants(world, login):
    response = login(world.users["teamleider"]).get(REVIEW + "?toon=alle")
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("bg_active", "bg_expired", "bg_overlong"):
        assert str(world.users[key]) in html
    assert str(world.users["bg_wrong_role"]) not in html  # another organisation
    assert "Test: dringend nodig" in html
    assert world.p_other.display_name in html
    # reading the list is logged per person shown
    assert AccessLog.objects.filter(person_id=str(world.p_other.pk), reason="beoordeling noodtoegang").exists()
    # the person's access log is reachable for the review (what was read under the grant?)
    assert reverse("persons:access_log", args=[world.p_other.pk]) in html
    assert login(world.users["teamleider"]).get(reverse("persons:access_log", args=[world.p_other.pk])).status_code == 200


def test_review_other_organisation_sees_nothing_of_ours(world, login):
    client = login(world.users["other_teamleider"])
    html = client.get(REVIEW + "?toon=alle").content.decode()
    assert str(world.users["bg_active"]) not in html
    grant = BreakGlassGrant.objects.get(user=world.users["bg_active"])
    assert client.post(reverse("access:break_glass_mark_reviewed", args=[grant.pk])).status_code == 404
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_mark_reviewed(world, login):
    tl = world.users["teamleider"]
    client = login(tl)
    grant = BreakGlassGrant.objects.get(user=world.users["bg_active"])
    response = client.post(reverse("access:break_glass_mark_reviewed", args=[grant.pk]))
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == tl and grant.reviewed_at is not None
    # no longer in the default "to review" list
    assert str(world.users["bg_active"]) not in client.get(REVIEW).content.decode()
    assert client.get(reverse("access:break_glass_mark_reviewed", args=[grant.pk])).status_code == 405
