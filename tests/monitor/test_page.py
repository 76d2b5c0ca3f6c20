"""The monitor page (issue 13, items 2-4): who may open it, what it shows for the
known world of conftest.py, Dutch numbers, a Dutch message for a wrong period."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.conftest import verified_client
from vangnet.audit.models import AccessLog
from vangnet.monitor import report
from vangnet.monitor.forms import last_full_months
from vangnet.monitor.indicators import DEFINITIONS, compute_indicators

pytestmark = pytest.mark.django_db

PERIOD = "?van=2026-02-01&tot=2026-03-31"
URLS = ["monitor:home", "monitor:export_csv", "monitor:export_xlsx"]


def _page(client, query=PERIOD):
    response = client.get(reverse("monitor:home") + query)
    assert response.status_code == 200
    return response


def test_the_teamleider_opens_the_monitor_and_the_view_is_logged_without_a_person(users):
    before = AccessLog.objects.count()
    response = _page(verified_client(users["teamleider"]))
    assert "Monitor" in response.content.decode()
    rows = list(AccessLog.objects.order_by("pk")[before:])
    assert [(r.action, r.object_type, r.person_id, r.casus_id) for r in rows] == [
        (AccessLog.Action.READ, "cijfers", "", "")
    ]


@pytest.mark.parametrize("role", ["meldpunt", "bemoeizorger", "consultant", "partner"])
@pytest.mark.parametrize("name", URLS)
def test_other_roles_are_refused_with_one_refused_row(users, role, name):
    before = AccessLog.objects.count()
    url = reverse(name) + PERIOD
    response = verified_client(users[role]).get(url)
    assert response.status_code == 403
    rows = list(AccessLog.objects.order_by("pk")[before:])
    assert [(r.action, r.object_type, r.path, r.user_id) for r in rows] == [
        (AccessLog.Action.REFUSED, "pagina", url, str(users[role].pk))
    ]


def test_anonymous_is_sent_to_the_login(client):
    response = client.get(reverse("monitor:home"))
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_the_nav_link_is_there_for_those_who_may_open_the_monitor(users):
    href = f'href="{reverse("monitor:home")}"'
    for role in ("teamleider", "beheerder"):
        assert href in verified_client(users[role]).get(reverse("worklists:home")).content.decode()
    for role in ("meldpunt", "bemoeizorger", "consultant", "partner"):
        assert href not in verified_client(users[role]).get(reverse("worklists:home")).content.decode()


def _section(html: str, key: str) -> str:
    match = re.search(rf'<section[^>]*data-indicator="{key}".*?</section>', html, re.S)
    assert match, key
    return match.group()


def test_the_page_shows_every_indicator_with_its_value_and_definition(world, users):
    html = _page(verified_client(users["teamleider"])).content.decode()
    for key in DEFINITIONS:
        if key == report.TRENDS:  # its columns are the trend charts of the other sections
            continue
        section = _section(html, key)
        assert "Hoe berekend:" in section
    assert '<p class="monitor-value" data-value="meldingen_ontvangen">5</p>' in html
    assert '<p class="monitor-value" data-value="casussen_gestart">4</p>' in html
    # 3 of the 5 triaged meldingen of the period in the norm (m6 triaged on 2 Feb): 60,0 %.
    assert '<p class="monitor-value" data-value="triage_binnen_norm_pct">60,0 %</p>' in html
    bron = _section(html, "meldingen_per_bron")
    assert "<svg" in bron and "<table" in bron and '<th scope="row">Buurtbewoner</th>' in bron
    flow = _section(html, "instroom_uitstroom_per_maand")
    assert "<svg" in flow and '<th scope="row">feb 2026</th>' in flow


def test_the_page_gives_the_numbers_of_compute_indicators_and_the_command(world, users):
    response = _page(verified_client(users["teamleider"]))
    out = StringIO()
    call_command("figures", "--from", "2026-02-01", "--to", "2026-03-31", "--json", stdout=out)
    command = json.loads(out.getvalue())
    from datetime import date

    computed = compute_indicators(date(2026, 2, 1), date(2026, 3, 31)).as_dict()
    page = {s.key: s for s in response.context["sections"]}
    for key, value in report.normalised(command).items():
        if key in report.OTHER:
            continue
        base, _dot, part = key.partition(".")
        if base == report.TRENDS:
            # A single figure per month: the table beside its section's trend chart.
            trend = dict(page[part].trend_rows)
            for name, number in zip(report.sub_labels(key, list(value)), value.values(), strict=True):
                assert trend[name] == report.shown(number, part), (key, name)
            continue
        section = page[base]
        if isinstance(value, dict):
            shown = {header: dict(cells) for header, cells in section.rows}
            names = report.sub_labels(key, list(value))
            column = report.part_label(key) if "." in key else section.columns[1]
            for name, number in zip(names, value.values(), strict=True):
                assert shown[name][column] == report.shown(number, key), (key, name)
        else:
            assert section.value == report.shown(value, key), key
    assert report.normalised(computed)["meldingen_ontvangen"] == command["meldingen_ontvangen"] == 5


def test_the_page_marks_that_the_export_suppresses_small_cells(world, users):
    html = _page(verified_client(users["teamleider"])).content.decode()
    assert "exacte aantallen" in html and "&lt;5" in html


def test_the_research_line_names_its_source(world, users):
    section = _section(_page(verified_client(users["teamleider"])).content.decode(), "casussen_nooit_bereikt_pct")
    assert "Onderzoek (Roeg e.a. 2012)" in section and "Bron:" in section


def test_the_page_links_the_other_figure_pages(users):
    html = _page(verified_client(users["teamleider"])).content.decode()
    for name in ("wvggz:figures", "network:figures", "procesregie:figures"):
        assert f'href="{reverse(name)}"' in html


def test_a_gemeente_limits_the_figures(world, users):
    response = _page(verified_client(users["teamleider"]), f"{PERIOD}&gemeente={world.bussum.pk}")
    page = {s.key: s for s in response.context["sections"]}
    assert page["meldingen_ontvangen"].value == "2"  # m3, m7


@pytest.mark.parametrize(
    "query,field,message",
    [
        ("?van=31-02-2026", "van", "Voer een geldige datum in."),
        ("?van=2026-04-01&tot=2026-03-01", "tot", "De einddatum ligt vóór de begindatum."),
        ("?van=1999-01-01&tot=2026-01-01", "van", "Kies een datum na 1 januari 2000."),
        ("?van=2020-01-01&tot=2026-01-01", "tot", "Kies een periode van hoogstens twee jaar."),
        ("?gemeente=99999999999999999999999", "gemeente", "Selecteer een geldige keuze"),
        ("?gemeente=abc", "gemeente", "Selecteer een geldige keuze"),
    ],
)
def test_a_wrong_period_is_a_dutch_message_not_a_500(users, query, field, message):
    response = _page(verified_client(users["teamleider"]), query)
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors, response.context["form"].errors
    assert response.context["sections"] == []


def test_the_default_period_is_the_last_twelve_full_months():
    from datetime import date

    assert last_full_months(date(2026, 12, 1)) == (date(2025, 12, 1), date(2026, 11, 30))
    assert last_full_months(date(2026, 3, 15)) == (date(2025, 3, 1), date(2026, 2, 28))


def test_a_new_indicator_appears_without_a_template_change_and_leaves_the_team_suppressed(db):
    data = {
        "van": "2026-02-01",
        "tot": "2026-03-31",
        "gemeente": None,
        "casussen_afgesloten": 12,
        "uitkomsten": {"toegeleid": 8, "uit_beeld": 3, "verhuisd": 1},
        "aandeel_toegeleid_pct": 66.7,
    }
    sections = {s.key: s for s in report.sections(data)}
    assert sections["uitkomsten"].chart is not None
    assert [header for header, _cells in sections["uitkomsten"].rows] == ["Toegeleid", "Uit beeld", "Verhuisd"]
    assert sections["aandeel_toegeleid_pct"].value == "66,7 %"
    assert "Onderzoek (Roeg e.a. 2012): ongeveer twee derde" in str(sections["aandeel_toegeleid_pct"].research[0].text)
    shown = report.for_export(data)
    assert shown["uitkomsten"] == {"toegeleid": 8, "uit_beeld": "<5", "verhuisd": "<5"}
    assert shown["aandeel_toegeleid_pct"] is None  # derived from a split with small cells: not shown


def test_the_share_led_to_care_leaves_the_team_when_its_part_and_whole_are_not_small(db):
    """Its own counts decide, not every small cell of the outcome split."""
    data = {
        "van": "2026-02-01",
        "tot": "2026-03-31",
        "gemeente": None,
        "uitkomsten_bij_afsluiten": {"toegeleid": 6, "uit_beeld": 3, "overleden": 1, "onbekend": 2},
        "afsluitingen_uitkomst_bekend": 10,
        "afsluitingen_toegeleid": 6,
        "toegeleid_pct": 60.0,
    }
    assert report.for_export(data)["toegeleid_pct"] == 60.0
    few = {**data, "afsluitingen_toegeleid": 4, "toegeleid_pct": 40.0}
    assert report.for_export(few)["toegeleid_pct"] is None
    assert report.for_export(few)["afsluitingen_toegeleid"] == "<5"


def test_the_date_fields_show_the_period_the_figures_are_for(users):
    """Without a chosen period the fields hold the default one, so the form says what is shown
    (empty fields next to "Periode: 1 december ..." read as "no period")."""
    van, tot = last_full_months(timezone.localdate())
    html = _page(verified_client(users["teamleider"]), "").content.decode()
    assert re.search(rf'name="van"[^>]*value="{van.isoformat()}"', html), "van is empty"
    assert re.search(rf'name="tot"[^>]*value="{tot.isoformat()}"', html), "tot is empty"
    # A chosen period stays what was typed.
    html = _page(verified_client(users["teamleider"]), "?van=2026-02-01&tot=").content.decode()
    assert re.search(r'name="van"[^>]*value="2026-02-01"', html)
