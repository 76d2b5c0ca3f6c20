"""Issue 11 item 6: the teamleider's teambelasting (caseload per worker) and the
click-through lists behind its figures."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import CasusFactory, UserFactory
from tests.network.factories import ServiceFactory, propose
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.cases.models import Phase
from vangnet.network.models import FollowUp

from .conftest import NOW, add_attempt, local

pytestmark = pytest.mark.django_db

CASELOAD = reverse("worklists:caseload")
CASES = reverse("worklists:caseload_cases")


@pytest.fixture
def team(ggd, other_org, police):
    anna = UserFactory(
        username="anna", first_name="Anna", last_name="Aalders", role=Role.BEMOEIZORGER, organisation=ggd
    )
    bram = UserFactory(username="bram", first_name="Bram", last_name="Bakker", role=Role.BEMOEIZORGER, organisation=ggd)
    outsider = UserFactory(
        username="olga", first_name="Olga", last_name="Buiten", role=Role.BEMOEIZORGER, organisation=other_org
    )
    casus = {}
    # Anna: two in contact leggen (one without contact for weeks), one in toeleiding, one closed.
    casus["a_quiet"] = CasusFactory(organisation=ggd, casusregisseur=anna, opened_at=local(2026, 3, 1, 9, 0))
    add_attempt(casus["a_quiet"], local(2026, 4, 1, 9, 0), result="gesprek")  # real contact, but 5 weeks ago
    add_attempt(casus["a_quiet"], local(2026, 5, 5, 9, 0), result="geen_gehoor")  # this week, no contact
    casus["a_new"] = CasusFactory(organisation=ggd, casusregisseur=anna, opened_at=local(2026, 5, 1, 9, 0))
    casus["a_toeleiding"] = CasusFactory(
        organisation=ggd, casusregisseur=anna, phase=Phase.TOELEIDING, opened_at=local(2026, 2, 1, 9, 0)
    )
    add_attempt(casus["a_toeleiding"], local(2026, 5, 1, 9, 0), result="kort_contact")  # recent contact
    casus["a_closed"] = CasusFactory(
        organisation=ggd, casusregisseur=anna, phase=Phase.AFGESLOTEN, opened_at=local(2026, 1, 1, 9, 0)
    )
    # Bram: one in nazorg with a vinger aan de pols past its date.
    casus["b_nazorg"] = CasusFactory(
        organisation=ggd, casusregisseur=bram, phase=Phase.NAZORG, opened_at=local(2026, 1, 5, 9, 0)
    )
    add_attempt(casus["b_nazorg"], local(2026, 5, 6, 9, 0), result="gesprek")
    referral = propose(casus["b_nazorg"], ServiceFactory(organisation=police), bram)
    FollowUp.objects.create(referral=referral, key="2w", due_date=date(2026, 5, 1))
    FollowUp.objects.create(referral=referral, key="3m", due_date=date(2026, 8, 1))  # not due yet
    # Another organisation's casus: never counted here.
    casus["other"] = CasusFactory(organisation=other_org, casusregisseur=outsider, opened_at=local(2026, 1, 1, 9, 0))
    for c in casus.values():
        for attempt in c.attempts.all():
            attempt.workers.set([c.casusregisseur])
    return {"anna": anna, "bram": bram, "outsider": outsider, "casus": casus}


def loads_by_name(response):
    return {load.worker.username: load for load in response.context["loads"]}


# --- who may see it --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["meldpunt", "bemoeizorger", "consultant", "partner", "beheerder"])
@pytest.mark.parametrize("url", [CASELOAD, CASES])
def test_only_the_teamleider(users, login, role, url):
    response = login(users[role]).get(url)
    assert response.status_code == 403
    assert AccessLog.objects.filter(user_id=str(users[role].pk), action=AccessLog.Action.REFUSED).count() == 1


def test_anonymous_goes_to_login(client):
    assert client.get(CASELOAD).status_code == 302


# --- the figures ---------------------------------------------------------------------------


def test_figures_per_worker(users, login, team, frozen):
    response = login(users["teamleider"]).get(CASELOAD)
    assert response.status_code == 200
    loads = loads_by_name(response)
    assert "olga" not in loads  # another organisation's worker
    anna, bram = loads["anna"], loads["bram"]
    assert anna.running == 3 and anna.phases["contact_leggen"] == 2 and anna.phases["toeleiding"] == 1
    assert anna.attempts_this_week == 1
    assert anna.no_contact == 1  # a_quiet; a_new is younger than 14 days, a_toeleiding had contact
    assert anna.overdue_follow_ups == 0
    assert bram.running == 1 and bram.phases["nazorg"] == 1
    assert bram.attempts_this_week == 1 and bram.no_contact == 0 and bram.overdue_follow_ups == 1
    assert loads["bemoeizorger"].running == 0  # a worker without casussen still shows
    html = response.content.decode()
    assert "Anna Aalders" in html and "Olga Buiten" not in html
    assert f"?medewerker={team['anna'].pk}&amp;cijfer=zonder_contact" in html
    assert f"?medewerker={team['bram'].pk}&amp;cijfer=vinger" in html
    # The figures are counts: no client is named on the page.
    assert team["casus"]["a_quiet"].person.display_name not in html


def test_other_teamleider_sees_only_her_organisation(users, login, team, frozen):
    response = login(users["other_teamleider"]).get(CASELOAD)
    loads = loads_by_name(response)
    assert set(loads) == {"olga", "other_tl"}
    assert loads["olga"].running == 1


def test_a_departed_regisseur_still_shows_with_her_running_casussen(users, login, team, frozen):
    team["bram"].is_active = False
    team["bram"].save()
    loads = loads_by_name(login(users["teamleider"]).get(CASELOAD))
    assert loads["bram"].running == 1 and loads["bram"].left


# --- click through ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,figure,expected",
    [
        ("anna", "lopend", ["a_quiet", "a_new", "a_toeleiding"]),
        ("anna", "contact_leggen", ["a_quiet", "a_new"]),
        ("anna", "zonder_contact", ["a_quiet"]),
        ("anna", "pogingen", ["a_quiet"]),
        ("bram", "vinger", ["b_nazorg"]),
        ("bram", "toeleiding", []),
    ],
)
def test_click_through_lists_the_casussen_behind_a_figure(users, login, team, frozen, who, figure, expected):
    response = login(users["teamleider"]).get(CASES, {"medewerker": team[who].pk, "cijfer": figure})
    assert response.status_code == 200
    got = {c.pk for c in response.context["casussen"]}
    assert got == {team["casus"][key].pk for key in expected}


def test_click_through_logs_one_read_per_casus_shown(users, login, team, frozen):
    me = users["teamleider"]
    login(me).get(CASES, {"medewerker": team["anna"].pk, "cijfer": "lopend"})
    rows = AccessLog.objects.filter(user_id=str(me.pk), action=AccessLog.Action.READ, object_type="casus")
    assert sorted(int(r.casus_id) for r in rows) == sorted(
        team["casus"][k].pk for k in ("a_quiet", "a_new", "a_toeleiding")
    )
    assert {r.reason for r in rows} == {"betrokkenheid organisatie"}


def test_click_through_for_another_organisations_worker_is_404(users, login, team, frozen):
    me = users["teamleider"]
    response = login(me).get(CASES, {"medewerker": team["outsider"].pk, "cijfer": "lopend"})
    assert response.status_code == 404
    assert AccessLog.objects.filter(user_id=str(me.pk), action=AccessLog.Action.REFUSED).count() == 1
    assert "Olga" not in response.content.decode()


def test_click_through_without_worker_lists_only_own_organisation(users, login, team, frozen):
    response = login(users["other_teamleider"]).get(CASES)
    assert [c.pk for c in response.context["casussen"]] == [team["casus"]["other"].pk]


@pytest.mark.parametrize("params", [{"medewerker": "abc"}, {"medewerker": "9" * 40}, {"cijfer": "<script>"}])
def test_bad_input_is_not_an_error(users, login, team, frozen, params):
    response = login(users["teamleider"]).get(CASES, params)
    assert response.status_code in (200, 404)


# --- flat as data grows -----------------------------------------------------------------------


def _queries(client, url, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_workers_or_casussen(users, login, ggd, team, frozen):
    client = login(users["teamleider"])

    def grow(n):
        for _ in range(n):
            worker = UserFactory(role=Role.BEMOEIZORGER, organisation=ggd)
            for phase in (Phase.CONTACT_LEGGEN, Phase.VERKENNEN):
                c = CasusFactory(
                    organisation=ggd, casusregisseur=worker, phase=phase, opened_at=NOW - timedelta(days=30)
                )
                add_attempt(c, NOW - timedelta(days=1)).workers.set([worker])

    grow(1)
    _queries(client, CASELOAD), _queries(client, CASES)  # warm up: the first request of a session differs
    few = _queries(client, CASELOAD), _queries(client, CASES, {"cijfer": "lopend"})
    grow(6)
    assert (_queries(client, CASELOAD), _queries(client, CASES, {"cijfer": "lopend"})) == few
