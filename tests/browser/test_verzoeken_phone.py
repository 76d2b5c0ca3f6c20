"""Registering a betrokkene's request on a phone, 390 x 844 (issue 16 part 5): the
teamleider opens the person, follows the link to register a request, gets a Dutch message
on a date in the future (input kept), registers it, and sees its term on the request page
and in her worklist. axe-core on every step; no sideways scrolling; no CSP refusal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits
from tests.factories import CasusFactory
from vangnet.verzoeken.models import Verzoek

pytestmark = pytest.mark.browser


@pytest.fixture
def casus(people, region):
    return CasusFactory(
        organisation=region["ggd"],
        team=region["team"],
        casusregisseur=people["regisseur"],
        opened_at=timezone.now() - timedelta(days=30),
    )


def test_registering_a_request_on_a_phone(page, people, casus, session_login, check_a11y, no_csp_violations):
    session_login(page, people["teamleider"])
    page.goto(reverse("persons:detail", args=[casus.person.pk]))
    page.get_by_role("link", name="Verzoek van de betrokkene registreren").click()
    page.get_by_role("heading", name="Verzoek van de betrokkene registreren").wait_for()
    check_a11y(page, "verzoek registreren")
    assert_fits(page)

    page.get_by_label("Correctie (art. 16 AVG)").check()
    page.get_by_label("Ontvangen op").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    page.get_by_label("Schriftelijk (brief)").check()
    page.get_by_label("Wat vraagt de betrokkene").fill("Mijn achternaam is verkeerd gespeld")
    page.get_by_role("button", name="Verzoek registreren").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze datum ligt in de toekomst.")
    expect(page.get_by_label("Wat vraagt de betrokkene")).to_have_value("Mijn achternaam is verkeerd gespeld")
    check_a11y(page, "verzoek registreren, fout")
    assert_fits(page)

    received = timezone.localdate() - timedelta(days=28)
    page.get_by_label("Ontvangen op").fill(received.isoformat())
    page.get_by_role("button", name="Verzoek registreren").click()
    verzoek_heading = page.get_by_role("heading", level=1)
    expect(verzoek_heading).to_contain_text("Verzoek VZ-")
    expect(page.get_by_role("status").first).to_contain_text("is geregistreerd")
    check_a11y(page, "verzoek")
    assert_fits(page)
    verzoek = Verzoek.objects.get()
    assert verzoek.received_on == received

    page.goto(reverse("worklists:home"))
    page.get_by_role("heading", name="Verzoeken van betrokkenen").wait_for()
    expect(page.get_by_role("table", name="Open verzoeken waarvan de termijn binnen 7 dagen afloopt")).to_contain_text(
        verzoek.reference
    )
    check_a11y(page, "werkvoorraad met verzoek")
    assert_fits(page)
    no_csp_violations(page)
