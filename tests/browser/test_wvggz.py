"""The Wvggz verkennend onderzoek in a real browser, both ways it can end:
a Wvggz melding -> onderzoek -> questionnaire -> geen aanvraag -> bemoeizorg
casus started -> melder informed; and an aanvraag with the PDF downloaded."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import MeldingFactory
from tests.wvggz.helpers import JUDGEMENT, answer_all, make_onderzoek
from vangnet.cases.models import Casus
from vangnet.wvggz.models import Onderzoek

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_wvggz_melding_to_bemoeizorg_and_melder_informed(
    page, session_login, check_a11y, no_csp_violations, people, region
):
    melding = MeldingFactory(
        meldpunt=region["ggd"],
        created_by=people["meldpunt"],
        is_wvggz=True,
        given_names="Karel",
        surname="Smit",
        received_at=timezone.now() - datetime.timedelta(days=3),
        melder_name="Buurvrouw Jansen",
        melder_phone="0612345678",
        melder_wants_feedback=True,
    )

    # The meldpunt triages: the Wvggz melding comes with the verkennend onderzoek suggested.
    session_login(page, people["meldpunt"])
    page.goto(reverse("triage:melding", args=[melding.pk]))
    assert page.get_by_label("Wvggz verkennend onderzoek").is_checked()
    page.locator("#id_acute_danger_1").check()
    page.locator("#id_already_in_care_2").check()
    page.locator("#id_known_to_partners_2").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    # The decision opens the onderzoek and lands on it: the 14-day term runs from the melding.
    page.wait_for_url(re.compile(r"/wvggz/\d+/$"))
    onderzoek = Onderzoek.objects.get(melding=melding)
    page.get_by_text("nog 11 dagen").wait_for()
    page.goto(reverse("worklists:home"))  # the meldpunt sees the new onderzoek and its term in the work queue
    page.get_by_role("link", name=onderzoek.reference).click()
    page.get_by_text("nog 11 dagen").wait_for()
    assert page.get_by_text("De bevindingen zijn alleen zichtbaar").is_visible()  # meldpunt: summary only

    # The teamleider assigns the onderzoekers.
    session_login(page, people["teamleider"])
    page.goto(reverse("wvggz:overview"))
    check_a11y(page, "wvggz-overzicht")
    page.get_by_role("link", name=onderzoek.reference).click()
    page.get_by_role("link", name="Onderzoekers toewijzen").click()
    page.get_by_label("Hoofdonderzoeker").select_option(label="Bram Bakker (Bemoeizorger)")
    page.get_by_label("Dewi Jansen (Bemoeizorger)").check()
    check_a11y(page, "onderzoekers toewijzen")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De onderzoekers zijn toegewezen.").wait_for()

    # The lead onderzoeker fills in the questionnaire and decides: geen aanvraag, bemoeizorg.
    session_login(page, people["regisseur"])
    page.goto(reverse("worklists:home"))
    page.get_by_role("link", name=onderzoek.reference).click()
    page.get_by_role("link", name="Vragenlijst invullen").click()
    page.get_by_role("heading", name=f"Vragenlijst: {onderzoek.reference}").wait_for()
    check_a11y(page, "vragenlijst")
    page.get_by_label("Waargenomen gedrag").fill("Spreekt verward, wel bereid tot gesprek met de bemoeizorger.")
    page.get_by_role("group", name="Zijn er aanwijzingen voor een psychische stoornis?").get_by_label(
        "Onbekend"
    ).check()
    page.get_by_label("Betrokkene zelf", exact=True).check()
    page.get_by_label("Ernstige verwaarlozing of maatschappelijke teloorgang").check()
    page.get_by_label("Bemoeizorg is mogelijk").check()
    page.get_by_role("button", name="Antwoorden opslaan").click()
    page.get_by_text("De antwoorden zijn opgeslagen.").wait_for()
    assert page.get_by_text("Spreekt verward, wel bereid").is_visible()

    page.get_by_role("link", name="Besluit vastleggen").click()
    page.get_by_role("heading", name=f"Besluit: {onderzoek.reference}").wait_for()
    check_a11y(page, "besluit")
    page.get_by_label("Geen aanvraag").check()
    page.get_by_label("Bemoeizorg gestart (casus)").check()
    page.get_by_label("Casusregisseur (bij bemoeizorg)").select_option(label="Bram Bakker (Bemoeizorger)")
    page.get_by_label("Reden").fill("Betrokkene staat open voor bemoeizorg; verplichte zorg is niet nodig.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Het besluit is vastgelegd").wait_for()
    casus = Casus.objects.get(
        person=melding.person if melding.person_id else Onderzoek.objects.get(pk=onderzoek.pk).melding.person
    )
    assert page.get_by_role("link", name=casus.reference).is_visible()

    page.get_by_role("link", name="Melder informeren").click()
    page.get_by_role("heading", name=f"Melder informeren: {onderzoek.reference}").wait_for()
    check_a11y(page, "melder informeren")
    letter = page.get_by_label("Tekst zoals verzonden of verteld").input_value()
    assert "zelf wenden tot de officier van justitie" in letter and "verward" not in letter
    page.get_by_label("Telefoon", exact=True).check()
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("Vastgelegd hoe de melder is geïnformeerd.").wait_for()
    onderzoek.refresh_from_db()
    assert onderzoek.outcome == "geen_aanvraag" and onderzoek.alternative == "bemoeizorg_casus"
    assert (
        onderzoek.casus == casus and onderzoek.melder_informed_how == "telefoon" and onderzoek.melder_message == letter
    )
    check_a11y(page, "onderzoek afgerond")
    no_csp_violations(page)


def test_wvggz_aanvraag_with_pdf(page, session_login, check_a11y, no_csp_violations, people, region):
    onderzoek = make_onderzoek(
        region["ggd"],
        people["meldpunt"],
        received_at=timezone.now() - datetime.timedelta(days=9),
        lead=people["regisseur"],
    )
    answer_all(onderzoek, people["regisseur"])
    session_login(page, people["regisseur"])
    page.goto(reverse("wvggz:detail", args=[onderzoek.pk]))
    page.get_by_text("nog 5 dagen").wait_for()
    check_a11y(page, "onderzoek met bevindingen")
    page.get_by_role("link", name="Besluit vastleggen").click()
    page.get_by_label("Aanvraag bij de officier van justitie").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Het besluit is vastgelegd").wait_for()

    with page.expect_download() as info:
        page.get_by_role("link", name="Verzoek downloaden (PDF)").click()
    download = info.value
    assert download.suggested_filename == f"verzoek-ovj-{onderzoek.reference}.pdf"
    with open(download.path(), "rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "zorgmachtiging voor te bereiden" in text and onderzoek.reference in text
    assert "Jan Visser" in text and " ".join(JUDGEMENT.split()) in text

    page.get_by_role("button", name="Vastleggen: aanvraag verzonden").click()
    page.get_by_text("Vastgelegd: de aanvraag is verzonden.").wait_for()
    onderzoek.refresh_from_db()
    assert onderzoek.outcome == "aanvraag" and onderzoek.request_sent_at is not None
    no_csp_violations(page)
