"""Work queues: who may see which list, what is in it, and what gets logged."""

import pytest
from django.urls import reverse

from tests.factories import CasusFactory, MeldingFactory
from vangnet.audit.models import AccessLog
from vangnet.cases.models import Phase
from vangnet.intake.models import Melding
from vangnet.norms.models import NormSettings

from .conftest import add_attempt, add_member, local

pytestmark = pytest.mark.django_db

URLS = {
    "home": "worklists:home",
    "to_triage": "worklists:to_triage",
    "my_cases": "worklists:my_cases",
    "overdue": "worklists:overdue",
}


def get(login, user, name, **params):
    return login(user).get(reverse(URLS[name]), params)


# --- permissions ---------------------------------------------------------------


@pytest.mark.parametrize("name", URLS)
def test_anonymous_goes_to_login(client, name):
    response = client.get(reverse(URLS[name]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


@pytest.mark.parametrize("role", ["bemoeizorger", "consultant", "partner", "beheerder"])
@pytest.mark.parametrize("name", ["to_triage", "overdue"])
def test_triage_lists_refuse_other_roles(users, login, role, name):
    assert get(login, users[role], name).status_code == 403


@pytest.mark.parametrize("role", ["partner", "beheerder"])
def test_my_cases_refuses_partner_and_beheerder(users, login, role):
    assert get(login, users[role], "my_cases").status_code == 403


@pytest.mark.parametrize("role", ["meldpunt", "teamleider"])
@pytest.mark.parametrize("name", ["home", "to_triage", "my_cases", "overdue"])
def test_triage_roles_get_every_list(users, login, frozen, role, name):
    assert get(login, users[role], name).status_code == 200


@pytest.mark.parametrize("role", ["bemoeizorger", "consultant"])
@pytest.mark.parametrize("name", ["home", "my_cases"])
def test_case_roles_get_home_and_my_cases(users, login, frozen, role, name):
    assert get(login, users[role], name).status_code == 200


def test_partner_home_is_a_page_not_a_redirect(users, login):
    # Issue 11 item 9: the partner lands on a home page of her own (tests/worklists/test_partner_home.py).
    response = get(login, users["partner"], "home")
    assert response.status_code == 200
    assert reverse("intake:partner_list") in response.content.decode()


def test_beheerder_home_links_to_admin(users, login):
    response = get(login, users["beheerder"], "home")
    assert response.status_code == 200
    assert reverse("admin:index") in response.content.decode()
    assert "Te triëren" not in response.content.decode().split("<main", 1)[1]


# --- te triëren ----------------------------------------------------------------


def test_to_triage_lists_own_meldpunt_oldest_first_with_overdue_badge(users, login, ggd, other_org, frozen):
    late = MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 4, 9, 0), surname="Laatkomer")
    fresh = MeldingFactory(
        meldpunt=ggd, received_at=local(2026, 5, 7, 8, 0), surname="Vandaagmans", urgency_indicators=["kinderen"]
    )
    MeldingFactory(
        meldpunt=ggd, received_at=local(2026, 5, 6, 9, 0), surname="Getrieerdsma", status=Melding.Status.GETRIEERD
    )
    MeldingFactory(meldpunt=other_org, received_at=local(2026, 5, 4, 9, 0), surname="Buitenregio")

    response = get(login, users["meldpunt"], "to_triage")
    html = response.content.decode()
    # Urgent first (issue 11): the fresh melding with a signal goes above the older one without.
    assert [m.pk for m in response.context["meldingen"]] == [fresh.pk, late.pk]
    assert "Laatkomer" in html and "Vandaagmans" in html
    assert "Getrieerdsma" not in html
    assert "Buitenregio" not in html
    assert response.context["meldingen"][1].triage_overdue is True
    assert response.context["meldingen"][0].triage_overdue is False
    assert "Te laat" in html  # badge text, not colour alone
    assert "Kinderen betrokken" in html
    assert reverse("triage:melding", args=[late.pk]) in html


def test_other_meldpunt_sees_only_its_own(users, login, ggd, other_org, frozen):
    mine = MeldingFactory(meldpunt=other_org, received_at=local(2026, 5, 6, 9, 0))
    MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 6, 9, 0))
    for role in ("other_meldpunt", "other_teamleider"):
        response = get(login, users[role], "to_triage")
        assert [m.pk for m in response.context["meldingen"]] == [mine.pk]


