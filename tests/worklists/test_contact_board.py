"""Issue 15, part 3: the contact-lapse board. Which casussen are on it (last real
contact older than the rhythm, voided attempts not counting), worst first, with
who is aan zet and the attempts without contact as effort; who may open it; and
that nothing closes a lapsed casus."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.audit.models import AccessLog
from vangnet.cases import services as case_services
from vangnet.cases.models import Casus, ContactAttempt, Phase
from vangnet.worklists import contact_board

pytestmark = pytest.mark.django_db

URL = "/werkvoorraad/contactbord/"


def _casus(ggd, regisseur, *, days_open=200, intensity="wekelijks", **kwargs):
    return CasusFactory(
        organisation=ggd,
        casusregisseur=regisseur,
        opened_at=timezone.now() - timedelta(days=days_open),
        intensity=intensity,
        **kwargs,
    )


def _attempt(casus, days_ago, result="geen_gehoor"):
    attempt = ContactAttempt.objects.create(
        casus=casus,
        at=timezone.now() - timedelta(days=days_ago),
        type="huisbezoek",
        result=result,
        created_by=casus.casusregisseur,
    )
    case_services.refresh_has_contact_attempt([casus.pk])
    return attempt


def _board(user):
    now = timezone.now()
    return contact_board.board_rows(user, contact_board.lapsed_order(user, now), now)


def test_the_url_is_the_worklist_style():
    assert reverse("worklists:contact_board") == URL


def test_on_the_board_only_when_the_last_real_contact_is_older_than_the_rhythm(users, ggd):
    sanne = users["bemoeizorger"]
    within = _casus(ggd, sanne)  # wekelijks, gesprek 3 days ago
    _attempt(within, 3, "gesprek")
    lapsed = _casus(ggd, sanne)  # wekelijks, kort contact 10 days ago
    _attempt(lapsed, 10, "kort_contact")
    daily = _casus(ggd, sanne, intensity="dagelijks")  # gesprek 2 days ago: over a daily rhythm
    _attempt(daily, 2, "gesprek")
    pulse = _casus(ggd, sanne, intensity="vinger_aan_de_pols")  # 60 days: within 91
    _attempt(pulse, 60, "gesprek")
    closed = _casus(ggd, sanne, phase=Phase.AFGESLOTEN)
    _attempt(closed, 100, "gesprek")
    on_board = {r.casus.pk for r in _board(sanne)}
    assert on_board == {lapsed.pk, daily.pk}


def test_worst_first_by_rhythms_overdue(users, ggd):
    sanne = users["bemoeizorger"]
    monthly = _casus(ggd, sanne, intensity="maandelijks")  # 62 days: 2 rhythms
    _attempt(monthly, 62, "gesprek")
    daily = _casus(ggd, sanne, intensity="dagelijks")  # 5 days: 5 rhythms
    _attempt(daily, 5, "gesprek")
    weekly = _casus(ggd, sanne)  # 21 days: 3 rhythms
    _attempt(weekly, 21, "gesprek")
    rows = _board(sanne)
    assert [r.casus.pk for r in rows] == [daily.pk, weekly.pk, monthly.pk]
    assert [r.days_since for r in rows] == [5, 21, 62]
    assert rows[0].aan_zet == sanne


def test_voided_contact_does_not_count_and_failed_attempts_are_effort(users, ggd):
    sanne = users["bemoeizorger"]
    casus = _casus(ggd, sanne)
    _attempt(casus, 30, "gesprek")  # the last real contact
    _attempt(casus, 20)
    _attempt(casus, 12, "geweigerd")
    _attempt(casus, 10)
    typed_wrong = _attempt(casus, 2, "gesprek")
    case_services.void_contact_attempt(typed_wrong, reason="Verkeerde casus", by=sanne, expected_version=1)
    voided_failed = _attempt(casus, 5)
    case_services.void_contact_attempt(voided_failed, reason="Dubbel ingevoerd", by=sanne, expected_version=1)
    [row] = _board(sanne)
    assert row.days_since == 30 and row.attempts_without_contact == 3 and row.has_contact


def test_without_any_contact_the_board_counts_from_the_start(users, ggd):
    sanne = users["bemoeizorger"]
    casus = _casus(ggd, sanne, days_open=9)
    _attempt(casus, 8)
    _attempt(casus, 4)
    fresh = _casus(ggd, sanne, days_open=2)  # opened two days ago: still within a week
    [row] = _board(sanne)
    assert row.casus == casus and not row.has_contact
    assert row.days_since == 9 and row.attempts_without_contact == 2
    assert fresh.pk not in {r.casus.pk for r in _board(sanne)}


def test_the_board_shows_only_what_the_user_sees(users, ggd, other_org):
    sanne, duo = users["bemoeizorger"], users["duo"]
    mine = _casus(ggd, sanne)
    other_org_casus = _casus(other_org, users["other_teamleider"])
    assert {r.casus.pk for r in _board(sanne)} == {mine.pk}
    assert _board(duo) == []  # not on the casus
    assert {r.casus.pk for r in _board(users["teamleider"])} == {mine.pk}  # her organisation
    assert {r.casus.pk for r in _board(users["other_teamleider"])} == {other_org_casus.pk}


def test_the_page_shows_the_row_and_logs_one_read_per_casus(users, ggd, login):
    sanne = users["bemoeizorger"]
    casus = _casus(ggd, sanne, intensity="meermaals_per_week")
    _attempt(casus, 14, "gesprek")
    _attempt(casus, 6)
    _attempt(casus, 3)
    _attempt(casus, 1)
    response = login(users["teamleider"]).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert casus.reference in html and "Meermaals per week" in html and "14 dagen geleden" in html
    assert "3 pogingen zonder contact" in html and str(sanne) in html
    assert reverse("cases:intensity", args=[casus.pk]) in html
    [read] = AccessLog.objects.filter(
        action=AccessLog.Action.READ, casus_id=str(casus.pk), detail__startswith="contactbord"
    )
    assert read.reason == "betrokkenheid organisatie"


def test_the_page_is_a_fixed_number_of_queries(users, ggd, login):
    sanne = users["bemoeizorger"]
    client = login(sanne)
    client.get(URL)
    for n in range(3):
        _attempt(_casus(ggd, sanne), 20 + n)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(12):
        casus = _casus(ggd, sanne)
        _attempt(casus, 20 + n)
        _attempt(casus, 10)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("who", ["meldpunt", "partner", "beheerder", "other_meldpunt"])
def test_refused_with_one_refusal_row(users, login, who):
    before = AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count()
    assert login(users[who]).get(URL).status_code == 403
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == before + 1


def test_the_consultant_sees_the_board(users, login):
    assert login(users["consultant"]).get(URL).status_code == 200


def test_the_home_page_links_to_the_board_for_the_care_team(users, ggd, login):
    _casus(ggd, users["bemoeizorger"])
    html = login(users["bemoeizorger"]).get(reverse("worklists:home")).content.decode()
    assert URL in html and "1 casus met contact over tijd" in html
    assert URL not in login(users["meldpunt"]).get(reverse("worklists:home")).content.decode()


def test_a_long_lapsed_casus_stays_open_after_the_board_and_the_sweeps(users, ggd, login):
    sanne = users["bemoeizorger"]
    casus = _casus(ggd, sanne, days_open=3000, intensity="dagelijks")
    for days in (2900, 2000, 1000, 10):
        _attempt(casus, days)
    login(sanne).get(URL)
    login(users["teamleider"]).get(URL)
    for command in ("send_follow_up_reminders", "send_wvggz_reminders", "send_notification_digest", "retry_mail"):
        call_command(command)
    casus = Casus.objects.get(pk=casus.pk)
    assert casus.is_open and casus.phase == Phase.CONTACT_LEGGEN and casus.closed_at is None
    assert not casus.phase_changes.exists()
    assert [r.casus.pk for r in _board(sanne)] == [casus.pk]
