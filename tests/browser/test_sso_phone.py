"""Single sign-on in the browser at 390 x 844 (issue 18 parts 5-6): the login page offers the
municipality's account, the real test provider's login page (tests/oidc/provider) signs in,
and an unknown account gets the Dutch refusal page; axe-core on Vangnet's pages."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import UserFactory

# The real provider and the settings that point at it (tests/oidc/conftest.py).
from tests.oidc.conftest import oidc_provider, sso  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_at_the_provider(page, email: str, amr: str = "") -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_role("link", name="Inloggen met uw account van de gemeente").click()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Methoden (amr, komma's)").fill(amr)
    page.get_by_role("button", name="Inloggen").click()


def test_sign_in_through_the_provider_on_a_phone(page, sso, settings, people, check_a11y, no_csp_violations):  # noqa: F811 (the fixture)
    settings.VANGNET_OIDC_ACCEPTED_AMR = ["mfa"]
    user = people["regisseur"]
    page.goto(reverse("accounts:login"))
    expect(page.get_by_role("link", name="Inloggen met uw account van de gemeente")).to_be_visible()
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()  # local login stays on
    check_a11y(page, "login page with single sign-on")
    _sign_in_at_the_provider(page, user.email, amr="pwd,mfa")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()
    no_csp_violations(page)


def test_without_an_accepted_second_factor_the_totp_step_follows(page, sso, people):  # noqa: F811 (the fixture)
    user = people["regisseur"]
    _sign_in_at_the_provider(page, user.email, amr="pwd")
    # Vangnet's own TOTP step (setting up the app first, for this user without one yet).
    expect(page).to_have_url(re.compile(reverse("accounts:otp_verify") + "(instellen/)?$"))


def test_an_unknown_account_gets_the_dutch_refusal_page(page, sso, check_a11y, no_csp_violations):  # noqa: F811 (the fixture)
    UserFactory(username="iemand", email="iemand@gemeente.example")
    _sign_in_at_the_provider(page, "niet-in-vangnet@gemeente.example", amr="mfa")
    expect(page).to_have_url(re.compile(reverse("accounts:oidc_refused") + "$"))
    expect(page.get_by_role("alert")).to_contain_text("hoort niet bij een gebruiker van Vangnet")
    expect(page.get_by_role("link", name="Terug naar inloggen")).to_be_visible()
    check_a11y(page, "single sign-on refused")
    no_csp_violations(page)
