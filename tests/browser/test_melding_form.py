"""The melding form in the browser: a validation error keeps everything typed,
the Dutch error is shown next to the field and in an announced summary that
gets the focus; the inline BSN check (HTMX) works under the CSP."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from vangnet.intake.models import Melding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INVALID_BSN = "123456789"  # nine digits, fails the elfproef
BSN_ERROR = "Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en voldoen aan de elfproef."

TEXT_FIELDS = {
    "Naam melder": "Anja Bovenbuur",
    "Telefoon melder": "06 12345678",
    "E-mail melder": "anja@example.org",
    "Relatie tot betrokkene": "Bovenbuurvrouw",
    "Voornamen": "Johannes Petrus",
    "Tussenvoegsel": "van der",
    "Achternaam": "Meulenbroek",
    "Geboortedatum": "1961-07-14",
    "Straat": "Kerkstraat",
    "Huisnummer": "12b",
    "Postcode": "1234 AB",
    "Plaats": "Noordstad",
    "Wat is er aan de hand?": "Meneer komt al weken de deur niet uit.\nDe brievenbus puilt uit.",
}
CHECKED = ["Psychische problemen", "Schulden / financiële problemen", "Geen eten, water, verwarming of stroom"]


def field(page, label):
    """The input labelled exactly ``label`` (a required field's label ends in a hidden "*")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def fill_form(page):
    page.get_by_label("Soort melder").select_option(label="Familie / naaste")
    for label, value in TEXT_FIELDS.items():
        field(page, label).fill(value)
    page.get_by_label("Geslacht").select_option(label="Man")
    page.get_by_label("De melder wil terugkoppeling").check()
    for label in CHECKED:
        page.get_by_label(label, exact=True).check()


def assert_everything_kept(page):
    expect(page.get_by_label("Soort melder")).to_have_value("naaste")
    expect(page.get_by_label("Geslacht")).to_have_value("M")
    for label, value in TEXT_FIELDS.items():
        expect(field(page, label)).to_have_value(value)
    expect(page.get_by_label("De melder wil terugkoppeling")).to_be_checked()
    for label in CHECKED:
        expect(page.get_by_label(label, exact=True)).to_be_checked()
    expect(page.get_by_label("Verslaving", exact=True)).not_to_be_checked()


def field_errors(page, name):
    """The error list shown under the field with id ``id_<name>``."""
    return page.locator(f".field:has(#id_{name}) .errorlist")


def submit_with_invalid_bsn(page, session_login, user):
    """Fill in the whole form with a wrong BSN and submit; returns the prefilled 'Ontvangen op'."""
    session_login(page, user)
    page.goto(reverse("intake:create"))
    received_at = page.get_by_label("Ontvangen op").input_value()
    fill_form(page)
    page.get_by_label("BSN", exact=True).fill(INVALID_BSN)
    page.get_by_role("button", name="Melding registreren").click()
    page.get_by_role("alert").wait_for()
    assert page.url.endswith(reverse("intake:create"))
    assert Melding.objects.count() == 0
    return received_at


def test_inline_bsn_check(page, session_login, people, no_csp_violations):
    """Leaving the BSN field checks it on the server (HTMX) and shows the Dutch error in place."""
    session_login(page, people["meldpunt"])
    page.goto(reverse("intake:create"))
    page.get_by_label("Voornamen").fill("Johannes")
    bsn = page.get_by_label("BSN", exact=True)
    bsn.fill(INVALID_BSN)
    bsn.press("Tab")
    expect(field_errors(page, "bsn")).to_have_text(BSN_ERROR)
    expect(page.get_by_label("BSN", exact=True)).to_have_value(INVALID_BSN)
    expect(page.get_by_label("BSN", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Voornamen")).to_have_value("Johannes")
    # A correct number with separators is accepted and shown normalised.
    bsn = page.get_by_label("BSN", exact=True)
    bsn.fill("1112.22.333")
    bsn.press("Tab")
    expect(field_errors(page, "bsn")).to_have_count(0)
    expect(page.get_by_label("BSN", exact=True)).to_have_value("111222333")
    no_csp_violations(page)


def test_invalid_bsn_keeps_what_was_typed(page, session_login, people, no_csp_violations):
    received_at = submit_with_invalid_bsn(page, session_login, people["meldpunt"])

    # The summary at the top is announced (role=alert) and links to the field.
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("Controleer de volgende gegevens")
    expect(summary.get_by_role("link", name=f"BSN: {BSN_ERROR}")).to_have_attribute("href", "#id_bsn")

    # The field itself: value kept, Dutch error right under it, marked invalid.
    bsn = page.get_by_label("BSN", exact=True)
    expect(bsn).to_have_value(INVALID_BSN)
    expect(field_errors(page, "bsn")).to_have_text(BSN_ERROR)
    expect(bsn).to_have_attribute("aria-invalid", "true")

    # Everything else is exactly as typed.
    assert_everything_kept(page)
    expect(page.get_by_label("Ontvangen op")).to_have_value(received_at)

    # The link in the summary brings the user to the field.
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("BSN", exact=True)).to_be_focused()

    # Correcting only the BSN is enough to register the melding with all the rest.
    page.get_by_label("BSN", exact=True).fill("111222333")
    page.get_by_role("button", name="Melding registreren").click()
    page.wait_for_url(re.compile(r"/meldingen/\d+/(#.*)?$"))
    expect(page.get_by_role("status")).to_contain_text("is geregistreerd.")
    melding = Melding.objects.get()
    assert (melding.given_names, melding.tussenvoegsel, melding.surname) == (
        "Johannes Petrus",
        "van der",
        "Meulenbroek",
    )
    assert melding.bsn == "111222333"
    assert melding.city == "Noordstad" and melding.postcode == "1234 AB"
    assert melding.description.replace("\r\n", "\n") == TEXT_FIELDS["Wat is er aan de hand?"]
    assert sorted(melding.categories.values_list("code", flat=True)) == ["psychisch", "schulden"]
    assert melding.urgency_indicators == ["geen_voedsel"]

    no_csp_violations(page)


def test_error_summary_takes_focus(page, session_login, people):
    """After a failed submit the keyboard/screen-reader user lands on the summary."""
    submit_with_invalid_bsn(page, session_login, people["meldpunt"])
    expect(page.get_by_role("alert")).to_be_focused(timeout=2000)


def test_field_error_is_read_with_the_field(page, session_login, people):
    submit_with_invalid_bsn(page, session_login, people["meldpunt"])
    bsn = page.get_by_label("BSN", exact=True)
    described_by = (bsn.get_attribute("aria-describedby") or "").split()
    missing = [i for i in described_by if page.locator(f"[id='{i}']").count() != 1]
    assert not missing, f"aria-describedby of the BSN field names ids that are not on the page: {missing}"
    description = " ".join(page.locator(f"[id='{i}']").inner_text() for i in described_by)
    assert BSN_ERROR in description
