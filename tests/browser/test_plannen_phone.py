"""Adding a goal and an action to the plan van aanpak on a phone, 390 x 844 (issue 15
part 2): the worker opens the plan from the casus, writes a goal in the person's own
words, adds an action for a partner organisation with a due date, gets a Dutch
message when the date is implausible, and sees the plan with its history.
axe-core on every step; no sideways scrolling; no CSP refusal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits
from vangnet.plannen.models import Action, Goal

pytestmark = pytest.mark.browser


def test_adding_a_goal_and_an_action_on_a_phone(page, people, casus, session_login, check_a11y, no_csp_violations):
    session_login(page, people["regisseur"])
    page.goto(reverse("cases:detail", args=[casus.pk]))
    page.get_by_role("region", name="Plan van aanpak").get_by_role("link", name="Naar het plan van aanpak").click()
    page.get_by_role("heading", name=f"Plan van aanpak casus {casus.reference}").wait_for()
    check_a11y(page, "leeg plan")
    assert_fits(page)

    page.get_by_role("link", name="Nieuw doel").click()
    page.get_by_role("heading", name="Nieuw doel").wait_for()
    page.locator("#id_text").fill("Ik wil mijn huis houden")
    page.get_by_label("Dit zijn de eigen woorden van de betrokkene").check()
    assert_fits(page)
    page.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het doel is vastgelegd.")
    check_a11y(page, "plan met doel")

    page.get_by_role("link", name="Actie toevoegen").click()
    page.get_by_role("heading", name="Actie toevoegen").wait_for()
    check_a11y(page, "actie toevoegen")
    police = people["partner"].organisation
    page.locator("#id_description").fill("Wijkagent loopt langs")
    page.get_by_label("Wie voert de actie uit").select_option(label=police.name)
    far = timezone.localdate() + timedelta(days=900)
    page.get_by_label("Uiterlijk klaar op").fill(far.isoformat())
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("te ver in de toekomst")
    expect(page.locator("#id_description")).to_have_value("Wijkagent loopt langs")
    check_a11y(page, "actie, fout")
    assert_fits(page)

    page.get_by_label("Uiterlijk klaar op").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De actie is toegevoegd.")
    expect(page.locator(".plan-action").first).to_contain_text("Wijkagent loopt langs")
    expect(page.get_by_role("region", name="Geschiedenis van het plan")).to_contain_text("actie toegevoegd")
    check_a11y(page, "plan met actie")
    assert_fits(page)
    goal = Goal.objects.get(casus=casus)
    assert goal.own_words
    assert Action.objects.get(goal=goal).owner_organisation == police
    no_csp_violations(page)
