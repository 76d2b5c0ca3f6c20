"""Closing a casus on a phone (390 x 844) records its uitkomst (issue 13): the
phase form refuses a closing without one (axe on that error state), keeps what
was typed, and the casus page shows the outcome with the receiving partner."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import CasusFactory, OrganisationFactory, PersonFactory
from vangnet.cases.models import Phase, PhaseChange
from vangnet.network.models import Service

pytestmark = pytest.mark.browser

REASON = "Warme overdracht aan het FACT-team; vinger aan de pols afgerond."


def test_closing_with_an_outcome_on_a_phone(page, people, region, session_login, check_a11y, no_csp_violations):
    regisseur = people["regisseur"]
    partner = OrganisationFactory(name="GGZ Noordstad", kind="ggz")
    Service.objects.create(organisation=partner, name="FACT-team Noordstad", type="ggz")
    person = PersonFactory(given_names="Johannes", surname="Meulenbroek")
    casus = CasusFactory(
        person=person, organisation=region["ggd"], team=region["team"], casusregisseur=regisseur, phase=Phase.NAZORG
    )
    PhaseChange.objects.create(
        casus=casus, from_phase="", to_phase=Phase.NAZORG, changed_by=regisseur, changed_at=timezone.now()
    )
    session_login(page, regisseur)
    page.goto(reverse("cases:phase", args=[casus.pk]))
    # The uitkomst fields show only when the new phase is "afgesloten".
    expect(page.get_by_label("Uitkomst (bij afsluiten)")).to_be_hidden()
    page.get_by_label("Nieuwe fase").select_option("afgesloten")
    expect(page.get_by_label("Uitkomst (bij afsluiten)")).to_be_visible()
    page.get_by_label("Reden").fill(REASON)
    page.get_by_role("button", name="Fase opslaan").click()

    # Refused on the field, the reason kept; the error state is accessible.
    expect(page.get_by_role("alert")).to_contain_text("Kies de uitkomst")
    expect(page.get_by_label("Reden")).to_have_value(REASON)
    check_a11y(page, "fase wijzigen: afsluiten zonder uitkomst")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("Uitkomst (bij afsluiten)").select_option("warme_overdracht")
    page.get_by_label("Ontvangende partner").select_option(label="GGZ Noordstad")
    page.get_by_role("button", name="Fase opslaan").click()
    page.wait_for_url(f"**{reverse('cases:detail', args=[casus.pk])}")
    expect(page.locator(".casus-outcome")).to_have_text("Warme overdracht gelukt (naar GGZ Noordstad)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    no_csp_violations(page)

    closing = casus.phase_changes.get(to_phase=Phase.AFGESLOTEN)
    assert (closing.outcome, closing.outcome_partner) == ("warme_overdracht", partner)
