"""Accessibility barriers axe-core does not see (issue 12, items 10-12), found by DOM,
keyboard and reflow checks:

- every page of tests/browser/test_accessibility.py fits a 320 px wide screen (WCAG 1.4.10),
  has no duplicate ids and at most one ``autofocus``;
- on forms in error, every error of a radio/checkbox group is tied to the group with
  ``aria-describedby`` and every error-summary link leads to an element that takes focus;
- after an HTMX save focus lands on the confirmation (not on <body>).
"""

from typing import Any, cast

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.test_accessibility import PAGES, scenario  # noqa: F401 (the fixture)
from tests.network.a11y import network_objects
from tests.wvggz.a11y import wvggz_objects

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFLOW = {"width": 320, "height": 640}

# What is wider than the screen, and the ids and autofocus that repeat.
PAGE_FACTS = """() => {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  if (document.documentElement.scrollWidth > vw) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && r.width > 0 && !el.closest('.table-wrap, [hidden]')) {
        const inner = [...el.children].some(c => c.getBoundingClientRect().right > vw + 1);
        if (!inner) wide.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
      }
      if (wide.length >= 5) break;
    }
  }
  const seen = {}, dups = [];
  for (const el of document.querySelectorAll('[id]')) {
    if (seen[el.id]) dups.push(el.id); else seen[el.id] = true;
  }
  return {scrollWidth: document.documentElement.scrollWidth, viewport: vw, wide, dups,
          autofocus: document.querySelectorAll('[autofocus]').length};
}"""

# Field-level errors not tied to their field or group; summary links that lead nowhere focusable.
ERROR_FACTS = """() => {
  const described = (el) => (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
  const unlinked = [];
  for (const list of document.querySelectorAll('.errorlist')) {
    if (list.closest('.error-summary')) continue;
    const field = list.closest('.field');
    const group = field && field.querySelector('fieldset');
    const owners = group ? [group]
      : (field ? [...field.querySelectorAll('input, select, textarea')] : []);
    if (!list.id || !owners.some(o => described(o).includes(list.id))) {
      unlinked.push((group ? 'group ' : '') + (list.id || list.textContent.trim().slice(0, 60)));
    }
  }
  const links = [...document.querySelectorAll('.error-summary a')];
  const broken = [];
  for (const a of links) {
    const href = a.getAttribute('href') || '';
    const target = href.length > 1 && href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
    if (target) target.focus();
    if (!target || document.activeElement !== target) broken.push(`${href} (${a.textContent.trim().slice(0, 40)})`);
  }
  const groupErrors = [...document.querySelectorAll('.field fieldset ~ .errorlist, .field fieldset .errorlist')];
  return {unlinked, broken, links: links.length, groupErrors: groupErrors.length,
          summaries: document.querySelectorAll('.error-summary').length};
}"""


def _page_facts(page) -> dict:
    return page.evaluate(PAGE_FACTS)


@pytest.mark.parametrize("group", list(PAGES))
def test_every_page_reflows_at_320_px(group, page, session_login, scenario, people):  # noqa: F811
    """WCAG 1.4.10: nothing scrolls sideways at 320 CSS px (today the home page and "te triëren"
    became 846 px wide), no id twice, at most one autofocus."""
    page.set_viewport_size(REFLOW)
    failures = []
    current_user = object()
    for page_id, who, go in cast("list[tuple[str, Any, Any]]", PAGES[group]):
        if who != current_user:
            page.context.clear_cookies()
            if who is not None:
                session_login(page, people[who])
            current_user = who
        go(page, scenario, people)
        page.wait_for_load_state()
        facts = _page_facts(page)
        if facts["scrollWidth"] > facts["viewport"]:
            failures.append(f"{page_id}: {facts['scrollWidth']} px wide at {facts['viewport']}: {facts['wide']}")
        if facts["dups"]:
            failures.append(f"{page_id}: duplicate ids {sorted(set(facts['dups']))}")
        if facts["autofocus"] > 1:
            failures.append(f"{page_id}: {facts['autofocus']} elements with autofocus")
        if who is None:
            page.context.clear_cookies()
    assert not failures, "\n".join(failures)


def _submit(page, button):
    with page.expect_navigation():  # a full-page post: wait for the answer, not the old page
        page.get_by_role("button", name=button).click()
    page.get_by_role("alert").first.wait_for()


