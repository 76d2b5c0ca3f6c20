"""Correcting a contact attempt on a phone, 390 x 844 (issue 12, item 1): from
the timeline entry to the correction form and back; the timeline says
"Gecorrigeerd door … op … (reden)", the earlier version is readable, the counters
follow the corrected result, and the page never scrolls sideways."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import CasusFactory, PersonFactory
from vangnet.cases import services
from vangnet.cases.models import ContactAttempt, ContactAttemptRevision, Phase, PhaseChange

pytestmark = pytest.mark.browser


@pytest.fixture
def casus_with_attempt(people, region):
    regisseur, duo = people["regisseur"], people["duo"]
    opened = timezone.now() - timedelta(days=10)
    person = PersonFactory(given_names="Johannes", surname="Meulenbroek", date_of_birth=None)
    casus = CasusFactory(
        person=person,
        organisation=region["ggd"],
        team=region["team"],
        casusregisseur=regisseur,
        opened_at=opened,
        members=[duo],
    )
    PhaseChange.objects.create(
        casus=casus, from_phase="", to_phase=Phase.CONTACT_LEGGEN, changed_by=regisseur, changed_at=opened
    )
    services.log_contact_attempt(
        casus,
        at=timezone.now() - timedelta(days=1),
        type="huisbezoek",
        result="geen_gehoor",
        workers=[regisseur, duo],
        with_police=False,
        note="Niemand thuis, briefje achtergelaten.",
        by=duo,
    )
    return casus


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def test_correct_an_attempt_on_a_phone(page, session_login, people, casus_with_attempt, check_a11y, no_csp_violations):
    casus = casus_with_attempt
    session_login(page, people["regisseur"])
    page.goto(reverse("cases:detail", args=[casus.pk]))
    expect(page.locator("#casus-engagement")).to_contain_text("nog geen contact")

    entry = page.locator("#tijdlijn li.kind-poging").first
    entry.get_by_role("link", name="Contactpoging corrigeren").click()
    page.get_by_role("heading", level=1, name="Contactpoging corrigeren").wait_for()
    no_sideways_scroll(page)
    check_a11y(page, "contactpoging corrigeren (390 px)")

    # Saving without a reason: the Dutch message on the field, the input kept.
    page.get_by_role("group", name="Resultaat").get_by_label("Gesprek").check()
    page.get_by_role("button", name="Correctie opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef een reden.")
    expect(page.get_by_role("group", name="Resultaat").get_by_label("Gesprek")).to_be_checked()
    no_sideways_scroll(page)

    page.get_by_label("Reden van de correctie").fill("Toch even gesproken aan de deur")
    page.get_by_role("button", name="Correctie opslaan").click()
    page.wait_for_url(lambda url: reverse("cases:detail", args=[casus.pk]) in url)

    entry = page.locator("#tijdlijn li.kind-poging").first
    expect(entry).to_contain_text("Huisbezoek: Gesprek")
    expect(entry).to_contain_text("Gecorrigeerd door Bram Bakker op ")
    expect(entry).to_contain_text("(Toch even gesproken aan de deur)")
    entry.get_by_text("Eerdere versie bekijken").click()
    expect(entry.locator(".correction-history")).to_contain_text("Geen gehoor")
    expect(page.locator("#casus-engagement")).not_to_contain_text("nog geen contact")
    no_sideways_scroll(page)
    no_csp_violations(page)

    attempt = ContactAttempt.objects.get()
    assert (attempt.result, attempt.version) == ("gesprek", 2)
    assert ContactAttemptRevision.objects.get().was_result == "geen_gehoor"
