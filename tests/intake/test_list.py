"""The list of all meldingen (issue 11, item 4): who may open it, every filter,
the sort whitelist, bad input, the state in the URL, the export and its log rows,
and a flat query count."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, GemeenteFactory, MeldingFactory, TeamFactory, UserFactory, category
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.intake import filters
from vangnet.intake.models import Melding, urgency_rank_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def midday():
    """The world is built back from now. Just after midnight a melding of two hours ago came in
    yesterday and is late on the urgent norm, which failed a filter test once: noon on a
    Tuesday instead (time goes on from there)."""
    with time_machine.travel(datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=True):
        yield


URL = reverse("intake:list")
EXPORT = reverse("intake:list_export")


@pytest.fixture
def world(users, ggd, other_org, team):
    now = timezone.now()
    noord = GemeenteFactory(name="Noordstad")
    zuid = GemeenteFactory(name="Zuiddorp")
    casus = CasusFactory(organisation=ggd, team=team, casusregisseur=users["bemoeizorger"])
    m = {
        "danger": MeldingFactory(
            meldpunt=ggd,
            reference="M-2026-00101",
            surname="Gevaarlijk",
            gemeente=noord,
            urgency_indicators=["gevaar_anderen"],
            received_at=now - timedelta(hours=1),
            categories=[category("agressie-gevaar")],
        ),
        "signal": MeldingFactory(
            meldpunt=ggd,
            reference="M-2026-00102",
            surname="Signaalhuis",
            gemeente=zuid,
            channel="politie",
            melder_type="politie",
            urgency_indicators=["huisuitzetting"],
            received_at=now - timedelta(hours=2),
            categories=[category("schulden")],
        ),
        "late": MeldingFactory(
            meldpunt=ggd,
            reference="M-2026-00103",
            surname="Laatkomer",
            gemeente=noord,
            received_at=now - timedelta(days=12),
        ),
        "triaged": MeldingFactory(
            meldpunt=ggd,
            reference="M-2026-00104",
            surname="Inzorg",
            gemeente=zuid,
            status="getrieerd",
            casus=casus,
            person=casus.person,
            received_at=now - timedelta(days=20),
        ),
        "other": MeldingFactory(meldpunt=other_org, reference="M-2026-00999", surname="Vreemdeling"),
    }
    return {"m": m, "casus": casus, "noord": noord, "zuid": zuid, "now": now}


def refs(response):
    return [m.reference for m in response.context["rows"]]


def get(login, user, **params):
    return login(user).get(URL, params)


# --- who may open it -------------------------------------------------------------


@pytest.mark.parametrize("role", ["meldpunt", "teamleider"])
def test_meldpunt_and_teamleider_see_their_organisations_meldingen(world, users, login, role):
    response = get(login, users[role])
    assert response.status_code == 200
    assert set(refs(response)) == {"M-2026-00101", "M-2026-00102", "M-2026-00103", "M-2026-00104"}
    assert "Vreemdeling" not in response.content.decode()


@pytest.mark.parametrize("role", ["bemoeizorger", "consultant", "partner", "beheerder"])
@pytest.mark.parametrize("url", [URL, EXPORT])
def test_other_roles_are_refused_with_a_refusal_row(world, users, login, role, url):
    before = AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count()
    response = login(users[role]).get(url)
    assert response.status_code == 403
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == before + 1
    assert not AccessLog.objects.filter(action=AccessLog.Action.READ, username=users[role].username).exists()


def test_other_meldpunt_sees_only_its_own(world, users, login):
    assert refs(get(login, users["other_meldpunt"])) == ["M-2026-00999"]


def test_every_row_shown_is_logged_once_with_its_basis(world, users, login):
    before = AccessLog.objects.count()
    get(login, users["meldpunt"])
    rows = AccessLog.objects.filter(pk__gt=0).order_by("-pk")[: AccessLog.objects.count() - before]
    by_melding = {r.melding_id: r for r in rows}
    assert set(by_melding) == {str(m.pk) for k, m in world["m"].items() if k != "other"}
    assert {r.reason for r in rows} == {"meldpunt van ontvangst"}
    assert {r.detail for r in rows} == {"overzicht meldingen"}


# --- filters -----------------------------------------------------------------------


def test_default_order_is_urgent_first_then_oldest(world, users, login):
    assert refs(get(login, users["meldpunt"])) == ["M-2026-00101", "M-2026-00102", "M-2026-00104", "M-2026-00103"]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"status": "te_trieren"}, {"M-2026-00101", "M-2026-00102", "M-2026-00103"}),
        ({"status": "getrieerd"}, {"M-2026-00104"}),
        ({"urgentie": "2"}, {"M-2026-00101"}),
        ({"urgentie": ["1", "2"]}, {"M-2026-00101", "M-2026-00102"}),
        ({"urgentie": "0"}, {"M-2026-00103", "M-2026-00104"}),
        ({"kanaal": "politie"}, {"M-2026-00102"}),
        ({"bron": "politie"}, {"M-2026-00102"}),
        ({"bron": "buurtbewoner"}, {"M-2026-00101", "M-2026-00103", "M-2026-00104"}),
        ({"te_laat": "on"}, {"M-2026-00103"}),
    ],
)
def test_each_filter(world, users, login, params, expected):
    assert set(refs(get(login, users["meldpunt"], **params))) == expected


def test_gemeente_and_zorgen_filters(world, users, login):
    noord, zuid = world["noord"].pk, world["zuid"].pk
    assert set(refs(get(login, users["meldpunt"], gemeente=noord))) == {"M-2026-00101", "M-2026-00103"}
    assert set(refs(get(login, users["meldpunt"], gemeente=[noord, zuid]))) == {
        "M-2026-00101",
        "M-2026-00102",
        "M-2026-00103",
        "M-2026-00104",
    }
    schulden, agressie = category("schulden").pk, category("agressie-gevaar").pk
    assert refs(get(login, users["meldpunt"], zorgen=schulden)) == ["M-2026-00102"]
    # two categories: either one, each melding once
    assert refs(get(login, users["meldpunt"], zorgen=[schulden, agressie])) == ["M-2026-00101", "M-2026-00102"]


def test_casusregisseur_and_team_filters(world, users, login, team):
    other_team = TeamFactory(organisation=team.organisation, name="Team Zuid")
    assert refs(get(login, users["teamleider"], casusregisseur=users["bemoeizorger"].pk)) == ["M-2026-00104"]
    assert refs(get(login, users["teamleider"], casusregisseur=users["duo"].pk)) == []
    assert refs(get(login, users["teamleider"], team=team.pk)) == ["M-2026-00104"]
    assert refs(get(login, users["teamleider"], team=other_team.pk)) == []


def test_period_filter_counts_whole_local_days(world, users, login):
    today = timezone.localdate()
    assert set(refs(get(login, users["meldpunt"], van=today.isoformat()))) == {"M-2026-00101", "M-2026-00102"} or (
        # just after midnight the two recent ones may straddle days
        timezone.localtime().hour < 3
    )
    twelve = (timezone.localtime(world["m"]["late"].received_at)).date()
    assert refs(get(login, users["meldpunt"], van=twelve.isoformat(), tot=twelve.isoformat())) == ["M-2026-00103"]
    # a Dutch date typed by hand
    assert refs(get(login, users["meldpunt"], van=twelve.strftime("%d-%m-%Y"), tot=twelve.strftime("%d-%m-%Y"))) == [
        "M-2026-00103"
    ]


def test_filters_combine(world, users, login):
    response = get(login, users["meldpunt"], gemeente=world["noord"].pk, status="te_trieren", urgentie="0")
    assert refs(response) == ["M-2026-00103"]


def test_te_laat_is_the_triage_norm(world, users, login):
    # received a minute ago: within the norm whatever the day
    MeldingFactory(meldpunt=world["m"]["danger"].meldpunt, reference="M-2026-00105", received_at=timezone.now())
    assert "M-2026-00105" not in refs(get(login, users["meldpunt"], te_laat="on"))


# --- sort ------------------------------------------------------------------------------


def test_every_sort_key_has_a_choice_and_an_order():
    assert {key for key, _label in filters.SORT_CHOICES} == set(filters.SORTS)


@pytest.mark.parametrize(
    "key,expected",
    [
        ("-ontvangen", ["M-2026-00101", "M-2026-00102", "M-2026-00103", "M-2026-00104"]),
        ("ontvangen", ["M-2026-00104", "M-2026-00103", "M-2026-00102", "M-2026-00101"]),
        ("kenmerk", ["M-2026-00101", "M-2026-00102", "M-2026-00103", "M-2026-00104"]),
        ("-kenmerk", ["M-2026-00104", "M-2026-00103", "M-2026-00102", "M-2026-00101"]),
        ("-urgentie", ["M-2026-00103", "M-2026-00104", "M-2026-00102", "M-2026-00101"]),
    ],
)
def test_whitelisted_sorts(world, users, login, key, expected):
    assert refs(get(login, users["meldpunt"], sorteer=key)) == expected


@pytest.mark.parametrize("key", ["received_at", "-surname", "bsn", "pk; DROP TABLE", "__class__"])
def test_a_sort_outside_the_whitelist_is_a_dutch_message_not_a_500(world, users, login, key):
    response = get(login, users["meldpunt"], sorteer=key)
    assert response.status_code == 200
    assert "is geen beschikbare keuze" in response.content.decode()
    assert response.context["rows"] == []


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "params,message",
    [
        ({"van": "31-02-2026"}, "Voer een geldige datum in"),
        ({"tot": "morgen"}, "Voer een geldige datum in"),
        ({"van": "1999-12-31"}, "Kies een datum na 1 januari 2000."),
        ({"van": "2999-01-01"}, "Kies een datum tot en met"),
        ({"van": "2026-03-10", "tot": "2026-03-01"}, "De einddatum ligt vóór de begindatum."),
        ({"gemeente": "abc"}, "Selecteer een geldige keuze"),
        ({"gemeente": "99999999999999999999999"}, "Selecteer een geldige keuze"),
        ({"zorgen": "-1"}, "Selecteer een geldige keuze"),
        ({"status": "gesloten"}, "is geen beschikbare keuze"),
        ({"urgentie": "9"}, "is geen beschikbare keuze"),
        ({"casusregisseur": "x"}, "Selecteer een geldige keuze"),
        ({"team": "99999999999999999999999"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_filter_input_is_a_dutch_message_on_the_field(world, users, login, params, message):
    before = AccessLog.objects.filter(action=AccessLog.Action.READ).count()
    response = get(login, users["meldpunt"], **params)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'id="error-summary"' in body
    assert response.context["rows"] == []
    assert AccessLog.objects.filter(action=AccessLog.Action.READ).count() == before
    field = next(iter(params if "tot" not in params or "van" not in params else ["tot"]))
    assert f'href="#id_{field}' in body


@pytest.mark.parametrize("pagina", ["abc", "0", "-1", "99999999999999999999", "2"])
def test_a_bad_page_number_is_a_page_not_a_500(world, users, login, pagina):
    response = get(login, users["meldpunt"], pagina=pagina)
    assert response.status_code == 200
    assert len(refs(response)) == 4


def test_a_colleague_outside_the_organisation_is_not_a_choice(world, users, login):
    outsider = UserFactory(role=Role.BEMOEIZORGER, organisation=world["m"]["other"].meldpunt)
    response = get(login, users["meldpunt"], casusregisseur=outsider.pk)
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_export_with_bad_filters_is_400_and_logs_nothing(world, users, login):
    before = AccessLog.objects.filter(action=AccessLog.Action.READ).count()
    response = login(users["meldpunt"]).get(EXPORT, {"van": "31-02-2026"})
    assert response.status_code == 400
    assert "Voer een geldige datum in" in response.content.decode()
    assert AccessLog.objects.filter(action=AccessLog.Action.READ).count() == before


# --- the state in the URL ------------------------------------------------------------


def test_filter_sort_and_page_links_keep_each_other(world, users, login, ggd):
    for n in range(30):
        MeldingFactory(meldpunt=ggd, reference=f"M-2026-2{n:04d}", gemeente=world["noord"])
    response = get(login, users["meldpunt"], gemeente=world["noord"].pk, sorteer="kenmerk", pagina="1")
    body = response.content.decode()
    gem = world["noord"].pk
    assert len(refs(response)) == 25
    # next page keeps filter and sort
    assert f'href="?gemeente={gem}&amp;sorteer=kenmerk&amp;pagina=2"' in body
    # a column header keeps the filter, flips its own sort and goes back to page 1
    assert f'href="?gemeente={gem}&amp;sorteer=-kenmerk"' in body
    assert f'href="?gemeente={gem}&amp;sorteer=ontvangen"' in body
    # the export takes the same filter and sort, not the page
    assert f'href="{EXPORT}?gemeente={gem}&amp;sorteer=kenmerk"' in body
    # the form shows the chosen filter
    assert f'value="{gem}" checked' in body or f'value="{gem}"\n' in body or "checked" in body
    page2 = get(login, users["meldpunt"], gemeente=gem, sorteer="kenmerk", pagina="2")
    assert len(refs(page2)) == 32 - 25
    assert refs(page2)[0] > refs(response)[-1]


# --- export --------------------------------------------------------------------------------


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_export_has_the_filtered_rows_in_the_list_order(world, users, login):
    response = login(users["meldpunt"]).get(EXPORT, {"status": "te_trieren"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0][0] == "Kenmerk"
    assert [r[0] for r in rows[1:]] == ["M-2026-00101", "M-2026-00102", "M-2026-00103"]
    late = next(r for r in rows if r[0] == "M-2026-00103")
    assert late[-1] == "ja"
    danger = next(r for r in rows if r[0] == "M-2026-00101")
    assert "Gevaar voor anderen / agressie" in danger
    assert "Noordstad" in danger


def test_export_is_formula_safe(world, users, login):
    m = world["m"]["late"]
    Melding.objects.filter(pk=m.pk).update(surname='=HYPERLINK("http://x")', given_names="", tussenvoegsel="")
    rows = read_csv(login(users["meldpunt"]).get(EXPORT))
    row = next(r for r in rows if r[0] == "M-2026-00103")
    assert '\'=HYPERLINK("http://x")' in row
    assert not any(cell.startswith(("=", "+", "@")) for r in rows for cell in r)


def test_export_logs_one_read_per_exported_row_saying_export(world, users, login):
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as ctx:
        login(users["meldpunt"]).get(EXPORT)
    new = AccessLog.objects.filter(pk__gt=before, action=AccessLog.Action.READ)
    assert sorted(new.values_list("melding_id", flat=True)) == sorted(
        str(m.pk) for k, m in world["m"].items() if k != "other"
    )
    assert {r.detail for r in new} == {"export overzicht meldingen (CSV)"}
    inserts = [q for q in ctx.captured_queries if q["sql"].startswith("INSERT") and "audit_accesslog" in q["sql"]]
    assert len(inserts) == 1


def test_export_stops_at_the_cap_and_the_page_says_so(world, users, login, monkeypatch):
    monkeypatch.setattr(filters, "EXPORT_LIMIT", 2)
    rows = read_csv(login(users["meldpunt"]).get(EXPORT))
    assert len(rows) == 1 + 2
    body = get(login, users["meldpunt"]).content.decode()
    assert "tot maximaal 2 regels" in body
    assert "verfijn het filter" in body


# --- flat query count ---------------------------------------------------------------------


def _bulk_meldingen(meldpunt, n, gemeente, casus):
    from vangnet.persons.models import Person

    author = UserFactory(role=Role.MELDPUNT, organisation=meldpunt)
    # every melding about a person: the access-log row names the person too (no lazy load per row)
    persons = Person.objects.bulk_create(
        [Person(given_names="Bulk", surname=f"Persoon{meldpunt.pk}x{i}") for i in range(n)]
    )
    now = timezone.now()
    indicators = [[], ["huisuitzetting"], ["gevaar_zelf"]]
    objs = [
        Melding(
            reference=f"M-BULK-{meldpunt.pk}-{i:05d}",
            received_at=now - timedelta(days=10, hours=i),
            channel="telefoon",
            meldpunt=meldpunt,
            gemeente=gemeente,
            melder_type="buurtbewoner",
            surname=f"Bulk{i}",
            description="x",
            urgency_indicators=indicators[i % 3],
            urgency_rank=urgency_rank_for(indicators[i % 3]),
            status="getrieerd" if i % 2 else "te_trieren",
            casus=casus if i % 2 else None,
            person=persons[i],
            created_by=author,
        )
        for i in range(n)
    ]
    Melding.objects.bulk_create(objs)
    through = Melding.categories.through
    cats = [category("psychisch"), category("schulden")]
    through.objects.bulk_create(
        [
            through(melding_id=m.pk, concerncategory_id=c.pk)
            for m in Melding.objects.filter(meldpunt=meldpunt)
            for c in cats
        ]
    )


def _count(client, params, url=URL):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["rows"]) if url == URL else response.content.count(b"\n")


@pytest.mark.parametrize(
    "params", [{}, {"te_laat": "on", "urgentie": ["1", "2"]}, {"sorteer": "gemeente", "pagina": "2"}]
)
def test_the_same_query_count_at_10_and_at_1000_meldingen(users, login, ggd, other_org, team, params):
    casus = CasusFactory(organisation=ggd, team=team, casusregisseur=users["bemoeizorger"])
    gemeente = GemeenteFactory(name="Noordstad")
    small = UserFactory(role=Role.MELDPUNT, organisation=other_org)
    _bulk_meldingen(other_org, 10, gemeente, None)
    _bulk_meldingen(ggd, 1000, gemeente, casus)
    client_small, client_big = login(small), login(users["meldpunt"])
    client_small.get(URL), client_big.get(URL)  # warm the session and the norms row
    few, shown_few = _count(client_small, params)
    many, shown_many = _count(client_big, params)
    assert shown_many >= shown_few
    assert few == many


def test_the_export_costs_the_same_queries_at_10_and_at_1000_meldingen(users, login, ggd, other_org, team):
    casus = CasusFactory(organisation=ggd, team=team, casusregisseur=users["bemoeizorger"])
    gemeente = GemeenteFactory(name="Noordstad")
    small = UserFactory(role=Role.MELDPUNT, organisation=other_org)
    _bulk_meldingen(other_org, 10, gemeente, None)
    _bulk_meldingen(ggd, 1000, gemeente, casus)
    client_small, client_big = login(small), login(users["meldpunt"])
    client_small.get(URL), client_big.get(URL)
    few, lines_few = _count(client_small, {}, EXPORT)
    many, lines_many = _count(client_big, {}, EXPORT)
    assert (lines_few, lines_many) == (11, 1001)
    assert few == many


def test_a_list_longer_than_the_count_limit_says_more_than_and_pages_to_the_limit(world, users, login, monkeypatch):
    """Counting 80,000 visible meldingen cost more than the page: the count stops at the limit."""
    from vangnet.core import list_filters

    monkeypatch.setattr(list_filters, "COUNT_LIMIT", 3)
    monkeypatch.setattr(filters, "PAGE_SIZE", 2)
    response = login(users["meldpunt"]).get(URL, {"pagina": 2})
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.count == 3 and page.paginator.num_pages == 2
    assert "Meer dan 3 meldingen gevonden" in response.content.decode()


def test_a_list_within_the_count_limit_gives_the_exact_number(world, users, login):
    response = login(users["meldpunt"]).get(URL)
    page = response.context["page"]
    assert not page.paginator.capped
    assert page.paginator.count == Melding.objects.filter(meldpunt=users["meldpunt"].organisation).count()
    assert "Meer dan" not in response.content.decode()