def test_to_triage_logs_one_read_per_row(users, login, ggd, other_org, frozen):
    shown = [MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, d, 9, 0)) for d in (4, 6)]
    hidden = MeldingFactory(meldpunt=other_org, received_at=local(2026, 5, 4, 9, 0))
    before = AccessLog.objects.count()
    get(login, users["meldpunt"], "to_triage")
    rows = AccessLog.objects.order_by("pk")[before:]
    assert sorted(r.melding_id for r in rows) == sorted(str(m.pk) for m in shown)
    assert all(r.action == AccessLog.Action.READ and r.username == "meldpunt" for r in rows)
    assert str(hidden.pk) not in {r.melding_id for r in rows}


def test_changed_triage_norm_moves_overdue(users, login, ggd, frozen):
    melding = MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 6, 9, 0))  # Wednesday
    response = get(login, users["meldpunt"], "overdue")
    assert [m.pk for m in response.context["meldingen"]] == [melding.pk]
    norms = NormSettings.current()
    norms.triage_workdays = 1  # now due Thursday (today) at the end of the day
    norms.save()
    response = get(login, users["meldpunt"], "overdue")
    assert response.context["meldingen"] == []
    response = get(login, users["meldpunt"], "to_triage")
    assert response.context["meldingen"][0].triage_overdue is False


# --- te laat -------------------------------------------------------------------


def test_overdue_appears_and_disappears(users, login, ggd, other_org, frozen):
    melding = MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 4, 9, 0), surname="Wachtmans")
    # Opened Friday 1 May: the first attempt was due Wednesday 6 May (5 May is a holiday).
    casus = CasusFactory(organisation=ggd, opened_at=local(2026, 5, 1, 9, 0), casusregisseur=users["bemoeizorger"])
    not_yet = CasusFactory(organisation=ggd, opened_at=local(2026, 5, 5, 9, 0), casusregisseur=users["bemoeizorger"])
    foreign = CasusFactory(organisation=other_org, opened_at=local(2026, 4, 1, 9, 0))
    foreign_melding = MeldingFactory(meldpunt=other_org, received_at=local(2026, 4, 1, 9, 0))

    for role in ("meldpunt", "teamleider"):
        response = get(login, users[role], "overdue")
        assert [m.pk for m in response.context["meldingen"]] == [melding.pk]
        assert [c.pk for c in response.context["casussen"]] == [casus.pk]
        html = response.content.decode()
        assert "Eerste contactpoging te laat" in html
        assert foreign.reference not in html and foreign_melding.reference not in html
        assert not_yet.reference not in html

    add_attempt(casus, local(2026, 5, 7, 9, 0))
    melding.status = Melding.Status.GETRIEERD
    melding.save()
    response = get(login, users["teamleider"], "overdue")
    assert response.context["meldingen"] == []
    assert response.context["casussen"] == []


def test_overdue_logs_reads(users, login, ggd, frozen):
    melding = MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 4, 9, 0))
    casus = CasusFactory(organisation=ggd, opened_at=local(2026, 5, 1, 9, 0))
    before = AccessLog.objects.count()
    get(login, users["teamleider"], "overdue")
    rows = list(AccessLog.objects.order_by("pk")[before:])
    assert {(r.object_type, r.melding_id or r.casus_id) for r in rows} == {
        ("melding", str(melding.pk)),
        ("casus", str(casus.pk)),
    }
    casus_row = next(r for r in rows if r.object_type == "casus")
    assert casus_row.person_id == str(casus.person_id)


# --- mijn casussen -------------------------------------------------------------


def test_my_cases_only_memberships_grouped(users, login, ggd, frozen):
    me = users["bemoeizorger"]
    overdue = CasusFactory(organisation=ggd, casusregisseur=me, opened_at=local(2026, 5, 1, 9, 0))
    busy = CasusFactory(organisation=ggd, casusregisseur=users["duo"], opened_at=local(2026, 4, 1, 9, 0))
    add_member(busy, me)
    add_attempt(busy, local(2026, 4, 2, 9, 0))
    add_attempt(busy, local(2026, 5, 4, 15, 0), result="gesprek")
    closed = CasusFactory(
        organisation=ggd,
        casusregisseur=me,
        opened_at=local(2026, 1, 5, 9, 0),
        phase=Phase.AFGESLOTEN,
        closed_at=local(2026, 3, 1, 9, 0),
    )
    someone_elses = CasusFactory(organisation=ggd, casusregisseur=users["duo"], opened_at=local(2026, 4, 1, 9, 0))

    response = get(login, me, "my_cases")
    open_cases = response.context["open_cases"]
    assert [c.pk for c in open_cases] == [overdue.pk, busy.pk]  # overdue first
    assert [c.pk for c in response.context["closed_cases"]] == [closed.pk]
    assert open_cases[0].first_attempt_overdue and not open_cases[1].first_attempt_overdue
    assert open_cases[1].attempt_count == 2
    assert open_cases[1].days_since_last_attempt == 3
    assert open_cases[1].first_contact_at == local(2026, 5, 4, 15, 0)
    html = response.content.decode()
    assert someone_elses.reference not in html
    assert "Eerste contactpoging te laat" in html
    assert "3 dagen geleden" in html
    assert reverse("cases:detail", args=[overdue.pk]) in html

    # The teamleider sees all organisation casussen elsewhere, but "mijn casussen" only memberships.
    response = get(login, users["teamleider"], "my_cases")
    assert response.context["open_cases"] == [] and response.context["closed_cases"] == []