def _attempt_in_error(page, s, p):
    page.goto(reverse("cases:detail", args=[s["casus"].pk]))
    page.get_by_label("Wanneer").fill("")
    page.get_by_role("button", name="Poging opslaan").click()
    page.locator("#attempt-form-wrap .error-summary").wait_for()


# (page id, who, how to get the form in error)
ERROR_STATES = [
    (
        "nieuwe-melding",
        "meldpunt",
        lambda page, s, p: (page.goto(reverse("intake:create")), _submit(page, "Melding registreren")),
    ),
    (
        "triage",
        "meldpunt",
        lambda page, s, p: (
            page.goto(reverse("triage:melding", args=[s["waiting"].pk])),
            _submit(page, "Besluit vastleggen"),
        ),
    ),
    ("contactpoging", "regisseur", _attempt_in_error),
    (
        "verwijzen",
        "regisseur",
        lambda page, s, p: (
            page.goto(reverse("network:referral_create", args=[s["casus"].pk])),
            _submit(page, "Verwijzing voorstellen"),
        ),
    ),
    (
        "vinger-aan-de-pols",
        "regisseur",
        lambda page, s, p: (
            page.goto(reverse("network:follow_up_answer", args=[network_objects(s, p)["due"].pk])),
            _submit(page, "Antwoord opslaan"),
        ),
    ),
    (
        "wvggz-besluit",
        "regisseur",
        lambda page, s, p: (
            page.goto(reverse("wvggz:decide", args=[wvggz_objects(s, p)["open"].pk])),
            _submit(page, "Besluit vastleggen"),
        ),
    ),
    (
        "partner-melding",
        "partner",
        lambda page, s, p: (page.goto(reverse("intake:partner_create")), _submit(page, "Melding versturen")),
    ),
    (
        "fase-wijzigen",
        "regisseur",
        lambda page, s, p: (page.goto(reverse("cases:phase", args=[s["casus"].pk])), _submit(page, "Fase opslaan")),
    ),
]


HTMX_STATES = {"contactpoging"}  # a swap inside the page: the title stays, the summary takes the focus


def test_errors_are_tied_to_their_group_and_summary_links_lead_to_a_field(
    page,
    session_login,
    scenario,  # noqa: F811
    people,
):
    failures, groups_seen = [], 0
    current_user = None
    for page_id, who, go in ERROR_STATES:
        if who != current_user:
            session_login(page, people[who])
            current_user = who
        try:
            go(page, scenario, people)
        except PlaywrightTimeout as exc:  # one page not reaching its error state must not hide the others
            failures.append(f"{page_id}: no error state ({page.url}): {str(exc).splitlines()[0]}")
            continue
        facts = page.evaluate(ERROR_FACTS)
        groups_seen += facts["groupErrors"]
        if facts["unlinked"]:
            failures.append(f"{page_id}: errors not in aria-describedby: {facts['unlinked']}")
        if facts["broken"]:
            failures.append(
                f"{page_id}: {len(facts['broken'])} of {facts['links']} summary links lead nowhere: {facts['broken']}"
            )
        if facts["summaries"] != 1:
            failures.append(f"{page_id}: {facts['summaries']} error summaries")
        if page_id not in HTMX_STATES and not page.title().startswith("Fout:"):
            failures.append(f"{page_id}: title {page.title()!r} does not start with 'Fout:'")
    assert not failures, "\n".join(failures)
    assert groups_seen >= 3, "the error states should include radio/checkbox groups in error"


def test_focus_lands_on_the_confirmation_after_an_htmx_save(page, session_login, scenario, people):  # noqa: F811
    session_login(page, people["regisseur"])
    _attempt_in_error(page, scenario, people)
    expect(page.locator("#attempt-form-wrap .error-summary")).to_be_focused()

    form = page.locator("#attempt-form-wrap")
    form.get_by_role("group", name="Soort").get_by_text("Huisbezoek").click()
    form.get_by_role("group", name="Resultaat").get_by_text("Geen gehoor").first.click()
    page.get_by_label("Wanneer").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Poging opslaan").click()
    confirmation = page.locator("[data-focus-after-swap]")
    expect(confirmation).to_contain_text("vastgelegd")
    expect(confirmation).to_be_focused()
    assert page.evaluate("document.activeElement !== document.body")


