"""Issue 12 item 4 in the browser, at 390 x 844: the session expires while the
worker types a contact attempt on the doorstep; saving sends her to the login
page (not the login page inside the attempt box), and after logging in again
(password + TOTP) the note is back in the form, ready to be saved."""

import datetime
import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import CasusFactory, PersonFactory
from vangnet.accounts.models import FormDraft
from vangnet.cases.models import ContactAttempt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOTE = "Niemand thuis, briefje in de bus gedaan"
RESTORED = "Uw sessie was verlopen. Wat u had ingevuld staat er nog; controleer het en sla opnieuw op."


@pytest.fixture
def casus(people, region):
    person = PersonFactory(given_names="Gerrit", surname="Hoekstra", date_of_birth=datetime.date(1966, 3, 9))
    return CasusFactory(
        organisation=region["ggd"],
        team=region["team"],
        person=person,
        casusregisseur=people["regisseur"],
        opened_at=timezone.now() - datetime.timedelta(days=2),
    )


def test_note_survives_an_expired_session(page, ui_login, people, casus, no_csp_violations):
    worker = people["regisseur"]
    ui_login(page, worker)
    page.goto(reverse("cases:detail", args=[casus.pk]))
    # The page told the script when the session ends; the warning is not shown yet.
    expect(page.locator("#session-expiry")).to_be_hidden()

    # 30 idle minutes later the session is gone on the server.
    Session.objects.all().delete()

    form = page.locator("#attempt-form-wrap")
    form.get_by_role("group", name="Soort").get_by_label("Huisbezoek", exact=True).check()
    form.get_by_role("group", name="Resultaat").get_by_label("Geen gehoor", exact=True).check()
    form.get_by_label("Notitie (optioneel)").fill(NOTE)
    form.get_by_role("button", name="Poging opslaan").click()

    # htmx follows HX-Redirect to the login page; nothing was swapped into the attempt box.
    page.wait_for_url(re.compile(re.escape(reverse("accounts:login"))))
    expect(page.get_by_role("heading", name="Inloggen bij Vangnet")).to_have_count(1)
    expect(page.get_by_text("Wat u had ingevuld is bewaard")).to_be_visible()
    assert not ContactAttempt.objects.exists() and FormDraft.objects.count() == 1

    # A TOTP code counts once per time step; the next step has come by the time she logs in again.
    TOTPDevice.objects.filter(user=worker).update(last_t=-1)
    ui_login(page, worker)
    page.wait_for_url(re.compile(rf"/casussen/{casus.pk}/$"))
    expect(page.get_by_text(RESTORED)).to_be_visible()
    form = page.locator("#attempt-form-wrap")
    expect(form.get_by_label("Notitie (optioneel)")).to_have_value(NOTE)
    expect(form.get_by_role("group", name="Soort").get_by_label("Huisbezoek", exact=True)).to_be_checked()
    assert not FormDraft.objects.exists()  # deleted once shown

    form.get_by_role("button", name="Poging opslaan").click()
    expect(page.locator("#attempt-form-wrap").get_by_role("status")).to_have_text("De contactpoging is vastgelegd.")
    assert ContactAttempt.objects.get().note == NOTE
    no_csp_violations(page)


def test_warning_before_expiry_and_staying_logged_in(
    page, session_login, people, casus, settings, check_a11y, no_csp_violations
):
    # A short session so the warning comes within the test (it shows half-way at most).
    settings.SESSION_COOKIE_AGE = 10
    session_login(page, people["regisseur"])
    page.goto(reverse("cases:detail", args=[casus.pk]))
    warning = page.locator("#session-expiry")
    expect(warning).to_be_visible(timeout=9000)
    expect(warning).to_contain_text("over enkele minuten wordt u uitgelogd")
    check_a11y(page, "sessie-waarschuwing")
    button = warning.get_by_role("button", name="Ingelogd blijven")
    box = button.bounding_box()
    assert box and box["height"] >= 44
    button.click()
    expect(warning).to_be_hidden()
    # The session was renewed on the server: the casus page still opens.
    page.goto(reverse("cases:detail", args=[casus.pk]))
    expect(page).to_have_url(re.compile(rf"/casussen/{casus.pk}/$"))
    no_csp_violations(page)


def test_error_pages_are_accessible(page, session_login, people, casus, check_a11y, no_csp_violations):
    """The error pages (not in test_accessibility.PAGES: that table refuses any 4xx)."""
    session_login(page, people["regisseur"])
    for url, heading in (
        ("/bestaat-niet/", "Pagina niet gevonden"),
        (reverse("intake:create"), "Geen toegang"),  # a bemoeizorger registers no melding
    ):
        response = page.goto(url)
        assert response is not None and response.status in (403, 404)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        check_a11y(page, heading)
    no_csp_violations(page)


def test_melding_form_survives_an_expired_session(page, ui_login, people, no_csp_violations):
    """A plain (non-HTMX) form: the long melding form typed during a phone call."""
    meldpunt = people["meldpunt"]
    ui_login(page, meldpunt)
    page.goto(reverse("intake:create"))
    page.get_by_label("Soort melder").select_option(label="Buurtbewoner")
    page.get_by_label("Naam melder").fill("Anja Bovenbuur")
    page.get_by_label("Achternaam").fill("Meulenbroek")
    zorgen = page.get_by_role("group", name="Waar maakt de melder zich zorgen over?")
    zorgen.get_by_label("Psychische problemen").check()
    page.get_by_label("Wat is er aan de hand?").fill("Meneer komt al weken de deur niet uit.")

    Session.objects.all().delete()
    page.get_by_role("button", name="Melding registreren").click()
    page.wait_for_url(re.compile(re.escape(reverse("accounts:login"))))
    expect(page.get_by_text("Wat u had ingevuld is bewaard")).to_be_visible()

    TOTPDevice.objects.filter(user=meldpunt).update(last_t=-1)
    ui_login(page, meldpunt)
    page.wait_for_url(re.compile(re.escape(reverse("intake:create")) + "$"))
    expect(page.get_by_text(RESTORED)).to_be_visible()
    expect(page.get_by_label("Soort melder")).to_have_value("buurtbewoner")
    expect(page.get_by_label("Naam melder")).to_have_value("Anja Bovenbuur")
    expect(page.get_by_label("Achternaam")).to_have_value("Meulenbroek")
    expect(
        page.get_by_role("group", name="Waar maakt de melder zich zorgen over?").get_by_label("Psychische problemen")
    ).to_be_checked()
    expect(page.get_by_label("Wat is er aan de hand?")).to_have_value("Meneer komt al weken de deur niet uit.")
    no_csp_violations(page)
