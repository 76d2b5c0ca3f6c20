"""The casus page on a phone, 390 x 844 (issue 12, items 7 and 8): a street worker
logs three attempts on a casus with a long history. Counts the taps, and checks
that the form, its save button and the confirmation stay in view, that the
confirmation takes the focus, that the duo partner is remembered, that notes and
phase are reachable from the top, that every tap target is at least 44 px, and
that "toon eerdere" adds entries without leaving the page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits
from tests.factories import CasusFactory, PersonFactory
from vangnet.cases import services
from vangnet.cases.models import ContactAttempt, Phase, PhaseChange

pytestmark = pytest.mark.browser

HISTORY = 40  # earlier attempts: more than one page of timeline


@pytest.fixture
def long_casus(people, region):
    regisseur, duo = people["regisseur"], people["duo"]
    opened = timezone.now() - timedelta(days=120)
    person = PersonFactory(given_names="Johannes", surname="Meulenbroek", street="Kerkstraat", house_number="3")
    casus = CasusFactory(
        person=person,
        organisation=region["ggd"],
        team=region["team"],
        casusregisseur=regisseur,
        opened_at=opened,
        members=[duo],
    )
    PhaseChange.objects.create(
        casus=casus, from_phase="", to_phase=Phase.CONTACT_LEGGEN, changed_by=regisseur, changed_at=opened
    )
    for i in range(HISTORY):
        services.log_contact_attempt(
            casus,
            at=opened + timedelta(days=2 * i + 1),
            type="telefoon",
            result="geen_gehoor",
            workers=[duo],
            with_police=False,
            note=f"Eerdere poging {i}",
            by=duo,
        )
    return casus


class Taps:
    """Every tap of the user goes through here, so the test can count them."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        locator.click()
        self.count += 1


def scroll_y(page) -> float:
    return page.evaluate("window.scrollY")


def test_three_attempts_on_a_phone(page, people, long_casus, session_login, no_csp_violations):
    regisseur, duo = people["regisseur"], people["duo"]
    session_login(page, regisseur)
    page.goto(reverse("cases:detail", args=[long_casus.pk]))
    form = page.locator("#attempt-form-wrap")
    quick = form.get_by_role("button", name="Huisbezoek, niet thuis")
    expect(quick).to_be_in_viewport()
    assert_fits(page)

    # 1. The first failed home visit, with the duo partner: tick her, one tap on the quick button.
    taps = Taps()
    assert scroll_y(page) == 0
    expect(form.get_by_label(f"{duo} (Bemoeizorger)")).to_be_in_viewport()
    taps(form.get_by_label(f"{duo} (Bemoeizorger)"))
    assert scroll_y(page) == 0
    taps(quick)
    status = page.locator("#attempt-form-wrap").get_by_role("status")
    expect(status).to_have_text("De contactpoging is vastgelegd.")
    expect(status).to_be_in_viewport()
    expect(status).to_be_focused()
    expect(page.locator("#attempt-form-wrap").get_by_role("button", name="Huisbezoek, niet thuis")).to_be_in_viewport()
    first_taps = taps.count
    assert first_taps <= 3

    # only the new entry came in, at the top; the counters changed out of band
    entries = page.locator("#timeline-list > li")
    expect(entries).to_have_count(25 + 1)
    expect(entries.first).to_contain_text("Huisbezoek: Geen gehoor")
    expect(page.locator("#casus-engagement")).to_contain_text(str(HISTORY + 1))

    # 2. The next failed home visit: the duo partner is remembered, one tap.
    taps = Taps()
    form = page.locator("#attempt-form-wrap")
    expect(form.get_by_label(f"{duo} (Bemoeizorger)")).to_be_checked()
    expect(form.get_by_label(f"{regisseur} (Bemoeizorger)")).to_be_checked()
    taps(form.get_by_role("button", name="Huisbezoek, niet thuis"))
    expect(page.locator("#attempt-form-wrap").get_by_role("status")).to_be_focused()
    second_taps = taps.count
    assert second_taps == 1

    # 3. A refusal at the door through the full form: soort, resultaat, save (3 taps);
    # the save button stays in view (sticky) while the form is filled in.
    taps = Taps()
    form = page.locator("#attempt-form-wrap")
    taps(form.get_by_role("group", name="Soort").get_by_label("Huisbezoek", exact=True))
    taps(form.get_by_role("group", name="Resultaat").get_by_label("Geweigerd", exact=True))
    save = form.get_by_role("button", name="Poging opslaan")
    expect(save).to_be_in_viewport()
    taps(save)
    status = page.locator("#attempt-form-wrap").get_by_role("status")
    expect(status).to_be_in_viewport()
    expect(status).to_be_focused()
    third_taps = taps.count
    assert third_taps == 3
    expect(page.locator("#timeline-list > li").first).to_contain_text("Huisbezoek: Geweigerd")
    # the tap counts of the closing note: 2 (with the duo ticked once), 1, 3
    assert (first_taps, second_taps, third_taps) == (2, 1, 3)

    mine = ContactAttempt.objects.filter(casus=long_casus, created_by=regisseur).order_by("pk")
    assert [(a.type, a.result) for a in mine] == [
        ("huisbezoek", "geen_gehoor"),
        ("huisbezoek", "geen_gehoor"),
        ("huisbezoek", "geweigerd"),
    ]
    assert all(set(a.workers.all()) == {regisseur, duo} for a in mine)
    no_csp_violations(page)


def test_notes_and_phase_from_the_top_and_tap_targets(page, people, long_casus, session_login, no_csp_violations):
    session_login(page, people["regisseur"])
    page.goto(reverse("cases:detail", args=[long_casus.pk]))
    jump = page.get_by_role("navigation", name="Op deze pagina")
    for name in ("Notitie toevoegen", "Fase kiezen", "Tijdlijn", "Afdrukken"):
        expect(jump.get_by_role("link", name=name)).to_be_in_viewport()

    # every tap target on the casus page is at least 44 px high and wide
    small = page.evaluate(
        """() => [...document.querySelectorAll('.casus-page a, .casus-page button, .casus-page .choices li,'
                 + ' .casus-page select, .casus-page input:not([type=radio]):not([type=checkbox]):not([type=hidden])')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
            .filter(([, r]) => r.height < 43.5 || r.width < 43.5)
            .map(([html, r]) => `${Math.round(r.width)}x${Math.round(r.height)} ${html}`)"""
    )
    assert not small, "tap targets under 44 px:\n" + "\n".join(small)
    assert_fits(page)

    # "toon eerdere" adds the older entries to the list (HTMX), no page load
    entries = page.locator("#timeline-list > li")
    expect(entries).to_have_count(25)
    page.get_by_role("link", name="Toon eerdere").click()
    expect(entries).to_have_count(HISTORY + 1)  # + the start of the casus
    expect(entries.nth(25)).to_be_focused()
    expect(page.get_by_role("link", name="Toon eerdere")).to_have_count(0)

    # the note form from the top: one tap on the jump menu, then write
    page.evaluate("window.scrollTo(0, 0)")
    jump.get_by_role("link", name="Notitie toevoegen").click()
    note = page.locator("#note-form-wrap")
    expect(note.get_by_label("Notitie")).to_be_in_viewport()
    note.get_by_label("Notitie").fill("Buurvrouw belde: meneer is weer thuis.")
    note.get_by_role("button", name="Notitie opslaan").click()
    status = page.locator("#note-form-wrap").get_by_role("status")
    expect(status).to_be_focused()
    expect(page.locator("#timeline-list > li").first).to_contain_text("Buurvrouw belde")
    no_csp_violations(page)