def test_the_header_folds_into_a_menu_button_on_a_phone(page, session_login, people):
    session_login(page, people["meldpunt"])
    page.goto(reverse("worklists:home"))
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    link = nav.get_by_role("link", name="Nieuwe melding")
    box = link.bounding_box()
    assert box and box["height"] >= 44, f"menu link is {box} (tap target < 44 px)"
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(menu).to_be_focused()

    page.set_viewport_size({"width": 1280, "height": 800})
    expect(menu).to_be_hidden()
    expect(nav).to_be_visible()


def test_a_long_text_is_counted_not_cut(page, session_login, people):
    session_login(page, people["meldpunt"])
    page.goto(reverse("intake:create"))
    area = page.get_by_label("Omschrijving van de persoon en de plek")
    assert area.get_attribute("maxlength") is None
    counter = page.locator("#id_place_description_count")
    expect(counter).to_have_text("nog 500 tekens")
    area.fill("x" * 490)
    expect(counter).to_have_text("nog 10 tekens")
    live = page.locator('[data-counter-live="id_place_description"]')
    expect(live).to_have_text("nog 10 tekens")
    area.fill("x" * 510)  # a paste beyond the limit stays whole
    expect(area).to_have_value("x" * 510)
    expect(counter).to_have_text("10 tekens te veel")
    expect(live).to_have_text("10 tekens te veel")


# Buttons, header links and form controls smaller than 44 x 44 CSS px (radio and checkbox
# inputs count by their row, which the label fills).
SMALL_TARGETS = """() => {
  const small = [];
  const selector = 'button, a.button, .site-header a, .site-menu .link-button, select, textarea, '
    + 'input:not([type=hidden]):not([type=radio]):not([type=checkbox]), .choices li, .checkbox label';
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not shown (e.g. the folded menu)
    if (r.height < 43.5 || r.width < 43.5) {
      small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || '').trim().slice(0, 30)}" `
        + `${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return small;
}"""


def test_tap_targets_are_at_least_44_px_on_a_phone(page, session_login, scenario, people):  # noqa: F811
    pages = [
        ("meldpunt", reverse("worklists:home")),
        ("meldpunt", reverse("intake:create")),
        ("meldpunt", reverse("triage:melding", args=[scenario["waiting"].pk])),
        ("regisseur", reverse("cases:detail", args=[scenario["casus"].pk])),
    ]
    failures = []
    for who, url in pages:
        session_login(page, people[who])
        page.goto(url)
        page.get_by_role("button", name="Menu").click()  # the menu's links count too
        small = page.evaluate(SMALL_TARGETS)
        if small:
            failures.append(f"{url}: {small[:8]}")
    assert not failures, "\n".join(failures)


LONG_EMAIL = "hendrikjan.van.der.bovenkamp-oosterwijk@woningcorporatie-noordstad-en-omstreken.example.nl"
LONG_STREET = "Burgemeester-Van-Nieuwenhuijzen-Oosterbroekstraat"


def test_long_words_in_detail_lists_wrap_at_320_px(page, session_login, scenario, people):  # noqa: F811
    """Detail lists overflowed on the melding, triage and casus pages: a long e-mail address,
    street or phone number must wrap instead of widening the page."""
    from vangnet.intake.models import Melding
    from vangnet.persons.models import Person

    Melding.objects.filter(pk__in=[scenario["waiting"].pk, scenario["triaged"].pk]).update(
        melder_email=LONG_EMAIL, melder_phone="+31(0)6123456789012345678901", street=LONG_STREET
    )
    Person.objects.filter(pk=scenario["person"].pk).update(street=LONG_STREET, phone="+3161234567890123456789")
    page.set_viewport_size(REFLOW)
    failures = []
    for who, url in [
        ("meldpunt", reverse("intake:detail", args=[scenario["waiting"].pk])),
        ("meldpunt", reverse("triage:melding", args=[scenario["waiting"].pk])),
        ("meldpunt", reverse("intake:detail", args=[scenario["triaged"].pk])),
        ("regisseur", reverse("cases:detail", args=[scenario["casus"].pk])),
        ("regisseur", reverse("persons:detail", args=[scenario["person"].pk])),
    ]:
        session_login(page, people[who])
        page.goto(url)
        facts = _page_facts(page)
        if facts["scrollWidth"] > facts["viewport"]:
            failures.append(f"{url}: {facts['scrollWidth']} px wide: {facts['wide']}")
    assert not failures, "\n".join(failures)
