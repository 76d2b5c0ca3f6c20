"""Search in a real browser (issue 11): the header box, need-to-know, and the register
search at triage (HTMX), with axe on the results at 390x844."""

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.search.world import search_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sw(users, ggd, other_org):
    return search_world(users, ggd, other_org)


def _login(page, live_server, user):
    client = verified_client(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _search_from_header(page, text):
    page.goto(reverse("worklists:home"))
    box = page.get_by_role("search").get_by_role("searchbox", name="Zoeken")
    box.fill(text)
    box.press("Enter")
    page.wait_for_url("**/zoeken/")


def test_meldpunt_finds_a_melding_by_partial_reference_and_opens_it(page, live_server, check_a11y, sw, users):
    melding = sw["untriaged"]
    page.set_viewport_size({"width": 390, "height": 844})
    _login(page, live_server, users["meldpunt"])
    _search_from_header(page, str(melding.pk))  # only the number, without M- and year
    page.get_by_role("heading", name="Meldingen").wait_for()
    check_a11y(page, "zoekresultaten")
    assert page.url.endswith("/zoeken/")  # the query is not in the address bar
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name=melding.reference).click()
    page.wait_for_url(f"**{reverse('triage:melding', args=[melding.pk])}")
    assert page.get_by_role("heading", level=1).inner_text().endswith(melding.reference)


def test_bemoeizorger_does_not_find_a_casus_she_is_not_in(page, live_server, sw, users):
    _login(page, live_server, users["bemoeizorger"])
    _search_from_header(page, sw["other_casus"].reference)
    page.get_by_text("Niets gevonden dat u mag inzien").wait_for()
    assert page.get_by_role("link", name=sw["other_casus"].reference).count() == 0
    assert "Hendriks" not in page.content()
    # Her own casus she does find.
    _search_from_header(page, sw["casus"].reference)
    page.get_by_role("link", name=sw["casus"].reference).wait_for()


def test_register_search_at_triage_offers_a_person_to_pick(page, live_server, sw, users):
    _login(page, live_server, users["meldpunt"])
    page.goto(reverse("triage:melding", args=[sw["untriaged"].pk]))
    page.get_by_label("Zelf zoeken in het register").fill("Jan de Vries")
    page.get_by_role("button", name="Zoek in register").click()
    choice = page.get_by_role("radio", name="Jan de Vries · 03-04-1975 · Lekweg 12, 1234 AB Utrecht")
    choice.wait_for()
    choice.check()
    assert page.url.endswith(reverse("triage:melding", args=[sw["untriaged"].pk]))  # swapped in place
