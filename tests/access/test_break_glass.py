import logging
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests import service_audit as sa
from tests.factories import PersonFactory
from vangnet.access import services
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
    other = PersonFactory(given_names="Jan", surname="Berg", date_of_birth="1970-01-01")
    client = login(world.users["meldpunt"])
    response = client.post(URL, {"surname": "Van der Berg", "date_of_birth": "1961-04-05"})
    html = response.content.decode()
    assert person.display_name in html and "1961" in html
    # The other Berg by name and birth year (a faker user name such as "Laura Jansen" holds "Jan").
    assert other.display_name not in html and "1970" not in html
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
    # The guard's row for the confirmation page, then the grant itself.
    shown, row = new_rows(before)
    assert (shown.action, shown.object_type, shown.person_id) == ("E", "persoon", str(p_other.pk))
    assert row.object_type == "noodtoegang"
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
    # Another organisation's user, but on a person whose data are ours: shown, judged by her own teamleider.
    assert str(world.users["bg_wrong_role"]) in html and "Nog niet beoordeeld door Vierde organisatie" in html
    assert "Test: dringend nodig" in html
    assert world.p_other.display_name in html
    # reading the list is logged per person shown
    assert AccessLog.objects.filter(person_id=str(world.p_other.pk), reason="beoordeling noodtoegang").exists()
    # the person's access log is reachable for the review (what was read under the grant?)
    assert reverse("persons:access_log", args=[world.p_other.pk]) in html
    assert (
        login(world.users["teamleider"]).get(reverse("persons:access_log", args=[world.p_other.pk])).status_code == 200
    )


def test_review_owning_organisation_sees_the_grant_but_does_not_judge_it(world, login):
    # bg_active (GGD) broke the glass for p_other, whose data belong to the other GGD.
    client = login(world.users["other_teamleider"])
    html = client.get(REVIEW + "?toon=alle").content.decode()
    # The page escapes names: a faker name like "Daan 's Gravensande" arrives as &#x27;.
    assert escape(str(world.users["bg_active"])) in html and escape(world.p_other.display_name) in html
    assert escape(str(world.users["bg_expired"])) in html
    grant = BreakGlassGrant.objects.get(user=world.users["bg_active"])
    assert reverse("access:break_glass_mark_reviewed", args=[grant.pk]) not in html
    before = last_id()
    assert client.post(reverse("access:break_glass_mark_reviewed", args=[grant.pk])).status_code == 403
    grant.refresh_from_db()
    assert grant.reviewed_at is None
    refused = new_rows(before).get()
    # The id asked for in the detail; the person it is about, so the attempt shows in her access log.
    assert (refused.action, refused.object_type, refused.person_id) == ("G", "noodtoegang", str(world.p_other.pk))
    assert refused.detail.startswith(f"noodtoegang {grant.pk}")
    # Her own teamleider judges it.
    assert (
        login(world.users["teamleider"]).post(reverse("access:break_glass_mark_reviewed", args=[grant.pk])).status_code
        == 302
    )


def test_review_third_organisation_sees_nothing(world, login):
    # tl_member's organisation owns no data of p_other or p_own (being a casus member is not owning).
    client = login(world.users["tl_member"])
    html = client.get(REVIEW + "?toon=alle").content.decode()
    for key in ("bg_active", "bg_expired", "bg_overlong", "bg_wrong_role"):
        assert str(world.users[key]) not in html
    grant = BreakGlassGrant.objects.get(user=world.users["bg_active"])
    before = last_id()
    assert client.post(reverse("access:break_glass_mark_reviewed", args=[grant.pk])).status_code == 404
    assert new_rows(before).get().action == "G"


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


# --- another organisation's data, and the daily cap -------------------------------


def _break_glass(client, person, reason="Politie belt: acuut zorgen over deze persoon"):
    client.post(URL, {"surname": person.surname, "date_of_birth": person.date_of_birth.isoformat()})
    return client.post(confirm_url(person), {"reason": reason, "confirm": "on"})


def test_grant_on_another_organisations_data_notifies_its_teamleiders_at_once(world, login):
    from vangnet.notifications.models import Notification

    assert _break_glass(login(world.users["meldpunt"]), world.p_other).status_code == 302
    got = Notification.objects.get()
    assert got.user == world.users["other_teamleider"]
    assert got.url == REVIEW
    # No client data in the text: no name, no BSN, no reference.
    for secret in (world.p_other.surname, world.p_other.given_names, world.casus_other.reference, "persoon"):
        assert secret.lower() not in got.text.lower()
    assert "GGD Testregio" in got.text
    # The wrong teamleiders hear nothing: the user's own (she reviews anyway) and a third organisation's.
    assert not Notification.objects.filter(user__in=[world.users["teamleider"], world.users["tl_member"]]).exists()


