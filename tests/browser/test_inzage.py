"""An inzage from start to download on a phone, 390 x 844 (issue 16 part 4): the teamleider
opens it from the person page, reviews the free texts (shielding one needs a reason: a Dutch
message on the field), releases it, downloads the PDF and reads it back: the melder's name is
not in it (also not where a note named her), the person's name is. axe-core on every page, no
sideways scrolling on the review page, no CSP refusal."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_fits
from tests.factories import CasusFactory, MeldingFactory, PersonFactory
from vangnet.cases import services as case_services
from vangnet.inzage.models import Inzage, InzageItem

pytestmark = pytest.mark.browser

MELDER = "Wilhelmina Oosterhout"


@pytest.fixture
def person(people, region):
    person = PersonFactory(given_names="Henk", surname="Verbruggen", bsn="")
    casus = CasusFactory(
        organisation=region["ggd"],
        team=region["team"],
        person=person,
        casusregisseur=people["regisseur"],
        opened_at=timezone.now() - timedelta(days=10),
    )
    MeldingFactory(
        meldpunt=region["ggd"],
        created_by=people["meldpunt"],
        person=person,
        casus=casus,
        status="getrieerd",
        melder_name=MELDER,
        melder_phone="06-98765432",
        description="Buurvrouw maakt zich zorgen: meneer komt de deur niet uit.",
    )
    case_services.add_note(casus, text="Mevrouw Oosterhout belde weer over het geschreeuw.", by=people["regisseur"])
    case_services.add_note(casus, text="Zijn zus Annelies komt elke zondag.", by=people["regisseur"])
    return person


def _item_card(page, text):
    return page.locator("li.card", has_text=text)


def test_an_inzage_from_start_to_pdf_on_a_phone(page, people, person, session_login, check_a11y, no_csp_violations):
    session_login(page, people["teamleider"])
    page.goto(reverse("persons:detail", args=[person.pk]))
    page.get_by_role("link", name="Inzage (AVG) opstellen").click()
    page.get_by_role("heading", name="Inzage (AVG artikel 15)").wait_for()
    check_a11y(page, "inzage starten")
    assert_fits(page)

    page.get_by_role("button", name="Inzage opstellen").click()
    inzage_heading = page.get_by_role("heading", name="Vrije teksten")
    inzage_heading.wait_for()
    inzage = Inzage.objects.get()
    expect(page.get_by_role("status")).to_contain_text(f"De inzage {inzage.reference} staat klaar als concept.")
    expect(page.locator("body")).not_to_contain_text("Oosterhout")
    check_a11y(page, "inzage beoordelen")
    assert_fits(page)

    # Shield the note about the sister: first without a reason.
    sister = _item_card(page, "Zijn zus Annelies")
    sister.get_by_label("Afschermen", exact=True).check()
    sister.get_by_role("button", name="opslaan").click()
    sister = _item_card(page, "Zijn zus Annelies")
    expect(sister.get_by_role("alert")).to_contain_text("Kies waarom u deze tekst afschermt.")
    check_a11y(page, "inzage beoordelen, fout")
    assert_fits(page)
    sister.get_by_label("Reden afschermen").select_option("derden")
    sister.get_by_role("button", name="opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Afschermen")

    for item in InzageItem.objects.filter(inzage=inzage, decision="open").order_by("pk"):
        card = page.locator(f"#tekst-{item.pk}")
        card.get_by_label("Vrijgeven", exact=True).check()
        card.get_by_role("button", name="opslaan").click()
        expect(page.get_by_role("status")).to_contain_text(f"{item.key}: Vrijgeven.")

    page.get_by_role("button", name="Inzage vrijgeven").click()
    expect(page.get_by_role("status")).to_contain_text("De inzage is vrijgegeven")
    page.get_by_role("heading", name="Downloaden").wait_for()
    check_a11y(page, "inzage vrijgegeven")
    assert_fits(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download als PDF").click()
    download = info.value
    assert download.suggested_filename == f"inzage-{inzage.reference}.pdf"
    with open(download.path(), "rb") as fh:
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(fh.read())).pages)
    assert "Verbruggen" in text and "Henk" in text
    assert "Oosterhout" not in text and "Wilhelmina" not in text and "98765432" not in text
    assert "[melder afgeschermd] belde weer" in text
    assert "Annelies" not in text and "[afgeschermd: gegevens van anderen]" in text
    no_csp_violations(page)
