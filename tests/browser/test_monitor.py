"""The monitor page in the browser at 390 x 844 (issue 13): charts inline as SVG
under the strict CSP, a data table beside each, nothing scrolls sideways, axe."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MeldingFactory, OrganisationFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.triage.services import decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def monitor_data(region, people) -> None:
    """A few meldingen last month, one of them a casus, so the charts have something to show."""
    received = timezone.now().replace(day=1) - timedelta(days=10)
    for n, bron in enumerate(["buurtbewoner", "huisarts", "politie", "buurtbewoner"]):
        melding = MeldingFactory(
            meldpunt=region["ggd"],
            gemeente=region["gemeente"],
            created_by=people["meldpunt"],
            received_at=received - timedelta(days=n),
            melder_type=bron,
            given_names="Jan",
            surname=f"Monitor {n}",
        )
        if n == 0:
            decide(
                melding,
                by=people["meldpunt"],
                outcome="bemoeizorg",
                acute_danger="nee",
                already_in_care="nee",
                known_to_partners="nee",
                casusregisseur=people["regisseur"],
                team=region["team"],
            )


def test_the_monitor_on_a_phone(page, region, people, session_login, live_server, check_a11y, no_csp_violations):
    monitor_data(region, people)
    session_login(page, people["teamleider"])
    page.goto(live_server.url + reverse("monitor:home"))
    assert page.get_by_role("heading", name="Monitor", level=1).is_visible()
    charts = page.locator("svg.grafiek")
    assert charts.count() >= 5
    box = charts.first.bounding_box()
    assert box is not None and box["width"] <= 390
    assert page.locator(".monitor-chart + table.monitor-table caption").count() == charts.count()  # a table per chart
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page scrolls sideways: {wide} px"
    check_a11y(page, "monitor")
    no_csp_violations(page)


def test_the_policy_officers_monitor_on_a_phone(
    page, region, people, session_login, live_server, check_a11y, no_csp_violations
):
    """The policy officer's view: the gemeente's figures with small cells as "<5", no worker names."""
    monitor_data(region, people)
    gemeente = OrganisationFactory(name="Gemeente Noordstad", kind="gemeente", runs_meldpunt=False)
    gemeente.gemeenten.set([region["gemeente"]])
    officer = UserFactory(username="pim", first_name="Pim", last_name="Beleid", role=Role.BELEID, organisation=gemeente)
    session_login(page, officer)
    page.goto(live_server.url + reverse("monitor:home"))
    assert page.get_by_role("heading", name="Monitor", level=1).is_visible()
    assert page.locator('[data-value="meldingen_ontvangen"]').inner_text() == "<5"
    assert "Bram Bakker" not in page.content()
    assert page.get_by_label("Team", exact=True).is_visible() and page.get_by_label("Bron (soort melder)").is_visible()
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page scrolls sideways: {wide} px"
    check_a11y(page, "monitor-beleid")
    no_csp_violations(page)
