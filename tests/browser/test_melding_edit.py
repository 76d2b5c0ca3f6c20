"""Issue 12 item 1 on a phone (390 x 844): the meldpunt corrects a melder's phone
number with a reason and sees the correction mark with the earlier value; the
page does not scroll sideways."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import MeldingFactory
from vangnet.intake.models import Melding, MeldingRevision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Nummer verkeerd overgenomen"


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def test_correct_melder_phone_on_a_phone(page, session_login, people, region, no_csp_violations, check_a11y):
    melding = MeldingFactory(
        meldpunt=region["ggd"],
        gemeente=region["gemeente"],
        created_by=people["meldpunt"],
        given_names="Petra",
        surname="Smit",
        melder_name="Anja Buurvrouw",
        melder_phone="06 11111111",
        received_at=timezone.now() - datetime.timedelta(hours=2),
    )
    session_login(page, people["meldpunt"])
    page.goto(reverse("intake:detail", args=[melding.pk]))
    page.get_by_role("link", name="Melding corrigeren").click()
    page.wait_for_url(re.compile(r"/corrigeren/$"))
    no_sideways_scroll(page)

    page.get_by_label(re.compile(r"^Telefoon melder")).fill("06 22222222")
    # Without a reason nothing is saved, and what was typed stays.
    page.get_by_role("button", name="Correctie opslaan").click()
    page.get_by_role("alert").wait_for()
    expect(page.get_by_label(re.compile(r"^Telefoon melder"))).to_have_value("06 22222222")
    assert not MeldingRevision.objects.exists()

    page.get_by_label(re.compile(r"^Reden van de correctie")).fill(REASON)
    page.get_by_role("button", name="Correctie opslaan").click()
    page.wait_for_url(re.compile(rf"/meldingen/{melding.pk}/$"))

    expect(page.get_by_role("status")).to_contain_text("De correctie van melding")
    corrections = page.get_by_role("region", name="Correcties")
    expect(corrections).to_contain_text("Gecorrigeerd door Mila de Wit op")
    expect(corrections).to_contain_text(f"({REASON})")
    expect(corrections).to_contain_text("eerder: 06 11111111")
    expect(page.get_by_role("region", name="Melder")).to_contain_text("06 22222222")
    no_sideways_scroll(page)
    check_a11y(page, "melding met correctie")
    no_csp_violations(page)
    assert Melding.objects.get(pk=melding.pk).melder_phone == "06 22222222"
