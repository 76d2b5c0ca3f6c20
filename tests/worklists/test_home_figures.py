"""Issue 17: the home page's counts, its previous visit and whether each section has a row
come from one statement (services.staff_home_figures / partner_home_figures), and a
section's list is asked only when it has a row. The figures must equal what the lists
and the separate counts gave before, for every role, also on a first visit."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CasusFactory, MeldingFactory
from vangnet.cases.models import CaseMember, Phase
from vangnet.intake.models import Melding
from vangnet.network.services import due_follow_ups
from vangnet.norms.models import NormSettings
from vangnet.notifications.models import Notification
from vangnet.plannen.models import Action, Goal
from vangnet.plannen.services import overdue_actions_for_worker
from vangnet.procesregie.services import regisseur_overdue_actions
from vangnet.worklists import contact_board, services
from vangnet.worklists.models import HomeVisit
from vangnet.wvggz.services import worklist_rows

from .conftest import NOW, add_attempt, add_member, local

pytestmark = pytest.mark.django_db

HOME = reverse("worklists:home")
STAFF = ("meldpunt", "bemoeizorger", "duo", "teamleider", "consultant", "other_meldpunt", "other_teamleider")


@pytest.fixture
def world(users, ggd, other_org, frozen):
    """Casussen old and new, open and closed, with and without an attempt; meldingen to
    triage in and past the norm, before and after the previous visit; notifications; an
    overdue plan action. The previous visit of everyone: 1 May 2026, 12:00."""
    since = local(2026, 5, 1, 12, 0)
    bz, duo = users["bemoeizorger"], users["duo"]
    old = CasusFactory(organisation=ggd, casusregisseur=bz, opened_at=local(2026, 4, 1, 9, 0))
    CaseMember.objects.filter(casus=old).update(added_at=local(2026, 4, 1, 9, 0))
    add_attempt(old, local(2026, 4, 2, 9, 0))
    waiting = CasusFactory(organisation=ggd, casusregisseur=bz, opened_at=local(2026, 4, 20, 9, 0))
    CaseMember.objects.filter(casus=waiting).update(added_at=local(2026, 4, 20, 9, 0))
    joined = CasusFactory(organisation=ggd, casusregisseur=bz, opened_at=local(2026, 5, 6, 9, 0))
    add_member(joined, duo)  # added now: after the previous visit
    closed = CasusFactory(organisation=ggd, casusregisseur=bz, phase=Phase.AFGESLOTEN)
    add_member(closed, duo)
    CasusFactory(organisation=other_org, casusregisseur=users["other_bemoeizorger"])
    late = MeldingFactory(meldpunt=ggd, received_at=local(2026, 4, 28, 9, 0))  # past the norm, before the visit
    Melding.objects.filter(pk=late.pk).update(created_at=local(2026, 4, 28, 9, 0))
    MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 7, 9, 0))  # registered now
    MeldingFactory(meldpunt=other_org, received_at=local(2026, 5, 4, 9, 0))
    for user in users.values():
        HomeVisit.objects.create(user=user, seen_at=since)
    Notification.objects.create(user=bz, text="Nieuw")
    old_note = Notification.objects.create(user=bz, text="Oud")
    Notification.objects.filter(pk=old_note.pk).update(created_at=since - timedelta(days=1))
    goal = Goal.objects.create(casus=joined, text="Werk", created_by=duo)
    Action.objects.create(
        goal=goal, description="Te laat", owner_user=duo, due_date=NOW.date() - timedelta(days=2), created_by=duo
    )
    return since


def _as_before(user, since):
    """The figures as the home page counted them before, one query each."""
    settings = NormSettings.current()
    new_ids = set(
        CaseMember.objects.filter(user=user, added_at__gt=since)
        .exclude(casus__phase=Phase.AFGESLOTEN)
        .values_list("casus_id", flat=True)
    )
    mine = services.my_open_counts(user, NOW, settings, new_ids)
    figures = {
        "previous_visit": since,
        "new_notifications": Notification.objects.filter(user=user, created_at__gt=since).count(),
        "my_open": mine["open"],
        "my_overdue": mine["overdue"],
        "my_new": mine["new"],
        "any_wvggz": bool(worklist_rows(user)),
        "any_follow_up": bool(list(due_follow_ups(user))),
        "any_plan_overdue": bool(list(overdue_actions_for_worker(user))),
        "any_regie_overdue": bool(regisseur_overdue_actions(user)),
    }
    if user.role in ("meldpunt", "teamleider"):
        triage = services.triage_counts(user, NOW, settings, since)
        overdue_casussen = services.organisation_overdue_casussen(user, NOW, settings)
        figures |= {
            "triage_total": triage["total"],
            "triage_overdue": triage["overdue"],
            "triage_new": triage["new"],
            "any_casus_overdue": overdue_casussen.exists(),
        }
    if user.role in ("bemoeizorger", "teamleider", "consultant"):
        figures["contact_board"] = contact_board.lapsed_count(user, NOW)
    return figures


@pytest.mark.parametrize("role", STAFF)
def test_the_figures_equal_the_separate_counts(world, users, role):
    user = users[role]
    figures = services.staff_home_figures(user, NOW, NormSettings.current())
    figures.pop("any_verzoek", None)  # the teamleider's requests: their own test below
    assert figures == _as_before(user, world)


def test_the_world_has_something_to_count(world, users):
    """Guard for the test above: the figures it compares are not all zero."""
    bz = services.staff_home_figures(users["bemoeizorger"], NOW, NormSettings.current())
    duo = services.staff_home_figures(users["duo"], NOW, NormSettings.current())
    meldpunt = services.staff_home_figures(users["meldpunt"], NOW, NormSettings.current())
    assert (bz["my_open"], bz["my_overdue"], bz["new_notifications"]) == (3, 1, 1)
    assert (duo["my_open"], duo["my_new"], duo["any_plan_overdue"]) == (1, 1, True)
    assert (meldpunt["triage_total"], meldpunt["triage_overdue"], meldpunt["triage_new"]) == (2, 1, 1)


def test_a_first_visit_has_no_previous_visit_and_nothing_new(world, users):
    HomeVisit.objects.filter(user=users["duo"]).delete()
    figures = services.staff_home_figures(users["duo"], NOW, NormSettings.current())
    assert figures["previous_visit"] is None
    assert (figures["my_new"], figures["new_notifications"], figures["my_open"]) == (0, 0, 1)


def test_a_teamleider_without_open_requests_is_told_so_without_a_query(world, users, login):
    figures = services.staff_home_figures(users["teamleider"], NOW, NormSettings.current())
    assert figures["any_verzoek"] is False
    html = login(users["teamleider"]).get(HOME).content.decode()
    assert "Geen verzoeken waarvan de termijn binnen een week afloopt." in html


def test_the_partner_figures_equal_the_separate_counts(world, users):
    partner = users["partner"]
    figures = services.partner_home_figures(partner)
    referrals = services.partner_referrals(partner)
    assert figures == {
        "previous_visit": world,
        "new_notifications": 0,
        "referrals": referrals.count(),
        "referrals_waiting": referrals.filter(status="voorgesteld").count(),
        "referrals_new": referrals.filter(proposed_at__gt=world).count(),
        "meldingen": services.partner_meldingen(partner).count(),
        "any_plan_overdue": False,
        "any_aan_zet": False,
    }


def test_an_empty_section_asks_no_list(world, users, login):
    """The bemoeizorger has no Wvggz onderzoek, vinger aan de pols, plan or procesregie
    action: none of those lists is queried; her own casussen are."""
    client = login(users["bemoeizorger"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)
    assert response.status_code == 200
    lists = {re.match(r'SELECT (?:DISTINCT )?"(\w+)"\.', q["sql"]) for q in queries.captured_queries}
    tables = {m.group(1) for m in lists if m}
    assert not tables & {"wvggz_onderzoek", "network_followup", "plannen_action", "procesregie_action"}
    assert "cases_casus" in tables
    assert len(response.context["my_open"]) == 3
