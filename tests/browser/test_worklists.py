"""Issue 11 items 5, 6, 9 in the phone viewport (390x844): the partner home and the
teambelasting are cards without sideways scrolling; the urgent melding is on top of
te triëren with its badge in words; a caseload figure clicks through to its casussen."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import CasusFactory, MeldingFactory
from tests.network.factories import ServiceFactory, propose
from vangnet.cases.models import Phase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page):
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"page scrolls sideways: {width}"


def test_partner_home_cards_on_a_phone(page, session_login, people, region, no_csp_violations):
    partner, regisseur = people["partner"], people["regisseur"]
    casus = CasusFactory(organisation=region["ggd"], casusregisseur=regisseur)
    propose(casus, ServiceFactory(organisation=partner.organisation, name="Wijkagent Noordstad centrum"), regisseur)
    MeldingFactory(meldpunt=region["ggd"], created_by=partner, channel="partner", melder_type="politie")
    session_login(page, partner)
    page.goto(reverse("worklists:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Startpagina")
    referrals = page.get_by_role("list", name="Verwijzingen naar uw organisatie")
    expect(referrals.get_by_role("listitem")).to_have_count(1)
    expect(referrals).to_contain_text("Wacht op uw antwoord")
    expect(page.get_by_role("list", name="Mijn meldingen").get_by_role("listitem")).to_have_count(1)
    no_sideways_scroll(page)
    page.get_by_role("link", name="Naar de verwijzingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzingen")
    no_csp_violations(page)


def test_teambelasting_cards_and_click_through_on_a_phone(page, session_login, people, region, no_csp_violations):
    regisseur = people["regisseur"]
    old = timezone.now() - datetime.timedelta(days=40)
    for phase in (Phase.CONTACT_LEGGEN, Phase.CONTACT_LEGGEN, Phase.TOELEIDING):
        CasusFactory(organisation=region["ggd"], casusregisseur=regisseur, phase=phase, opened_at=old)
    session_login(page, people["teamleider"])
    page.goto(reverse("worklists:caseload"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Teambelasting")
    card = page.locator(".caseload-list > li").filter(has=page.get_by_role("heading", name=str(regisseur)))
    expect(card).to_have_count(1)
    no_sideways_scroll(page)
    card.get_by_role("link", name=f"3 casussen zonder echt contact van {regisseur}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Lopende casussen zonder echt contact in de laatste 14 dagen"
    )
    expect(page.locator("table.worklist tbody tr")).to_have_count(3)
    no_csp_violations(page)


def test_urgent_melding_on_top_of_te_trieren(page, session_login, people, region, no_csp_violations):
    now = timezone.now()
    MeldingFactory(
        meldpunt=region["ggd"],
        created_by=people["meldpunt"],
        surname="Ouderdom",
        received_at=now - datetime.timedelta(days=2),
    )
    MeldingFactory(
        meldpunt=region["ggd"],
        created_by=people["meldpunt"],
        surname="Spoedeisend",
        urgency_indicators=["gevaar_anderen"],
        received_at=now - datetime.timedelta(hours=1),
    )
    session_login(page, people["meldpunt"])
    page.goto(reverse("worklists:to_triage"))
    first = page.locator("table.worklist tbody tr").first
    expect(first).to_contain_text("Spoedeisend")
    expect(first).to_contain_text("Gevaar")
    no_csp_violations(page)
