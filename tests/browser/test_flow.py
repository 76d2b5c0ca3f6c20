"""The main flow as real users do it on a phone: the meldpunt registers and
triages a melding, the casusregisseur works the casus from first attempts to
closing. Asserts on the visible Dutch text at every step, that the HTMX quick
form updates the page without navigating, that nothing is refused by the CSP,
and at the end in the database that the casus is closed and every access to
the person was logged."""

import re

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from playwright.sync_api import expect

from vangnet.audit.models import AccessLog
from vangnet.cases.models import Casus, ContactAttempt, Phase
from vangnet.intake.models import Melding
from vangnet.triage.models import TriageDecision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def register_melding(page):
    page.get_by_role("button", name="Menu").click()  # on a phone the header folds behind Menu
    page.get_by_role("link", name="Nieuwe melding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe melding registreren")
    # Ontvangst: kanaal (telefoon), tijdstip (nu) and gemeente (the only one) are prefilled.
    expect(page.get_by_label("Kanaal")).to_have_value("telefoon")
    expect(page.get_by_label("Gemeente", exact=True)).to_have_value(re.compile(r"\d+"))
    # Melder
    page.get_by_label("Soort melder").select_option(label="Buurtbewoner")
    page.get_by_label("Naam melder").fill("Anja Bovenbuur")
    page.get_by_label("Telefoon melder").fill("06 12345678")
    page.get_by_label("Relatie tot betrokkene").fill("Bovenbuurvrouw")
    page.get_by_label("De melder wil terugkoppeling").check()
    # Betrokkene
    page.get_by_label("Voornamen").fill("Johannes")
    page.get_by_label("Achternaam").fill("Meulenbroek")
    page.get_by_label("Geboortedatum").fill("1961-07-14")
    page.get_by_label("Straat").fill("Kerkstraat")
    page.get_by_label("Huisnummer").fill("12b")
    page.get_by_label("Plaats").fill("Noordstad")
    # De zorg
    zorgen = page.get_by_role("group", name="Waar maakt de melder zich zorgen over?")
    zorgen.get_by_label("Psychische problemen").check()
    zorgen.get_by_label("Verwaarlozing woning").check()
    page.get_by_label("Wat is er aan de hand?").fill(
        "Meneer komt al weken de deur niet uit, de brievenbus puilt uit en het stinkt in het trappenhuis."
    )
    page.get_by_role("button", name="Melding registreren").click()

    page.wait_for_url(re.compile(r"/meldingen/\d+/$"))
    melding = Melding.objects.get()
    expect(page.get_by_role("status")).to_contain_text(f"Melding {melding.reference} is geregistreerd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Melding {melding.reference}")
    expect(page.locator("main")).to_contain_text("Te triëren")
    expect(page.locator("main")).to_contain_text("Johannes Meulenbroek")
    expect(page.locator("main")).to_contain_text("Psychische problemen, Verwaarlozing woning")
    expect(page.locator("main")).to_contain_text("Deze melding is nog niet getrieerd.")
    return melding


def _decision_fields_post(response) -> bool:
    return response.request.method == "POST" and "/besluitvelden/" in response.url


