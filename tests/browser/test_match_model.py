"""The beheer page "Zoekmodel personen" (issue 14) on a phone (390 x 844): the tables of
weights become cards, nothing scrolls sideways, axe finds nothing serious."""

import pytest
from django.urls import reverse

from tests.persons.match_model_params import params
from vangnet.persons.matching import trained

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_match_model_page_on_a_phone(page, people, session_login, live_server, check_a11y, no_csp_violations):
    trained.store_model(params(record_count=11000), source="schema")
    trained.store_model(params(), source="handmatig", acting_user=people["beheerder"])
    session_login(page, people["beheerder"])
    page.goto(live_server.url + reverse("persons:match_model"))
    assert page.get_by_role("heading", name="Zoekmodel personen", level=1).is_visible()
    assert page.get_by_role("heading", name="Actieve versie: 2").is_visible()
    # a table per comparison, the family table and the earlier versions, each a stack of cards
    tables = page.locator("table.match-model-table")
    assert tables.count() == 5
    assert not page.locator("table.match-model-table thead").first.is_visible()
    first_row = page.locator("table.match-model-table tbody tr").first
    assert first_row.evaluate("el => getComputedStyle(el).display") == "block"
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page scrolls sideways: {wide} px"
    check_a11y(page, "zoekmodel")
    no_csp_violations(page)


def test_retraining_from_the_phone(page, people, session_login, live_server, monkeypatch, no_csp_violations):
    from vangnet.persons.matching import trained

    # the live server runs in this process: the stand-in estimation is what its task calls
    monkeypatch.setattr(trained, "train_from_database", lambda **kw: params(record_count=77))
    # No registry of 200 persons needed: the estimation is replaced.
    monkeypatch.setattr(trained, "MIN_TRAIN_RECORDS", 0)
    session_login(page, people["beheerder"])
    page.goto(live_server.url + reverse("persons:match_model"))
    assert page.get_by_text("Nog geen getraind model; de standaardgewichten worden gebruikt").is_visible()
    page.get_by_role("button", name="Nu opnieuw trainen").click()
    page.get_by_role("status").wait_for()
    assert "versie 1 is nu actief" in page.get_by_role("status").inner_text()
    assert page.get_by_role("heading", name="Actieve versie: 1").is_visible()
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page scrolls sideways: {wide} px"
    no_csp_violations(page)
