"""The public melding form on a phone (issue 18 part 1): the whole walk at 390x844 with
axe-core on every page (an error and the status page among them), and a keyboard-only
walk at 320 px that must not scroll sideways."""

import re

import pytest
from django.core.cache import caches
from playwright.sync_api import expect

from tests.browser.conftest import describe_violations, serious_violations
from vangnet.intake.models import Channel, Melding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_limits():
    """The rate limits count in the database cache, which the flush between browser tests
    does not empty: every test starts with none used."""
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def _axe(page, label, failures):
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, f"{label}: not exactly one h1"
    bad = serious_violations(page)
    if bad:
        failures.append(f"{label}:\n{describe_violations(bad)}")


def _fits(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways: {scroll} px"


def test_walk_through_on_a_phone_with_an_error_and_the_status(page, region, no_csp_violations):
    failures: list[str] = []
    page.goto("/melden/")
    _axe(page, "start", failures)
    expect(page.get_by_role("heading", name="Is er nu direct gevaar? Bel 112")).to_be_visible()
    page.get_by_role("link", name="Start de melding").click()

    # Step 1, first with an error: nothing chosen, no text.
    page.get_by_role("button", name="Volgende stap").click()
    expect(page.get_by_role("alert").filter(has_text="Er ging iets mis")).to_be_visible()
    assert page.title().startswith("Fout:")
    _axe(page, "zorg-fout", failures)
    page.get_by_label("Iemand lijkt in de war of psychisch ziek").check()
    page.get_by_label("Vertel wat u ziet of hoort").fill("Mijn buurvrouw praat hard tegen zichzelf en eet niet.")
    page.get_by_label("Nee", exact=True).check()
    page.get_by_role("button", name="Volgende stap").click()

    # Step 2, with a wrong postcode: the error, and what was typed stays.
    expect(page.get_by_role("heading", name="Over wie maakt u zich zorgen?")).to_be_visible()
    _axe(page, "persoon", failures)
    page.get_by_label("Naam van de persoon").fill("Petra Smit")
    page.get_by_label("In welke gemeente is dit?").select_option(label="Noordstad")
    page.get_by_label("Postcode").fill("12")
    page.get_by_label("Huisnummer").fill("3")
    page.get_by_role("button", name="Volgende stap").click()
    expect(page.get_by_role("alert").filter(has_text="vier cijfers en twee letters")).to_be_visible()
    expect(page.get_by_label("Naam van de persoon")).to_have_value("Petra Smit")
    _axe(page, "persoon-fout", failures)
    page.get_by_label("Postcode").fill("1234 ab")
    page.get_by_role("button", name="Volgende stap").click()

    # Step 3; going back keeps step 2.
    expect(page.get_by_role("heading", name="Over u")).to_be_visible()
    _axe(page, "over-u", failures)
    page.get_by_role("button", name="Vorige stap").click()
    expect(page.get_by_label("Postcode")).to_have_value("1234 ab")  # as typed
    page.get_by_role("button", name="Volgende stap").click()
    page.get_by_label("Nee, ik blijf anoniem").check()
    page.get_by_label("Buurman of buurvrouw").check()
    page.get_by_role("button", name="Volgende stap").click()

    # Check and send.
    expect(page.get_by_role("heading", name="Controleer uw melding")).to_be_visible()
    expect(page.get_by_text("Petra Smit")).to_be_visible()
    _axe(page, "controleren", failures)
    page.get_by_role("button", name="Verstuur de melding").click()
    expect(page.get_by_role("heading", name="Uw melding is verstuurd")).to_be_visible()
    _axe(page, "verstuurd", failures)
    melding = Melding.objects.get()
    assert melding.channel == Channel.WEB and melding.meldpunt == region["ggd"]
    codes = page.locator(".publiek-code").all_inner_texts()
    assert codes[0] == melding.reference and re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", codes[1])
    assert "Petra" not in page.url and "?" not in page.url

    # The status page: a wrong code first (an error), then the right one.
    page.get_by_role("link", name="zien hoe het met uw melding staat").click()
    _axe(page, "status", failures)
    page.get_by_label("Kenmerk van uw melding").fill(melding.reference)
    page.get_by_label("Statuscode").fill("AAAA-AAAA")
    page.get_by_role("button", name="Bekijk de status").click()
    expect(page.get_by_role("alert").filter(has_text="Wij vinden geen melding")).to_be_visible()
    _axe(page, "status-fout", failures)
    page.get_by_label("Statuscode").fill(codes[1])
    page.get_by_role("button", name="Bekijk de status").click()
    expect(page.get_by_role("heading", name="Status: Ontvangen")).to_be_visible()
    assert "Petra" not in page.content()
    _axe(page, "status-ontvangen", failures)
    page.get_by_role("link", name="Privacy").click()
    _axe(page, "privacy", failures)
    _fits(page, 390)
    no_csp_violations(page)
    assert not failures, "axe-core found serious/critical violations:\n" + "\n".join(failures)


def _tab_to(page, predicate_js: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches (a keyboard user's way to a field)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }})()"):
            return
    raise AssertionError(f"not reached by Tab: {predicate_js}")


def _by_label(text: str) -> str:
    return f"el.labels && [...el.labels].some(l => l.textContent.trim().startsWith({text!r}))"


def test_keyboard_only_at_320_px(page, region, no_csp_violations):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/melden/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    _fits(page, 320)
    _tab_to(page, "el.textContent.trim() === 'Start de melding'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/melden/zorg/")
    _fits(page, 320)

    _tab_to(page, _by_label("Iemand is erg alleen"))
    page.keyboard.press("Space")
    _tab_to(page, _by_label("Vertel wat u ziet"))
    page.keyboard.type("Mijn oom komt al weken de deur niet uit.")
    _tab_to(page, "el.name === 'danger'")
    page.keyboard.press("Space")  # the first answer: "Nee"
    _tab_to(page, "el.textContent.trim() === 'Volgende stap'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/melden/persoon/")
    _fits(page, 320)

    _tab_to(page, _by_label("Hoe ziet de persoon eruit"))
    page.keyboard.type("Man van 70 met een rollator")
    _tab_to(page, _by_label("In welke gemeente"))
    page.keyboard.press("ArrowDown")
    _tab_to(page, _by_label("Of beschrijf de plek"))
    page.keyboard.type("Flat naast de bibliotheek, derde etage")
    _tab_to(page, "el.textContent.trim() === 'Volgende stap'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/melden/over-u/")
    _fits(page, 320)

    # Posting step 3 empty: the error summary takes the focus, its links lead to the fields.
    _tab_to(page, "el.textContent.trim() === 'Volgende stap'")
    page.keyboard.press("Enter")
    expect(page.locator("#error-summary")).to_be_focused()
    _fits(page, 320)
    _tab_to(page, "el.name === 'anonymous'")
    page.keyboard.press("ArrowDown")  # "Nee, ik blijf anoniem"
    _tab_to(page, "el.name === 'relation'")
    page.keyboard.press("Space")
    _tab_to(page, "el.textContent.trim() === 'Volgende stap'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/melden/controleren/")
    _fits(page, 320)

    _tab_to(page, "el.textContent.trim() === 'Verstuur de melding'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/melden/verstuurd/")
    _fits(page, 320)
    melding = Melding.objects.get()
    assert melding.melder_anonymous and melding.place_description.startswith("Flat naast")
    assert [c.code for c in melding.categories.all()] == ["sociaal-isolement"]
    no_csp_violations(page)