def _htmx_settled(page) -> None:
    """Wait until htmx has swapped and settled: a change fired on an element that
    is being swapped out is dropped by htmx, so the next step must wait."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def triage_bemoeizorg(page, melding, regisseur, duo):
    page.get_by_role("link", name="Melding triëren").click()
    page.wait_for_url(f"**{reverse('triage:melding', args=[melding.pk])}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Triage van melding {melding.reference}")
    expect(page.locator("main")).to_contain_text("Geen bekende personen gevonden.")
    expect(page.get_by_label("Nieuwe persoon registreren")).to_be_checked()

    # Each change re-renders the conditional fields over HTMX; wait for each answer
    # so the next step starts from a settled page (and a server error shows here).
    with page.expect_response(_decision_fields_post) as answer:
        page.get_by_role("group", name="Is er acuut gevaar?").get_by_label("Nee", exact=True).check()
    assert answer.value.status == 200
    _htmx_settled(page)
    page.get_by_role("group", name="Is de betrokkene al in zorg?").get_by_label("Nee", exact=True).check()
    page.get_by_role("group", name="Is de betrokkene bekend bij partners?").get_by_label("Ja", exact=True).check()
    page.get_by_label("Zo ja: bij welke partners?").fill("Wijkagent en woningcorporatie")

    with page.expect_response(_decision_fields_post) as answer:
        page.get_by_role("group", name="Besluit").get_by_label("Bemoeizorg starten").check()
    assert answer.value.status == 200
    _htmx_settled(page)
    # HTMX replaces the conditional part: only the bemoeizorg fields remain.
    expect(page.get_by_label("Doorverwezen naar")).to_have_count(0)
    page.get_by_label("Casusregisseur").select_option(label=f"{regisseur} (Bemoeizorger)")
    page.get_by_role("group", name="Duo-partner(s)").get_by_label(f"{duo} (Bemoeizorger)").check()
    page.get_by_label("Toelichting, reden of advies").fill("Zorgmijder, verwaarlozing: outreachend contact leggen.")
    page.get_by_role("button", name="Besluit vastleggen").click()

    page.wait_for_url(re.compile(r"/casussen/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("Het triagebesluit is opgeslagen: Bemoeizorg starten.")
    casus = Casus.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Johannes Meulenbroek")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"casus {casus.reference}")
    return casus


def log_attempt(page, kind, result, *, expect_total):
    """One contact attempt through the quick form, at the prefilled time (now),
    as a worker on the doorstep does it."""
    form = page.locator("#attempt-form-wrap")
    expect(form.get_by_label("Wanneer")).to_have_value(re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d$"))
    form.get_by_role("group", name="Soort").get_by_label(kind, exact=True).check()
    form.get_by_role("group", name="Resultaat").get_by_label(result, exact=True).check()
    form.get_by_role("button", name="Poging opslaan").click()
    expect(page.locator("#attempt-form-wrap").get_by_role("status")).to_have_text("De contactpoging is vastgelegd.")
    expect(page.locator("#tijdlijn")).to_contain_text(f"{kind}: {result}")
    expect(page.locator("#tijdlijn li.kind-poging")).to_have_count(expect_total)
    # The fresh form is empty again, ready for the next attempt.
    expect(page.locator("#attempt-form-wrap").get_by_label(kind, exact=True)).not_to_be_checked()


def engagement_value(page, term: str):
    return page.locator("#casus-engagement dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def change_phase(page, label, *, reason=""):
    page.get_by_role("link", name="Fase wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fase wijzigen voor Johannes Meulenbroek")
    page.get_by_label("Nieuwe fase").select_option(label=label)
    if reason:
        page.get_by_label("Reden").fill(reason)
    page.get_by_role("button", name="Fase opslaan").click()


def test_melding_to_closed_casus(page, ui_login, people, no_csp_violations):
    meldpunt, regisseur, duo = people["meldpunt"], people["regisseur"], people["duo"]

    # --- the meldpunt worker logs in with password + TOTP ---------------------
    ui_login(page, meldpunt)
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
    expect(page.locator("main")).to_contain_text("Er zijn geen meldingen die wachten op triage.")
    expect(page.locator(".user-box")).to_contain_text("Mila de Wit · Meldpuntmedewerker · GGD Noordstad")

    melding = register_melding(page)
    casus = triage_bemoeizorg(page, melding, regisseur, duo)
    decision = TriageDecision.objects.get(melding=melding)
    assert decision.outcome == "bemoeizorg" and decision.casus == casus
    assert casus.casusregisseur == regisseur
    assert set(casus.members.values_list("user__username", "role")) == {("bram", "regisseur"), ("dewi", "duo")}

    page.get_by_role("button", name="Menu").click()  # on a phone the header folds behind Menu
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd.")

    # --- the casusregisseur logs in and opens the casus ------------------------
    ui_login(page, regisseur)
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
    my_cases = page.get_by_role("table", name="Mijn lopende casussen: urgent eerst, dan de contactnorm")
    expect(my_cases).to_contain_text("Johannes Meulenbroek")
    my_cases.get_by_role("link", name=casus.reference).click()
    page.wait_for_url(f"**{reverse('cases:detail', args=[casus.pk])}")
    expect(page.locator(".casus-summary")).to_contain_text("Fase: Contact leggen")
    expect(engagement_value(page, "Eerste echte contact")).to_have_text("nog geen contact")
    expect(page.locator("#casus-engagement")).to_contain_text("Pogingen tot nu toe zonder contact")
    expect(page.locator("#tijdlijn")).to_contain_text(f"Melding {melding.reference}")

    # --- contact attempts through the HTMX quick form: no page navigation ------
    page.evaluate("window.__vangnetNoReload = true")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)

    log_attempt(page, "Huisbezoek", "Geen gehoor", expect_total=1)
    expect(engagement_value(page, "Pogingen tot nu toe zonder contact")).to_have_text("1")
    log_attempt(page, "Briefje / kaartje", "Geen gehoor", expect_total=2)
    log_attempt(page, "Huisbezoek", "Geweigerd", expect_total=3)
    expect(engagement_value(page, "Pogingen tot nu toe zonder contact")).to_have_text("3")
    expect(engagement_value(page, "Eerste echte contact")).to_have_text("nog geen contact")
    log_attempt(page, "Huisbezoek", "Gesprek", expect_total=4)

    assert page.evaluate("window.__vangnetNoReload === true"), "the quick form caused a full page load"
    assert navigations == [], f"the quick form navigated: {navigations}"
    assert page.url.endswith(reverse("cases:detail", args=[casus.pk]))

    # The engagement block was swapped in out-of-band: first contact and 3 attempts before it.
    contact = ContactAttempt.objects.get(casus=casus, result="gesprek")
    with translation.override("nl"):
        contact_text = dateformat.format(timezone.localtime(contact.at), "j F Y, H:i")
    expect(engagement_value(page, "Eerste echte contact")).to_have_text(contact_text)
    expect(engagement_value(page, "Pogingen vóór het eerste contact")).to_have_text("3")
    expect(engagement_value(page, "Contactpogingen in totaal")).to_have_text("4")
    # And it stays so after a real reload.
    page.reload()
    expect(engagement_value(page, "Pogingen vóór het eerste contact")).to_have_text("3")
    assert ContactAttempt.objects.filter(casus=casus).count() == 4

    # --- phases forward, then close with a reason ------------------------------
    for label in ["Verkennen", "Toeleiding", "Overdracht", "Nazorg (vinger aan de pols)"]:
        change_phase(page, label)
        page.wait_for_url(f"**{reverse('cases:detail', args=[casus.pk])}")
        expect(page.get_by_role("status")).to_contain_text(f"De fase is gewijzigd naar {label}.")
        expect(page.locator(".casus-summary")).to_contain_text(f"Fase: {label}")

    # Closing without a reason is refused with a Dutch explanation; nothing typed is lost.
    change_phase(page, "Afgesloten")
    expect(page.get_by_role("alert")).to_contain_text("Geef een reden")
    expect(page.get_by_label("Nieuwe fase")).to_have_value("afgesloten")
    page.get_by_label("Reden").fill("Warme overdracht aan FACT-team gelukt; vinger aan de pols afgerond.")
    page.get_by_label("Uitkomst (bij afsluiten)").select_option("warme_overdracht")
    page.get_by_role("button", name="Fase opslaan").click()
    page.wait_for_url(f"**{reverse('cases:detail', args=[casus.pk])}")
    expect(page.get_by_role("status")).to_contain_text("De fase is gewijzigd naar Afgesloten.")
    expect(page.locator(".casus-summary")).to_contain_text("Fase: Afgesloten")
    expect(page.locator("main")).to_contain_text("Afgesloten op")
    expect(page.locator("#tijdlijn")).to_contain_text("Fase: Afgesloten (was: Nazorg (vinger aan de pols))")
    expect(page.locator("#tijdlijn")).to_contain_text("Warme overdracht aan FACT-team gelukt")

    # --- the database agrees ----------------------------------------------------
    casus.refresh_from_db()
    assert casus.phase == Phase.AFGESLOTEN
    assert casus.closed_at is not None
    assert list(casus.phase_changes.values_list("to_phase", flat=True)) == [
        "contact_leggen",
        "verkennen",
        "toeleiding",
        "overdracht",
        "nazorg",
        "afgesloten",
    ]
    person_log = AccessLog.objects.filter(person_id=str(casus.person_id))
    assert person_log.exists()
    who = set(person_log.values_list("username", "action"))
    assert ("mila", "C") in who or ("mila", "R") in who, who  # meldpunt: registered/triaged
    assert ("bram", "R") in who, who  # casusregisseur read the casus
    assert ("bram", "U") in who, who  # ...and changed its phase
    assert ("bram", "C") in who, who  # ...and logged attempts
    assert AccessLog.objects.filter(melding_id=str(melding.pk), username="mila", action="C").exists()

    no_csp_violations(page)