def test_grant_on_own_organisations_data_notifies_nobody_else(world, login):
    from vangnet.notifications.models import Notification

    person = PersonFactory(surname="Nergensbekend", date_of_birth=date(1950, 2, 3))
    assert _break_glass(login(world.users["meldpunt"]), person).status_code == 302
    assert not Notification.objects.exists()


@pytest.mark.parametrize("limit", [3, 1])
def test_daily_cap_refuses_the_next_grant_with_a_dutch_message_and_a_refused_row(world, login, settings, limit):
    settings.VANGNET_BREAK_GLASS_DAILY_LIMIT = limit
    user = world.users["other_meldpunt"]
    client = login(user)
    persons = [PersonFactory(surname=f"Persoon{i}", date_of_birth=date(1960, 1, i + 1)) for i in range(limit + 1)]
    for person in persons[:limit]:
        assert _break_glass(client, person).status_code == 302
    before = last_id()
    response = _break_glass(client, persons[limit])
    assert response.status_code == 200
    assert f"U hebt vandaag al {limit} keer noodtoegang gekregen" in response.content.decode()
    assert BreakGlassGrant.objects.filter(user=user).count() == limit
    refused = new_rows(before).get(action="G")
    assert refused.object_type == "noodtoegang" and refused.person_id == str(persons[limit].pk)
    assert refused.user_id == str(user.pk) and "maximum per dag" in refused.reason
    assert client.get(reverse("persons:detail", args=[persons[limit].pk])).status_code == 404
    # The next time she is told before typing a reason.
    client.post(URL, {"surname": persons[limit].surname, "date_of_birth": persons[limit].date_of_birth.isoformat()})
    page = client.get(confirm_url(persons[limit])).content.decode()
    assert "dat is het maximum per dag" in page


def test_daily_cap_counts_today_only(world, login, settings):
    settings.VANGNET_BREAK_GLASS_DAILY_LIMIT = 1
    user = world.users["other_meldpunt"]
    old = BreakGlassGrant.objects.create(
        user=user, person=world.p_own, reason="gisteren nodig geweest", created_at=timezone.now() - timedelta(days=1)
    )
    assert old.pk
    assert _break_glass(login(user), world.p_own).status_code == 302


def test_daily_limit_is_read_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "VANGNET_BREAK_GLASS_DAILY_LIMIT": "7",
        "VANGNET_REFUSAL_BURST": "12",
        "DJANGO_SETTINGS_MODULE": "vangnet.settings_test",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.VANGNET_BREAK_GLASS_DAILY_LIMIT, s.VANGNET_REFUSAL_BURST, s.VANGNET_REFUSAL_BURST_MINUTES)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.split() == ["7", "12", "5"]


# --- called directly: each service writes its own access-log row ------------------


def test_break_glass_services_called_without_a_request_write_their_rows(world, settings):
    settings.VANGNET_BREAK_GLASS_DAILY_LIMIT = 1
    meldpunt, person = world.users["meldpunt"], world.p_other
    with sa.new_rows() as rows:
        services.log_break_glass_search(meldpunt, [person], "zoeken op BSN eindigend op 123", context=sa.CONTEXT)
    assert len(rows) == 2
    sa.assert_row(rows[0], meldpunt, action="E", object_type="zoekopdracht")
    sa.assert_row(rows[1], meldpunt, action="E", object_type="persoon (zoekresultaat)", person=person)
    with sa.new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.break_the_glass(person, "kort", by=meldpunt, context=sa.CONTEXT)
    assert rows == [] and "reason" in exc.value.error_dict
    with sa.new_rows() as rows:
        grant = services.break_the_glass(person, "Politie belt: acuut zorgen", by=meldpunt, context=sa.CONTEXT)
    assert len(rows) == 1 and rows[0].break_glass
    sa.assert_row(rows[0], meldpunt, action="E", object_type="noodtoegang", person=person)
    # Over the daily limit: refused, and the service itself writes nothing (the view logs the refusal).
    with sa.new_rows() as rows, pytest.raises(services.BreakGlassLimitReached):
        services.break_the_glass(world.p_meld, "Politie belt: acuut zorgen", by=meldpunt, context=sa.CONTEXT)
    assert rows == []
    teamleider = world.users["teamleider"]
    with sa.new_rows() as rows:
        services.mark_reviewed(grant, by=teamleider, context=sa.CONTEXT)
    assert len(rows) == 1
    sa.assert_row(rows[0], teamleider, action="U", object_type="noodtoegang", person=person)
