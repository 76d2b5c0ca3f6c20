"""Filling in a life-domain picture on a phone, 390 x 844 (issue 15): the worker
chooses scores and writes in the person's words, forgets nothing that the form
needs, gets a Dutch message when it does, and sees the picture and its trend.
axe-core on every step; no sideways scrolling; no CSP refusal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits
from tests.factories import CasusFactory
from vangnet.leefgebieden import services
from vangnet.leefgebieden.models import Assessment

pytestmark = pytest.mark.browser


@pytest.fixture
def casus(people, region):
    casus = CasusFactory(
        organisation=region["ggd"],
        team=region["team"],
        casusregisseur=people["regisseur"],
        opened_at=timezone.now() - timedelta(days=30),
        members=[people["duo"]],
    )
    services.record_picture(
        casus,
        assessed_on=timezone.localdate() - timedelta(days=14),
        scores={"wonen": (1, "Slaapt in de auto"), "psychisch": (2, "")},
        by=people["duo"],
    )
    return casus


def test_filling_in_a_picture_on_a_phone(page, people, casus, session_login, check_a11y, no_csp_violations):
    session_login(page, people["regisseur"])
    page.goto(reverse("cases:detail", args=[casus.pk]))
    section = page.get_by_role("region", name="Leefgebieden")
    expect(section).to_contain_text("Slaapt in de auto")
    section.get_by_role("link", name="Nieuw leefgebiedenbeeld").click()
    page.get_by_role("heading", name="Nieuw leefgebiedenbeeld").wait_for()
    check_a11y(page, "nieuw beeld")
    assert_fits(page)

    # Nothing chosen: the message is on the form, in Dutch, and the text typed stays.
    page.get_by_label("Toelichting Wonen").fill("In zijn woorden: 'ik wil een eigen plek'")
    page.get_by_role("button", name="Beeld vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef minstens één leefgebied een score")
    expect(page.get_by_label("Toelichting Wonen")).to_have_value("In zijn woorden: 'ik wil een eigen plek'")
    check_a11y(page, "nieuw beeld, fout")
    assert_fits(page)

    page.get_by_role("group", name="Score Wonen").get_by_label("3. Beperkt zelfredzaam").check()
    page.get_by_role("group", name="Score Psychische gezondheid").get_by_label("2. Niet zelfredzaam").check()
    page.get_by_role("button", name="Beeld vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het leefgebiedenbeeld is vastgelegd.")
    expect(page.get_by_text("Wonen: 1 → 3")).to_be_visible()
    expect(page.locator("svg.grafiek")).to_have_count(2)
    check_a11y(page, "overzicht")
    assert_fits(page)
    picture = Assessment.objects.get(assessed_on=timezone.localdate())
    assert {s.domain: s.score for s in picture.scores.all()} == {"wonen": 3, "psychisch": 2}
    no_csp_violations(page)
