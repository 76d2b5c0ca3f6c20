"""The single figures per month (``per_maand``, issue 13 item 3: a trend chart for each),
worked out by hand from the known world of conftest.py (February and March 2026)."""

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from vangnet.monitor import report
from vangnet.monitor.indicators import MONTH_COLUMNS, compute_indicators

pytestmark = pytest.mark.django_db

VAN, TOT = date(2026, 2, 1), date(2026, 3, 31)


@pytest.fixture
def months(world):
    rows = compute_indicators(VAN, TOT).per_maand
    assert [row["maand"] for row in rows] == ["2026-02", "2026-03"]
    return {row["maand"]: row for row in rows}


def test_meldingen_and_triage_per_month(months):
    feb, mar = months["2026-02"], months["2026-03"]
    # Received: m1, m2, m3 in February; m7 and m4 (31 March 23:30) in March.
    assert (feb["meldingen_ontvangen"], mar["meldingen_ontvangen"]) == (3, 2)
    # Decided: m6, m1 (2 Feb), m2, m3 (9 Feb) in February, m7 (12 Mar) in March; m2 and m7 late.
    assert (feb["meldingen_getrieerd"], mar["meldingen_getrieerd"]) == (4, 1)
    assert (feb["triage_binnen_norm_pct"], mar["triage_binnen_norm_pct"]) == (75.0, 0.0)
    # Workdays to triage: 0, 0, 1, 0 in February; 2 in March.
    assert (feb["mediaan_werkdagen_tot_triage"], mar["mediaan_werkdagen_tot_triage"]) == (0.0, 2.0)


def test_casussen_per_month(months):
    feb, mar = months["2026-02"], months["2026-03"]
    assert (feb["casussen_gestart"], mar["casussen_gestart"]) == (2, 2)  # c1, c2 | c3, c5
    assert (feb["casussen_afgesloten"], mar["casussen_afgesloten"]) == (0, 3)  # c4 5 Mar, c2, c3
    assert (feb["casussen_heropend"], mar["casussen_heropend"]) == (1, 1)  # c4 20 Feb and 30 Mar
    assert (feb["casussen_nooit_bereikt"], mar["casussen_nooit_bereikt"]) == (0, 1)  # c3
    assert (feb["casussen_nooit_bereikt_pct"], mar["casussen_nooit_bereikt_pct"]) == (None, 33.3)
    # Doorlooptijd in March: c4 20 Feb -> 5 Mar 13 days, c2 39, c3 13.
    assert (feb["mediaan_doorlooptijd_dagen"], mar["mediaan_doorlooptijd_dagen"]) == (None, 13.0)
    # First attempt: c1 in time, c2 late | c3 in time, c5 none and its term has passed.
    assert (feb["eerste_poging_binnen_norm_pct"], mar["eerste_poging_binnen_norm_pct"]) == (50.0, 50.0)
    # First contact: c1 after 3 days and 3 attempts, c2 after 4 days and 1 attempt; none in March.
    assert (feb["mediaan_dagen_tot_eerste_contact"], mar["mediaan_dagen_tot_eerste_contact"]) == (3.5, None)
    assert (feb["mediaan_pogingen_tot_contact"], mar["mediaan_pogingen_tot_contact"]) == (2.0, None)
    # Closings without a recorded uitkomst: no share.
    assert feb["toegeleid_pct"] is None and mar["toegeleid_pct"] is None


def test_running_at_each_month_end_is_what_a_period_ending_there_says(world, months):
    """Counted back from the end of the period; checked against the phase history directly."""
    assert months["2026-03"]["casussen_lopend_einde"] == compute_indicators(VAN, TOT).casussen_lopend_einde == 3
    feb_end = compute_indicators(date(2026, 2, 1), date(2026, 2, 28)).casussen_lopend_einde
    assert months["2026-02"]["casussen_lopend_einde"] == feb_end == 3  # c1, c2, c4 (reopened 20 Feb)
    jan_end = compute_indicators(date(2026, 1, 1), date(2026, 1, 31)).casussen_lopend_einde
    january = {row["maand"]: row for row in compute_indicators(date(2026, 1, 1), TOT).per_maand}
    assert january["2026-01"]["casussen_lopend_einde"] == jan_end == 0  # c4 closed on 15 January


def test_the_counts_per_month_add_up_to_the_period(world):
    figures = compute_indicators(date(2025, 11, 1), TOT)
    for column, parts in MONTH_COLUMNS.items():
        if parts or column == "casussen_lopend_einde":
            continue
        assert sum(row[column] for row in figures.per_maand) == getattr(figures, column), column


def test_each_single_figure_has_its_trend_on_the_page(world, users):
    html = verified_client(users["teamleider"]).get(reverse("monitor:home") + "?van=2026-02-01&tot=2026-03-31")
    sections = {s.key: s for s in html.context["sections"]}
    for column in MONTH_COLUMNS:
        section = sections[column]
        assert section.trend_chart is not None and "<svg" in section.trend_chart, column
        assert [month for month, _cell in section.trend_rows] == ["feb 2026", "mrt 2026"], column
    assert dict(sections["triage_binnen_norm_pct"].trend_rows) == {"feb 2026": "75,0 %", "mrt 2026": "0,0 %"}
    assert "per_maand" not in sections


def test_outside_the_team_a_small_month_is_suppressed_and_its_share_hidden(world, users):
    response = verified_client(users["beheerder"]).get(reverse("monitor:home") + "?van=2026-02-01&tot=2026-03-31")
    sections = {s.key: s for s in response.context["sections"]}
    assert dict(sections["meldingen_getrieerd"].trend_rows) == {"feb 2026": "<5", "mrt 2026": "<5"}
    assert dict(sections["triage_binnen_norm_pct"].trend_rows) == {"feb 2026": None, "mrt 2026": None}
    rows = {row.key: row.value for row in report.export_rows(compute_indicators(VAN, TOT).as_dict())}
    assert rows["per_maand.meldingen_ontvangen.2026-02"] == "<5"
    assert rows["per_maand.triage_binnen_norm_pct.2026-02"] is None


def test_a_melding_counts_in_its_local_month_around_midnight(world, ggd):
    """Grouped by the UTC hour in the database, the month is the Dutch one: 00:30 on 1 March is
    23:30 UTC on 28 February, 23:30 on 28 February is 22:30 UTC."""
    from tests.factories import MeldingFactory
    from tests.monitor.conftest import local

    MeldingFactory(meldpunt=ggd, received_at=local(2026, 3, 1, 0, 30))
    MeldingFactory(meldpunt=ggd, received_at=local(2026, 2, 28, 23, 30))
    MeldingFactory(meldpunt=ggd, received_at=local(2026, 2, 28, 23, 30))
    rows = {row["maand"]: row for row in compute_indicators(VAN, TOT).per_maand}
    assert (rows["2026-02"]["meldingen_ontvangen"], rows["2026-03"]["meldingen_ontvangen"]) == (5, 3)
