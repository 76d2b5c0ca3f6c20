"""Issue 11 item 7 in the browser: the worker refers a casus; the partner (her own
browser, logged in with password and TOTP) sees the notification with the
unread count, opens the referral from it and accepts; the worker then sees the
acceptance arrive and opens the referral from her notification. The texts
carry the kind and a reference, never the person's name."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.factories import MeldingFactory, OrganisationFactory, UserFactory
from tests.network.factories import ServiceFactory
from vangnet.accounts.models import Role
from vangnet.network.models import Referral
from vangnet.notifications.models import Notification
from vangnet.triage.services import decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GIVEN, SURNAME = "Johannes", "Meulenbroek"
SITUATION = "Meneer woont alleen en wil nu praten met de GGZ."


@pytest.fixture
def referral_world(people, region):
    ggz = OrganisationFactory(name="GGZ Noord", kind="ggz", runs_meldpunt=False, does_bemoeizorg=False)
    noor = UserFactory(username="noor", first_name="Noor", last_name="Hendriks", role=Role.PARTNER, organisation=ggz)
    fact = ServiceFactory(organisation=ggz, name="FACT-team Noord", type="ggz")
    melding = MeldingFactory(
        meldpunt=region["ggd"],
        gemeente=region["gemeente"],
        created_by=people["meldpunt"],
        given_names=GIVEN,
        surname=SURNAME,
    )
    casus = decide(
        melding,
        by=people["meldpunt"],
        outcome="bemoeizorg",
        acute_danger="nee",
        already_in_care="nee",
        known_to_partners="nee",
        casusregisseur=people["regisseur"],
        duo=[people["duo"]],
        team=region["team"],
    ).casus
    # Bram already read that he became casusregisseur.
    Notification.objects.filter(user=people["regisseur"]).update(read_at=timezone.now())
    return {"noor": noor, "fact": fact, "casus": casus}


def nav_notifications(page):
    menu = page.get_by_role("button", name="Menu")  # on a phone the header folds behind Menu
    if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
        menu.click()
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=re.compile("^Notificaties"))


def open_notification(page, text):
    """From the notification list, follow the notification that says ``text``."""
    nav_notifications(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notificaties")
    item = page.locator(".notification-list li").filter(has_text=text)
    expect(item).to_have_count(1)
    item.get_by_role("link").or_(item.get_by_role("button")).first.click()


def test_referral_notification_reaches_the_partner_and_the_acceptance_comes_back(
    browser, live_server, page, people, referral_world, session_login, ui_login, check_a11y, no_csp_violations
):
    casus, noor, fact = referral_world["casus"], referral_world["noor"], referral_world["fact"]
    bram = people["regisseur"]

    # 1. Bram (casusregisseur) refers the casus to the FACT team.
    session_login(page, bram)
    page.goto(reverse("cases:detail", args=[casus.pk]))
    expect(nav_notifications(page)).not_to_contain_text("ongelezen")
    page.get_by_role("link", name="Verwijzen").click()
    page.get_by_label("Voorziening").select_option(value=str(fact.pk))
    page.get_by_role("group", name="Wat deelt u met de partner?").get_by_label("Korte situatieschets").check()
    page.get_by_label("Korte situatieschets (voor de partner)").fill(SITUATION)
    page.get_by_role("group", name="Grondslag voor het delen").get_by_label("Wettelijke taak").check()
    page.get_by_label("Toelichting grondslag").fill("Mondeling gevraagd bij huisbezoek")
    page.get_by_role("button", name="Verwijzing voorstellen").click()
    expect(page.get_by_role("status")).to_contain_text("De verwijzing is voorgesteld aan GGZ Noord.")

    # 2. Noor, the partner, in her own browser: one unread notification.
    partner_context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    try:
        partner = partner_context.new_page()
        partner.set_default_timeout(15_000)
        partner.console_errors, partner.page_errors = [], []
        partner.on("console", lambda msg: partner.console_errors.append(msg.text) if msg.type == "error" else None)
        partner.on("pageerror", lambda exc: partner.page_errors.append(str(exc)))
        ui_login(partner, noor)
        expect(nav_notifications(partner)).to_contain_text("1 ongelezen")
        nav_notifications(partner).click()
        main = partner.locator("main")
        expect(main).to_contain_text("Nieuwe verwijzing voor uw organisatie: FACT-team Noord")
        for secret in (GIVEN, SURNAME, casus.reference):
            expect(main).not_to_contain_text(secret)
        check_a11y(partner, "notificaties (partner)")
        open_notification(partner, "Nieuwe verwijzing voor uw organisatie")
        expect(partner.get_by_role("heading", level=1)).to_have_text("Verwijzing naar FACT-team Noord")
        expect(partner.locator("main")).to_contain_text(SITUATION)

        # 3. She accepts with an intake date.
        partner.get_by_role("group", name="Uw antwoord").get_by_label("Accepteren").check()
        partner.get_by_label("Intakedatum (bij accepteren)").fill(timezone.localdate().isoformat())
        partner.get_by_role("button", name="Antwoord versturen").click()
        expect(partner.get_by_role("status")).to_contain_text("U hebt de verwijzing geaccepteerd.")
        no_csp_violations(partner)
    finally:
        partner_context.close()

    # 4. Bram's next page shows the answer arriving; the notification opens the referral.
    page.goto(reverse("worklists:home"))
    expect(nav_notifications(page)).to_contain_text("1 ongelezen")
    open_notification(page, f"Uw verwijzing is beantwoord: {casus.reference}")
    referral = Referral.objects.get(service=fact)
    expect(page).to_have_url(re.compile(re.escape(reverse("network:referral_detail", args=[referral.pk])) + "$"))
    expect(page.locator("main")).to_contain_text("Geaccepteerd")
    no_csp_violations(page)