def test_my_cases_attempt_clears_badge(users, login, ggd, frozen):
    me = users["consultant"]
    casus = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"], opened_at=local(2026, 5, 1, 9, 0))
    add_member(casus, me, role="consultant")
    assert get(login, me, "my_cases").context["open_cases"][0].first_attempt_overdue
    add_attempt(casus, local(2026, 5, 6, 9, 0))
    row = get(login, me, "my_cases").context["open_cases"][0]
    assert not row.first_attempt_overdue
    assert row.first_attempt_status == "op_tijd"


def test_my_cases_logs_reads_as_member(users, login, ggd, frozen):
    casus = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"], opened_at=local(2026, 5, 1, 9, 0))
    before = AccessLog.objects.count()
    get(login, users["bemoeizorger"], "my_cases")
    rows = list(AccessLog.objects.order_by("pk")[before:])
    assert [(r.casus_id, r.reason, r.action) for r in rows] == [(str(casus.pk), "casuslid", AccessLog.Action.READ)]


def test_my_cases_bad_page_number_is_not_an_error(users, login, frozen):
    assert get(login, users["bemoeizorger"], "my_cases", pagina="abc").status_code == 200
    assert get(login, users["bemoeizorger"], "my_cases", pagina="999").status_code == 200


# --- dashboard -----------------------------------------------------------------


def test_dashboard_meldpunt_counts_and_lists(users, login, ggd, other_org, frozen):
    MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 4, 9, 0), surname="Laatkomer")
    MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 7, 9, 0))
    MeldingFactory(meldpunt=other_org, received_at=local(2026, 5, 4, 9, 0), surname="Buitenregio")
    CasusFactory(organisation=ggd, opened_at=local(2026, 5, 1, 9, 0))
    response = get(login, users["meldpunt"], "home")
    ctx = response.context
    assert ctx["to_triage_count"] == 2
    assert ctx["overdue_meldingen_count"] == 1
    assert ctx["overdue_casussen_count"] == 1
    assert ctx["overdue_count"] == 2
    html = response.content.decode()
    assert "Laatkomer" in html and "Buitenregio" not in html
    assert "Te laat" in html


def test_dashboard_logs_each_melding_once(users, login, ggd, frozen):
    melding = MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 4, 9, 0))  # in both "te triëren" and "te laat"
    before = AccessLog.objects.count()
    get(login, users["meldpunt"], "home")
    rows = [r for r in AccessLog.objects.order_by("pk")[before:] if r.object_type == "melding"]
    assert [r.melding_id for r in rows] == [str(melding.pk)]


def test_dashboard_bemoeizorger_my_cases_with_badge(users, login, ggd, frozen):
    me = users["bemoeizorger"]
    overdue = CasusFactory(organisation=ggd, casusregisseur=me, opened_at=local(2026, 5, 1, 9, 0))
    MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 4, 9, 0), surname="Laatkomer")
    response = get(login, me, "home")
    assert [c.pk for c in response.context["my_open"]] == [overdue.pk]
    assert "is_triage_role" not in response.context
    html = response.content.decode()
    assert "eerste contactpoging te laat" in html.lower()
    assert "Laatkomer" not in html


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["home", "to_triage", "my_cases", "overdue"])
def test_query_count_does_not_grow_with_rows(users, login, ggd, frozen, name):
    me = users["teamleider"]
    client = login(me)
    url = reverse(URLS[name])

    def add_rows(n):
        for _ in range(n):
            MeldingFactory(meldpunt=ggd, received_at=local(2026, 5, 4, 9, 0), urgency_indicators=["kinderen"])
            casus = CasusFactory(organisation=ggd, casusregisseur=me, opened_at=local(2026, 5, 1, 9, 0))
            add_attempt(
                CasusFactory(organisation=ggd, casusregisseur=me, opened_at=local(2026, 4, 1, 9, 0)),
                local(2026, 4, 2, 9, 0),
            )
            assert casus.pk

    NormSettings.current()
    client.get(url)  # the first home visit differs (nothing is "new" yet); measure later ones
    add_rows(2)
    few = _queries(client, url)
    add_rows(3)
    assert _queries(client, url) == few
