"""Recording an inzet and a waiting-list entry with its placement on a phone, 390 x 844
(issue 15 part 6): the worker opens the means page from the casus, gets a Dutch
message for an implausible amount (input kept), records the inzet, puts the person on
a waiting list and records the placement. axe-core on every step; no sideways scrolling."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits
from vangnet.middelen.models import Inzet, Wachtlijst

pytestmark = pytest.mark.browser


def test_recording_means_on_a_phone(page, people, casus, session_login, check_a11y, no_csp_violations):
    session_login(page, people["regisseur"])
    page.goto(reverse("cases:detail", args=[casus.pk]))
    page.get_by_role("link", name="Middelen en wachtlijst bekijken").click()
    page.get_by_role("heading", name=f"Middelen casus {casus.reference}", level=1).wait_for()
    check_a11y(page, "lege middelen")
    assert_fits(page)

    page.locator("summary", has_text="Inzet vastleggen").click()
    page.get_by_role("radio", name="Flexibel budget").check()
    page.locator("#id_inzet-amount").fill("30000")
    page.locator("#id_inzet-purpose").fill("Boodschappen en een ov-kaart")
    page.locator("#id_inzet-approved_by").select_option(str(people["teamleider"].pk))
    page.get_by_role("button", name="Inzet vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("onwaarschijnlijk hoog")
    expect(page.locator("#id_inzet-purpose")).to_have_value("Boodschappen en een ov-kaart")
    check_a11y(page, "inzet, fout")
    assert_fits(page)
    page.locator("#id_inzet-amount").fill("120,50")
    page.get_by_role("button", name="Inzet vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De inzet is vastgelegd.")
    assert Inzet.objects.filter(casus=casus).count() == 1

    page.locator("summary", has_text="Op de wachtlijst zetten").click()
    page.get_by_role("radio", name="Maatschappelijke opvang").check()
    page.locator("#id_wachtlijst-provider").fill("De Herberg")
    page.locator("#id_wachtlijst-listed_on").fill((timezone.localdate() - timedelta(days=12)).isoformat())
    page.get_by_role("button", name="Op de wachtlijst zetten").click()
    expect(page.get_by_role("status")).to_contain_text("De wachtlijstplaatsing is vastgelegd.")
    check_a11y(page, "wachtend")

    page.locator("summary", has_text="Uitkomst vastleggen").click()
    page.get_by_role("radio", name="Geplaatst", exact=True).check()
    page.locator("input[type=date][name$=placed_on]").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    assert_fits(page)
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De uitkomst van de wachtlijst is vastgelegd.")
    check_a11y(page, "geplaatst")
    assert Wachtlijst.objects.get(casus=casus).status == "geplaatst"
