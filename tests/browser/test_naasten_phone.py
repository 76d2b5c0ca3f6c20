"""Adding naasten and logging a contact on a phone, 390 x 844 (issue 15 part 5): the
worker opens the naasten from the casus, adds the sister with what may be shared,
gets a Dutch message on an implausible consent date (input kept), adds the
neighbour who is the melder (marked), and logs a phone call with the sister.
axe-core on every step; no sideways scrolling; no CSP refusal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits
from vangnet.naasten.models import Naaste, NaasteContact

pytestmark = pytest.mark.browser


def test_adding_naasten_and_a_contact_on_a_phone(page, people, casus, session_login, check_a11y, no_csp_violations):
    session_login(page, people["regisseur"])
    page.goto(reverse("cases:detail", args=[casus.pk]))
    page.get_by_role("region", name="Naasten").get_by_role("link", name="Naar de naasten").click()
    page.get_by_role("heading", name=f"Naasten casus {casus.reference}").wait_for()
    check_a11y(page, "geen naasten")
    assert_fits(page)

    page.locator("#id_name").fill("Annelies (zus)")
    page.get_by_label("Relatie").select_option("familie")
    page.locator("#id_reach").fill("06-12345678")
    page.get_by_label("Afspraken en voortgang").check()
    page.get_by_label("Datum toestemming").fill((timezone.localdate() + timedelta(days=40)).isoformat())
    page.get_by_role("button", name="Naaste toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze datum ligt in de toekomst.")
    expect(page.locator("#id_name")).to_have_value("Annelies (zus)")
    check_a11y(page, "naaste, fout")
    assert_fits(page)

    page.get_by_label("Datum toestemming").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Naaste toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("De naaste is toegevoegd.")

    page.locator("#id_name").fill("Buurman Kees")
    page.get_by_label("Relatie").select_option("buren")
    page.get_by_label("Niets", exact=True).check()
    page.get_by_label("Deze naaste heeft een melding gedaan (melder)").check()
    page.get_by_role("button", name="Naaste toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("De naaste is toegevoegd.")
    expect(page.locator(".naaste-card", has_text="Buurman Kees")).to_contain_text("melder — nooit tonen bij inzage")
    check_a11y(page, "twee naasten")
    assert_fits(page)

    page.get_by_label("Met wie").select_option(label="Annelies (zus)")
    page.get_by_label("Telefoon", exact=True).check()
    page.get_by_label("Korte notitie").fill("Zus helpt met de post")
    page.get_by_role("button", name="Contact vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het contact met de naaste is vastgelegd.")
    expect(page.get_by_role("region", name="Contact met naasten")).to_contain_text("Zus helpt met de post")
    check_a11y(page, "naasten met contact")
    assert_fits(page)
    assert Naaste.objects.filter(person=casus.person).count() == 2
    assert NaasteContact.objects.get().naaste.name == "Annelies (zus)"
    no_csp_violations(page)
