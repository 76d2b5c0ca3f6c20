"""The network flow in the browser (issue 5): from a casus the bemoeizorger
refers to a partner; the partner logs in, sees only what is shared and refuses
with a reason; a new referral is accepted; the warm handover is recorded; the
casus goes to nazorg; the check "after 6 months" is answered from the
worklist; the melder gets a minimal status message by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import MeldingFactory, OrganisationFactory, UserFactory
from tests.network.factories import ServiceFactory
from vangnet.accounts.models import Role
from vangnet.cases.models import Phase
from vangnet.cases.services import add_note
from vangnet.network.models import FollowUp, Referral
from vangnet.triage.services import decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SECRET_NOTE = "Vertrouwelijk: vroeger opgenomen geweest"
SITUATION = "Meneer woont alleen, komt de deur nauwelijks uit en wil nu praten met de GGZ."


@pytest.fixture
def network(people, region):
    ggz = OrganisationFactory(name="GGZ Noord", kind="ggz", runs_meldpunt=False, does_bemoeizorg=False)
    noor = UserFactory(username="noor", first_name="Noor", last_name="Hendriks", role=Role.PARTNER, organisation=ggz)
    fact = ServiceFactory(organisation=ggz, name="FACT-team Noord", type="ggz")
    basis = ServiceFactory(organisation=ggz, name="Basis-GGZ Noord", type="ggz")
    melding = MeldingFactory(
        meldpunt=region["ggd"],
        gemeente=region["gemeente"],
        created_by=people["meldpunt"],
        given_names="Johannes",
        surname="Meulenbroek",
        melder_name="Anja Bovenbuur",
        melder_email="anja@example.org",
        melder_wants_feedback=True,
        description="Het stinkt in het trappenhuis en meneer roept 's nachts.",
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
    add_note(casus, text=SECRET_NOTE, by=people["regisseur"])
    return {"noor": noor, "fact": fact, "basis": basis, "casus": casus, "melding": melding}


def propose(page, casus, service):
    page.goto(reverse("cases:detail", args=[casus.pk]))
    page.get_by_role("link", name="Verwijzen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verwijzen")
    page.get_by_label("Voorziening").select_option(value=str(service.pk))
    parts = page.get_by_role("group", name="Wat deelt u met de partner?")
    parts.get_by_label("Personalia (naam, geboortedatum)").check()
    parts.get_by_label("Korte situatieschets").check()
    page.get_by_label("Korte situatieschets (voor de partner)").fill(SITUATION)
    page.get_by_role("group", name="Grondslag voor het delen").get_by_label("Wettelijke taak").check()
    page.get_by_label("Toelichting grondslag").fill("Mondeling gevraagd bij huisbezoek")
    page.get_by_role("button", name="Verwijzing voorstellen").click()
    expect(page.get_by_role("status")).to_contain_text("De verwijzing is voorgesteld aan GGZ Noord.")


def open_in_inbox(page, service_name):
    page.get_by_role("button", name="Menu").click()  # on a phone the header folds behind Menu
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Verwijzingen").click()
    row = page.get_by_role("row").filter(has_text=service_name).filter(has_text="Wacht op uw antwoord")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verwijzing naar {service_name}")


def test_referral_refused_then_warm_handover_and_follow_up(
    page, people, network, session_login, ui_login, no_csp_violations
):
    casus, noor = network["casus"], network["noor"]
    bram = people["regisseur"]

    # 1. The casusregisseur refers to the FACT team.
    session_login(page, bram)
    propose(page, casus, network["fact"])
    expect(page.locator("main")).to_contain_text("Voorgesteld")

    # 2. The partner logs in (password + TOTP), sees only what is shared, refuses with a reason.
    page.context.clear_cookies()
    ui_login(page, noor)
    open_in_inbox(page, "FACT-team Noord")
    main = page.locator("main")
    expect(main).to_contain_text(SITUATION)
    expect(main).to_contain_text("Johannes Meulenbroek")
    expect(main).not_to_contain_text(SECRET_NOTE)
    expect(main).not_to_contain_text("Kerkstraat")
    expect(main).not_to_contain_text(casus.reference)
    page.get_by_role("group", name="Uw antwoord").get_by_label("Weigeren").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies de reden van de weigering.")
    page.get_by_label("Reden (bij weigeren)").select_option(label="Geen capaciteit")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("status")).to_contain_text("U hebt de verwijzing geweigerd.")
    expect(main).to_contain_text("Geen capaciteit")

    # 3. The worker sees the refusal and refers again, now to the basis-GGZ.
    session_login(page, bram)
    refused = Referral.objects.get(service=network["fact"])
    page.goto(reverse("network:referral_detail", args=[refused.pk]))
    expect(page.locator("main")).to_contain_text("Geen capaciteit")
    page.get_by_role("link", name="Nieuwe verwijzing").click()
    page.get_by_label("Voorziening").select_option(value=str(network["basis"].pk))
    parts = page.get_by_role("group", name="Wat deelt u met de partner?")
    parts.get_by_label("Korte situatieschets").check()
    page.get_by_label("Korte situatieschets (voor de partner)").fill(SITUATION)
    page.get_by_role("group", name="Grondslag voor het delen").get_by_label("Wettelijke taak").check()
    page.get_by_label("Toelichting grondslag").fill("Mondeling gevraagd bij huisbezoek")
    page.get_by_role("button", name="Verwijzing voorstellen").click()
    expect(page.get_by_role("status")).to_contain_text("De verwijzing is voorgesteld")

    # 4. The partner accepts with an intake date.
    session_login(page, noor)
    page.goto(reverse("worklists:home"))
    open_in_inbox(page, "Basis-GGZ Noord")
    expect(page.locator("main")).not_to_contain_text("Johannes Meulenbroek")  # personalia not shared this time
    page.get_by_role("group", name="Uw antwoord").get_by_label("Accepteren").check()
    page.get_by_label("Intakedatum (bij accepteren)").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("status")).to_contain_text("U hebt de verwijzing geaccepteerd.")

    # 5. Warm handover: the bemoeizorger went along to the intake; then in care.
    session_login(page, bram)
    accepted = Referral.objects.get(service=network["basis"])
    page.goto(reverse("cases:detail", args=[casus.pk]))
    page.get_by_role("link", name=re.compile("Basis-GGZ Noord")).click()
    page.get_by_label("Intake gehouden op").fill(timezone.localdate().isoformat())
    page.get_by_role("group", name="Ging de bemoeizorger mee naar de intake?").get_by_label(
        "Ja, warme overdracht"
    ).check()
    page.get_by_role("button", name="Intake vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De intake is vastgelegd.")
    expect(page.locator("main")).to_contain_text("warme overdracht: bemoeizorger ging mee")
    page.get_by_role("button", name="In zorg vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De casus staat nu in nazorg")
    casus.refresh_from_db()
    assert casus.phase == Phase.NAZORG

    # 6. Six months later (the due date moved into the past): the check is on the worklist.
    FollowUp.objects.filter(referral=accepted, key="6m").update(due_date=timezone.localdate())
    page.goto(reverse("worklists:home"))
    section = page.get_by_role("table", name="Nog in zorg? Controles die nu aan de beurt zijn")
    expect(section).to_contain_text("Basis-GGZ Noord")
    section.get_by_role("link", name="Nog in zorg?").click()
    expect(page.locator("main")).to_contain_text("na 6 maanden")
    page.get_by_role("group", name="Is de betrokkene nog in zorg?").get_by_label("Ja, nog in zorg").check()
    page.get_by_role("button", name="Antwoord opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het antwoord is vastgelegd.")
    assert FollowUp.objects.get(referral=accepted, key="6m").answer == "ja"

    # 7. The melder gets a minimal status message by e-mail.
    page.goto(reverse("cases:detail", args=[casus.pk]))
    page.get_by_role("link", name=f"Statusbericht melder {network['melding'].reference}").click()
    page.get_by_role("group", name="Bericht").get_by_label("Contact gelegd en hulp ingezet").check()
    page.get_by_role("button", name="Statusbericht versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Het statusbericht is verstuurd.")
    # The partner also had an e-mail per referral (her default channel for them, issue 11):
    # the melder gets exactly one, and none of them carries personal data.
    to_melder = [m for m in mail.outbox if m.to == ["anja@example.org"]]
    assert len(to_melder) == 1
    for other in mail.outbox:
        for secret in (SECRET_NOTE, SITUATION, "Meulenbroek", casus.reference):
            assert secret not in other.body and secret not in other.subject
    sent = to_melder[0]
    assert "contact gelegd en is hulp ingezet" in sent.body
    for secret in (SECRET_NOTE, SITUATION, network["melding"].description, "Meulenbroek"):
        assert secret not in sent.body
    no_csp_violations(page)
