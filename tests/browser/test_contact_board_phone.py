"""The contact-lapse board on a phone, 390 x 844 (issue 15, part 3): the worker sees
her casus whose last real contact is older than its rhythm, with the attempts
without contact as effort, raises the intensity with a reason, and sees the step
on the timeline. axe-core on every step; no sideways scrolling; no CSP refusal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits
from tests.factories import CasusFactory
from vangnet.cases.models import Casus, ContactAttempt

pytestmark = pytest.mark.browser

REASON = "Niet meer thuis aangetroffen, buren ongerust."


@pytest.fixture
def casus(people, region):
    casus = CasusFactory(
        organisation=region["ggd"],
        team=region["team"],
        casusregisseur=people["regisseur"],
        opened_at=timezone.now() - timedelta(days=60),
        members=[people["duo"]],
    )
    for days, result in ((20, "gesprek"), (12, "geen_gehoor"), (8, "geen_gehoor"), (3, "geweigerd")):
        ContactAttempt.objects.create(
            casus=casus,
            at=timezone.now() - timedelta(days=days),
            type="huisbezoek",
            result=result,
            created_by=people["regisseur"],
        )
    return casus


def test_the_board_and_opschalen_on_a_phone(page, people, casus, session_login, check_a11y, no_csp_violations):
    page.set_viewport_size({"width": 390, "height": 844})
    session_login(page, people["regisseur"])
    page.goto(reverse("worklists:contact_board"))
    page.get_by_role("heading", name="Contactbord").wait_for()
    expect(page.get_by_role("table")).to_contain_text(casus.reference)
    expect(page.get_by_role("table")).to_contain_text("3 pogingen zonder contact")
    expect(page.get_by_role("table")).to_contain_text("20 dagen geleden")
    check_a11y(page, "contactbord")
    assert_fits(page)

    page.get_by_role("link", name=f"Opschalen casus {casus.reference}").click()
    page.get_by_role("heading", name="Intensiteit voor").wait_for()
    check_a11y(page, "intensiteit")
    assert_fits(page)

    # No reason: a Dutch message on the field, the choice kept.
    page.get_by_label("Dagelijks (contact elke dag)").check()
    page.get_by_role("button", name="Intensiteit opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef een reden")
    expect(page.get_by_label("Dagelijks (contact elke dag)")).to_be_checked()
    check_a11y(page, "intensiteit, fout")
    assert_fits(page)

    page.get_by_label("Reden").fill(REASON)
    page.get_by_role("button", name="Intensiteit opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De intensiteit is nu dagelijks.")
    expect(page.get_by_text("Opgeschaald naar dagelijks (was: wekelijks)")).to_be_visible()
    check_a11y(page, "casus na opschalen")
    assert_fits(page)
    assert Casus.objects.get(pk=casus.pk).intensity == "dagelijks"
    no_csp_violations(page)
