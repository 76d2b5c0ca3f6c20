"""The privacy officer on a phone, 390 x 844 (issue 16 part 3): reads today's retention
report (references and dates, no names), releases it after confirming, and places a hold
(bewaren wegens lopende procedure) with a Dutch message when the reason is missing.
axe-core on every step; no sideways scrolling; no CSP refusal."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.bewaren.a11y import old_melding
from tests.browser.conftest import assert_fits
from tests.factories import CasusFactory
from vangnet.bewaren import services
from vangnet.bewaren.models import Hold, RetentionReport

pytestmark = pytest.mark.browser


def test_release_and_hold_on_a_phone(page, people, region, session_login, check_a11y, no_csp_violations):
    melding = old_melding(region["ggd"], people["meldpunt"])
    casus = CasusFactory(organisation=region["ggd"], casusregisseur=people["regisseur"])
    services.write_report()
    session_login(page, people["privacy"])
    page.goto(reverse("worklists:home"))
    page.get_by_role("link", name="Bewaarrapport: wat de bewaartermijn voorbij is").click()
    page.get_by_role("heading", name="Bewaarrapport", exact=True).wait_for()
    expect(page.get_by_role("table", name="Gegevens waarvan de bewaartermijn verstreken is")).to_contain_text(
        melding.reference
    )
    expect(page.locator("main")).not_to_contain_text(melding.surname)
    check_a11y(page, "bewaarrapport")
    assert_fits(page)

    page.get_by_role("link", name="Rapport vrijgeven (1 gegeven)").click()
    page.get_by_role("heading", name="Bewaarrapport vrijgeven").wait_for()
    page.get_by_role("button", name="Vrijgeven voor verwijdering").click()
    expect(page.get_by_role("alert")).to_contain_text("Bevestig dat u het rapport hebt beoordeeld.")
    check_a11y(page, "vrijgeven, fout")
    assert_fits(page)
    page.get_by_label("Ik heb het rapport beoordeeld").check()
    page.get_by_role("button", name="Vrijgeven voor verwijdering").click()
    expect(page.get_by_role("status")).to_contain_text("Het bewaarrapport is vrijgegeven.")
    assert RetentionReport.objects.get().status == RetentionReport.Status.VRIJGEGEVEN

    page.get_by_role("link", name="Bewaarblokkades").first.click()
    page.get_by_role("heading", name="Bewaarblokkades", exact=True).wait_for()
    page.get_by_label("Casus").check()
    page.get_by_label("Kenmerk").fill(casus.reference)
    page.get_by_role("button", name="Blokkade plaatsen").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf de reden op.")
    expect(page.get_by_label("Kenmerk")).to_have_value(casus.reference)
    check_a11y(page, "blokkade, fout")
    assert_fits(page)
    page.get_by_label("Reden (lopende procedure)").fill("Bezwaarprocedure bij de gemeente loopt")
    page.get_by_role("button", name="Blokkade plaatsen").click()
    expect(page.get_by_role("status")).to_contain_text(f"De bewaarblokkade op {casus.reference} is geplaatst.")
    expect(page.get_by_role("table", name="Bewaarblokkades")).to_contain_text("Bezwaarprocedure")
    check_a11y(page, "blokkades")
    assert_fits(page)
    assert Hold.objects.get().casus == casus
    no_csp_violations(page)
