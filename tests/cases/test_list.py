"""The list of all casussen (issue 11, item 4): the teamleider sees the organisation's,
a bemoeizorger or consultant only her own (and "mijn team" narrows, never widens);
every filter, the sort whitelist, bad input, the URL state, the export, a flat query count."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CasusFactory,
    GemeenteFactory,
    MeldingFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
    category,
)
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.cases import filters
from vangnet.cases.models import CaseMember, Casus, ContactAttempt, Phase
from vangnet.cases.services import refresh_has_contact_attempt

pytestmark = pytest.mark.django_db

URL = reverse("cases:list")
EXPORT = reverse("cases:list_export")


@pytest.fixture
def world(users, ggd, other_org, team):
    now = timezone.now()
    noord = GemeenteFactory(name="Noordstad")
    other_team = TeamFactory(organisation=ggd, name="Team Zuid")
    users["bemoeizorger"].teams.add(team)
    bz, duo, other_bz = users["bemoeizorger"], users["duo"], users["other_bemoeizorger"]

    def casus(ref, surname, regisseur, *, team_=team, opened_days=1, phase=Phase.CONTACT_LEGGEN, members=(), **melding):
        c = CasusFactory(
            reference=ref,
            organisation=ggd,
            team=team_,
            casusregisseur=regisseur,
            phase=phase,
            person=PersonFactory(given_names="Test", surname=surname),
            opened_at=now - timedelta(days=opened_days),
            members=list(members),
        )
        MeldingFactory(meldpunt=ggd, casus=c, person=c.person, status="getrieerd", **melding)
        return c

    c = {
        "own": casus("C-2026-00001", "Eigenaar", bz, opened_days=1, urgency_indicators=["gevaar_zelf"], gemeente=noord),
        "duo": casus("C-2026-00002", "Duopartner", duo, team_=other_team, opened_days=12, members=[bz]),
        "team": casus("C-2026-00003", "Teamgenoot", other_bz, opened_days=20, categories=[category("schulden")]),
        "closed": casus("C-2026-00004", "Gesloten", other_bz, phase=Phase.AFGESLOTEN, opened_days=40),
    }
    ContactAttempt.objects.create(
        casus=c["duo"], at=now - timedelta(days=11), type="huisbezoek", result="geen_gehoor", created_by=duo
    )
    refresh_has_contact_attempt([c["duo"].pk])
    c["foreign"] = CasusFactory(
        reference="C-2026-00999",
        organisation=other_org,
        person=PersonFactory(given_names="Test", surname="Buitenstaander"),
    )
    return {"c": c, "noord": noord, "other_team": other_team, "team": team}


def refs(response):
    return [c.reference for c in response.context["rows"]]


def get(login, user, **params):
    return login(user).get(URL, params)


def test_teamleider_sees_all_of_the_organisation(world, users, login):
    response = get(login, users["teamleider"])
    assert response.status_code == 200
    assert set(refs(response)) == {"C-2026-00001", "C-2026-00002", "C-2026-00003", "C-2026-00004"}
    assert "Buitenstaander" not in response.content.decode()


def test_bemoeizorger_sees_only_casussen_she_is_in(world, users, login):
    response = get(login, users["bemoeizorger"])
    assert set(refs(response)) == {"C-2026-00001", "C-2026-00002"}
    body = response.content.decode()
    assert "Teamgenoot" not in body and "Gesloten" not in body and "Buitenstaander" not in body


def test_mijn_team_narrows_and_never_widens(world, users, login):
    # C-2026-00003 is of her team, but she is not in it: still not shown.
    assert refs(get(login, users["bemoeizorger"], wie="team")) == ["C-2026-00001"]
    assert refs(get(login, users["bemoeizorger"], wie="regie")) == ["C-2026-00001"]
    assert set(refs(get(login, users["teamleider"], team=world["team"].pk))) == {
        "C-2026-00001",
        "C-2026-00003",
        "C-2026-00004",
    }


def test_bemoeizorger_export_has_no_casus_she_is_not_in(world, users, login):
    text = login(users["bemoeizorger"]).get(EXPORT).content.decode("utf-8-sig")
    assert "C-2026-00001" in text and "C-2026-00002" in text
    assert "C-2026-00003" not in text and "Teamgenoot" not in text


def test_consultant_sees_her_casus_only(world, users, login):
    CaseMember.objects.create(casus=world["c"]["team"], user=users["consultant"], role=CaseMember.Role.CONSULTANT)
    assert refs(get(login, users["consultant"])) == ["C-2026-00003"]


@pytest.mark.parametrize("role", ["meldpunt", "partner", "beheerder", "other_meldpunt"])
@pytest.mark.parametrize("url", [URL, EXPORT])
def test_other_roles_are_refused_with_a_refusal_row(world, users, login, role, url):
    before = AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count()
    assert login(users[role]).get(url).status_code == 403
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == before + 1
    assert not AccessLog.objects.filter(action=AccessLog.Action.READ, username=users[role].username).exists()


def test_rows_are_logged_with_their_basis(world, users, login):
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    get(login, users["bemoeizorger"])
    rows = AccessLog.objects.filter(pk__gt=before, action=AccessLog.Action.READ)
    assert sorted(rows.values_list("casus_id", flat=True)) == sorted(
        [str(world["c"]["own"].pk), str(world["c"]["duo"].pk)]
    )
    assert {r.reason for r in rows} == {"casuslid"}
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    get(login, users["teamleider"])
    reasons = set(AccessLog.objects.filter(pk__gt=before, action="R").values_list("reason", flat=True))
    assert reasons == {"betrokkenheid organisatie"}


def test_default_order_is_urgent_first_then_oldest(world, users, login):
    assert refs(get(login, users["teamleider"])) == ["C-2026-00001", "C-2026-00004", "C-2026-00003", "C-2026-00002"]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"fase": "afgesloten"}, {"C-2026-00004"}),
        ({"fase": ["contact_leggen", "verkennen"]}, {"C-2026-00001", "C-2026-00002", "C-2026-00003"}),
        ({"te_laat": "on"}, {"C-2026-00003"}),
        ({"urgentie": "2"}, {"C-2026-00001"}),
        ({"urgentie": "0"}, {"C-2026-00002", "C-2026-00003", "C-2026-00004"}),
        ({"casusregisseur": "duo"}, {"C-2026-00002"}),
        ({"team": "other_team"}, {"C-2026-00002"}),
        ({"gemeente": "noord"}, {"C-2026-00001"}),
        ({"zorgen": "schulden"}, {"C-2026-00003"}),
        ({"fase": "contact_leggen", "te_laat": "on", "urgentie": "0"}, {"C-2026-00003"}),
    ],
)
def test_each_filter_and_combined(world, users, login, params, expected):
    lookup = {
        "duo": users["duo"].pk,
        "other_team": world["other_team"].pk,
        "noord": world["noord"].pk,
        "schulden": category("schulden").pk,
    }
    params = {k: lookup.get(v, v) if isinstance(v, str) else v for k, v in params.items()}
    assert set(refs(get(login, users["teamleider"], **params))) == expected


def test_period_on_opened_at(world, users, login):
    day = timezone.localtime(world["c"]["duo"].opened_at).date().isoformat()
    assert refs(get(login, users["teamleider"], van=day, tot=day)) == ["C-2026-00002"]


def test_every_sort_key_has_a_choice_and_an_order():
    assert {key for key, _label in filters.SORT_CHOICES} == set(filters.SORTS)


@pytest.mark.parametrize(
    "key,expected",
    [
        ("kenmerk", ["C-2026-00001", "C-2026-00002", "C-2026-00003", "C-2026-00004"]),
        ("-gestart", ["C-2026-00001", "C-2026-00002", "C-2026-00003", "C-2026-00004"]),
        ("gestart", ["C-2026-00004", "C-2026-00003", "C-2026-00002", "C-2026-00001"]),
        ("-fase", ["C-2026-00001", "C-2026-00003", "C-2026-00002", "C-2026-00004"]),
    ],
)
def test_whitelisted_sorts(world, users, login, key, expected):
    assert refs(get(login, users["teamleider"], sorteer=key)) == expected


@pytest.mark.parametrize(
    "params,message",
    [
        ({"sorteer": "person__bsn"}, "is geen beschikbare keuze"),
        ({"van": "31-02-2026"}, "Voer een geldige datum in"),
        ({"van": "2026-03-10", "tot": "2026-03-01"}, "De einddatum ligt vóór de begindatum."),
        ({"fase": "weg"}, "is geen beschikbare keuze"),
        ({"team": "99999999999999999999999"}, "Selecteer een geldige keuze"),
        ({"casusregisseur": "-3"}, "Selecteer een geldige keuze"),
        ({"gemeente": "abc"}, "Selecteer een geldige keuze"),
        ({"wie": "iedereen"}, "is geen beschikbare keuze"),
    ],
)
def test_bad_input_is_a_dutch_message_never_a_500(world, users, login, params, message):
    response = get(login, users["teamleider"], **params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["rows"] == []


@pytest.mark.parametrize("pagina", ["abc", "99999999999999999999", "-4"])
def test_bad_page_is_a_page(world, users, login, pagina):
    assert len(refs(get(login, users["teamleider"], pagina=pagina))) == 4


def test_url_state_kept_by_sort_page_and_export_links(world, users, login):
    body = get(login, users["teamleider"], fase="contact_leggen", sorteer="kenmerk").content.decode()
    assert 'href="?fase=contact_leggen&amp;sorteer=-kenmerk"' in body
    assert 'href="?fase=contact_leggen&amp;sorteer=gestart"' in body
    assert f'href="{EXPORT}?fase=contact_leggen&amp;sorteer=kenmerk"' in body
    assert 'aria-sort="ascending"' in body


def test_export_content_formula_safe_and_logged(world, users, login):
    person = world["c"]["own"].person
    person.given_names, person.surname = "", "+SUM(A1)"
    person.save()
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = login(users["teamleider"]).get(EXPORT, {"te_laat": ""})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kenmerk"
    assert [r[0] for r in rows[1:]] == ["C-2026-00001", "C-2026-00004", "C-2026-00003", "C-2026-00002"]
    assert rows[1][1] == "'+SUM(A1)"
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    late = next(r for r in rows if r[0] == "C-2026-00003")
    assert late[-1] == "ja"
    logged = AccessLog.objects.filter(pk__gt=before, action="R")
    assert logged.count() == 4
    assert {r.detail for r in logged} == {"export overzicht casussen (CSV)"}


def test_export_cap(world, users, login, monkeypatch):
    monkeypatch.setattr(filters, "EXPORT_LIMIT", 1)
    rows = login(users["teamleider"]).get(EXPORT).content.decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 2


def _bulk_casussen(org, n, regisseur):
    persons = [PersonFactory.build(given_names="Bulk", surname=f"Persoon{i}") for i in range(n)]
    from vangnet.persons.models import Person

    Person.objects.bulk_create(persons)
    now = timezone.now()
    casussen = Casus.objects.bulk_create(
        [
            Casus(
                reference=f"C-BULK-{org.pk}-{i:05d}",
                person=p,
                organisation=org,
                casusregisseur=regisseur,
                opened_at=now - timedelta(days=10 + i % 30),
            )
            for i, p in enumerate(persons)
        ]
    )
    CaseMember.objects.bulk_create([CaseMember(casus=c, user=regisseur, role="regisseur") for c in casussen])
    ContactAttempt.objects.bulk_create(
        [
            ContactAttempt(
                casus=c, at=now - timedelta(days=1), type="telefoon", result="geen_gehoor", created_by=regisseur
            )
            for c in casussen[::2]
        ]
    )
    refresh_has_contact_attempt([c.pk for c in casussen])


@pytest.mark.parametrize("params", [{}, {"te_laat": "on"}, {"sorteer": "regisseur", "pagina": "2"}])
def test_the_same_query_count_at_10_and_at_1000_casussen(users, login, ggd, other_org, params):
    small_tl = UserFactory(role=Role.TEAMLEIDER, organisation=other_org)
    _bulk_casussen(other_org, 10, UserFactory(role=Role.BEMOEIZORGER, organisation=other_org))
    _bulk_casussen(ggd, 1000, users["bemoeizorger"])
    counts = []
    for user in (small_tl, users["teamleider"]):
        client = login(user)
        client.get(URL)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, params)
        assert response.status_code == 200 and response.context["rows"]
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
