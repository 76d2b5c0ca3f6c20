"""Filling in a crisis card on a phone, 390 x 844 (issue 15 part 4): the worker opens
the casus, makes the card, forgets the date of the agreement and is told so in Dutch
with her text kept, saves, and sees the card at the top of the casus page.
axe-core on every step; no sideways scrolling; no CSP refusal."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits
from vangnet.crisis.models import CrisisCard

pytestmark = pytest.mark.browser


def test_filling_in_a_crisis_card_on_a_phone(page, people, casus, session_login, check_a11y, no_csp_violations):
    session_login(page, people["regisseur"])
    page.goto(reverse("cases:detail", args=[casus.pk]))
    card = page.get_by_role("region", name="Crisiskaart")
    expect(card).to_contain_text("Er is nog geen crisiskaart")
    card.get_by_role("link", name="Crisiskaart maken").click()
    page.get_by_role("heading", name="Crisiskaart maken").wait_for()
    check_a11y(page, "crisiskaart maken")
    assert_fits(page)

    page.get_by_label("Vroege signalen").fill("Slaapt niet meer, zegt dat de buren hem afluisteren")
    page.get_by_label("Wat helpt").fill("Rustig praten aan de deur; zijn moeder bellen")
    page.get_by_label("Wat niet doen").fill("Geen politie in uniform aan de deur")
    page.get_by_label("Wie bellen").fill("Moeder 06 12 34 56 78")
    page.get_by_label("Afgesproken met de betrokkene").check()
    expect(page.get_by_role("button", name="Crisiskaart opslaan")).to_be_in_viewport()
    page.get_by_role("button", name="Crisiskaart opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Vul in op welke datum de kaart met de betrokkene is afgesproken."
    )
    expect(page.get_by_label("Wie bellen")).to_have_value("Moeder 06 12 34 56 78")
    check_a11y(page, "crisiskaart, fout")
    assert_fits(page)

    page.get_by_label("Datum van de afspraak").fill(timezone.localdate().isoformat())
    page.get_by_label("Wie heeft een kopie").fill("Meneer zelf, zijn moeder")
    page.get_by_role("button", name="Crisiskaart opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De crisiskaart is opgeslagen.")
    # At the top, one tap to open, and the attempt form still in view on the phone.
    page.goto(reverse("cases:detail", args=[casus.pk]))
    card = page.locator("details.crisis-card")
    expect(card).to_be_in_viewport()
    expect(page.locator("#attempt-form-wrap").get_by_role("button", name="Huisbezoek, niet thuis")).to_be_in_viewport()
    card.locator("summary").click()
    expect(card.get_by_text("Moeder 06 12 34 56 78")).to_be_visible()
    expect(card).to_contain_text("Geen politie in uniform aan de deur")
    check_a11y(page, "casus met crisiskaart")
    assert_fits(page)
    saved = CrisisCard.objects.get(person=casus.person)
    assert saved.agreed_on == timezone.localdate() and saved.version == 1
    no_csp_violations(page)
