"""Filtering and exporting a full list on a phone (issue 11, item 4): the meldpunt
filters all meldingen with the form, the state stays in the URL, the page has no
sideways scrolling, and the export downloads exactly the filtered meldingen, each
one logged; a bemoeizorger does not find a casus she is not in."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, GemeenteFactory, MeldingFactory, PersonFactory
from vangnet.audit.models import AccessLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meldingen(region, people):
    ggd = region["ggd"]
    zuid = GemeenteFactory(name="Zuiddorp")
    now = timezone.now()
    return {
        "gevaar": MeldingFactory(
            meldpunt=ggd,
            reference="M-2026-00201",
            gemeente=region["gemeente"],
            given_names="Gerrit",
            surname="Gevaarlijk",
            urgency_indicators=["gevaar_anderen"],
            received_at=now - timedelta(hours=2),
        ),
        "rustig": MeldingFactory(
            meldpunt=ggd,
            reference="M-2026-00202",
            gemeente=region["gemeente"],
            given_names="Rita",
            surname="Rustig",
            received_at=now - timedelta(hours=3),
        ),
        "zuid": MeldingFactory(
            meldpunt=ggd,
            reference="M-2026-00203",
            gemeente=zuid,
            given_names="Zeger",
            surname="Zuidelijk",
            urgency_indicators=["gevaar_zelf"],
            received_at=now - timedelta(hours=4),
        ),
    }


def test_meldpunt_filters_the_list_and_exports_it_on_a_phone(page, session_login, people, region, meldingen):
    session_login(page, people["meldpunt"])
    page.goto(reverse("intake:list"))
    page.get_by_role("heading", name="Alle meldingen", level=1).wait_for()
    rows = page.locator("table.list-table tbody tr")
    assert rows.count() == 3

    page.get_by_text("Filters en sortering").click()
    page.get_by_role("group", name="Urgentie").get_by_label("gevaar", exact=True).check()
    page.get_by_role("group", name="Gemeente").get_by_label("Noordstad").check()
    page.get_by_role("button", name="Filters toepassen").click()
    page.get_by_role("status").filter(has_text="1 melding gevonden").wait_for()
    assert rows.count() == 1
    assert "M-2026-00201" in rows.first.inner_text()
    assert "urgentie=2" in page.url and f"gemeente={region['gemeente'].pk}" in page.url

    # a phone: cards, no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # on a phone the column headers are cards' labels: sorting is a field of the form; it keeps the filter
    page.get_by_label("Sorteren op").select_option("kenmerk")
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url(lambda url: "sorteer=kenmerk" in url)
    assert "urgentie=2" in page.url and rows.count() == 1

    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with page.expect_download() as info:
        page.get_by_role("link", name="Exporteer deze lijst (CSV)").click()
    download = info.value
    assert download.suggested_filename == "vangnet-meldingen.csv"
    with open(download.path(), encoding="utf-8-sig") as f:
        lines = list(csv.reader(io.StringIO(f.read()), delimiter=";"))
    assert [line[0] for line in lines] == ["Kenmerk", "M-2026-00201"]
    exported = AccessLog.objects.filter(pk__gt=before, detail__icontains="export")
    assert list(exported.values_list("melding_id", flat=True)) == [str(meldingen["gevaar"].pk)]


def test_a_bad_date_is_a_dutch_message_linked_to_the_field(page, session_login, people, meldingen):
    session_login(page, people["meldpunt"])
    page.goto(reverse("intake:list") + "?van=31-02-2026")
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "Voer een geldige datum in" in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_van"


def test_bemoeizorger_does_not_find_a_casus_she_is_not_in(page, session_login, people, region):
    ggd = region["ggd"]
    mine = CasusFactory(
        organisation=ggd,
        reference="C-2026-00301",
        casusregisseur=people["regisseur"],
        person=PersonFactory(given_names="Mien", surname="Eigenhuis"),
    )
    CasusFactory(
        organisation=ggd,
        reference="C-2026-00302",
        team=region["team"],
        casusregisseur=people["duo"],
        person=PersonFactory(given_names="Nora", surname="Nietvanmij"),
    )
    session_login(page, people["regisseur"])
    for query in ("", "?wie=team"):
        page.goto(reverse("cases:list") + query)
        body = page.locator("main").inner_text()
        assert "Nietvanmij" not in body and "C-2026-00302" not in body
    page.goto(reverse("cases:list"))
    assert mine.reference in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
