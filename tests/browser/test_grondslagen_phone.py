"""Task, ground and consent on a phone, 390 x 844 (issue 16 parts 1-2): the worker
records an objection of the person against the housing corporation from the casus
page (a Dutch message on a date in the future, input kept), sees it on the casus
page, and changes the casus' task with a reason. axe-core on every step; no
sideways scrolling; no CSP refusal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits
from tests.factories import OrganisationFactory
from vangnet.grondslagen import services
from vangnet.grondslagen.models import Toestemming

pytestmark = pytest.mark.browser


def test_consent_and_task_on_a_phone(page, people, casus, session_login, check_a11y, no_csp_violations):
    page.set_viewport_size({"width": 390, "height": 844})
    corporatie = OrganisationFactory(name="Woonstichting Noordstad", kind="woningcorporatie", does_bemoeizorg=False)
    session_login(page, people["regisseur"])
    page.goto(reverse("cases:detail", args=[casus.pk]))
    section = page.get_by_role("region", name="Taak en grondslag")
    expect(section).to_contain_text("Toeleiding naar zorg")
    section.get_by_role("link", name="Toestemming of bezwaar vastleggen").click()
    page.get_by_role("heading", name="Toestemming of bezwaar vastleggen").wait_for()
    check_a11y(page, "toestemming, leeg")
    assert_fits(page)

    page.get_by_label("Bezwaar", exact=True).check()
    page.get_by_label("Met welke organisatie").select_option(label="Woonstichting Noordstad")
    page.get_by_label("Doel of toelichting").fill("Wil niet dat de corporatie iets hoort")
    page.get_by_label("Mondeling").check()
    page.get_by_label("Gegeven op").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze datum ligt in de toekomst.")
    expect(page.get_by_label("Doel of toelichting")).to_have_value("Wil niet dat de corporatie iets hoort")
    check_a11y(page, "toestemming, fout")
    assert_fits(page)

    page.get_by_label("Gegeven op").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_role("heading", level=1).wait_for()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd.")
    section = page.get_by_role("region", name="Taak en grondslag")
    expect(section).to_contain_text("Woonstichting Noordstad")
    assert Toestemming.objects.get().organisation == corporatie
    assert services.objects_to(casus.person, corporatie)
    assert_fits(page)

    section.get_by_role("link", name="Taak of grondslag wijzigen").click()
    page.get_by_role("heading", name="Taak en grondslag wijzigen").wait_for()
    check_a11y(page, "taak wijzigen")
    assert_fits(page)
    page.get_by_role("group", name="Taak").get_by_label("Hulpverlening").check()
    page.get_by_role("group", name="Grondslag").get_by_label("Toestemming van betrokkene").check()
    page.get_by_label("Reden van de wijziging").fill("Meneer heeft contact en wil hulp")
    page.get_by_role("button", name="Wijziging opslaan").click()
    page.get_by_role("heading", level=1).wait_for()
    expect(page.get_by_role("status")).to_contain_text("De taak en grondslag zijn gewijzigd.")
    expect(page.get_by_role("region", name="Taak en grondslag")).to_contain_text("Meneer heeft contact en wil hulp")
    assert services.current_basis(casus).task == "hulpverlening"
    no_csp_violations(page)
