"""Single sign-on through a real OpenID Connect provider (tests/oidc/provider, started by
the ``oidc_provider`` fixture): login, the provider's second factor accepted or not, a wrong
audience, an expired token, an unknown or deactivated user, logout at both ends."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import UserFactory
from vangnet.accounts import oidc
from vangnet.accounts.services import current_totp_code, ensure_totp_device

pytestmark = pytest.mark.django_db

SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


@pytest.fixture
def anna():
    user = UserFactory(username="anna", email="Anna.deVries@gemeente.example")
    ensure_totp_device(user, SECRET)
    return user


def _events(security_log, name):
    return [e for e in security_log() if e.get("event") == name]


def _logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_through_the_provider_then_vangnets_own_totp_step(client, sso, anna, security_log):
    response = sso.login(client, "anna.devries@gemeente.example")  # the claim matches case-insensitively
    assert response.status_code == 302
    assert response.url == reverse("accounts:otp_verify")
    assert client.session[BACKEND_SESSION_KEY] == oidc.BACKEND_PATH
    assert _logged_in_user_id(client) == str(anna.pk)
    # Not verified yet: every page sends to the TOTP step.
    assert client.get(reverse("worklists:home")).url == reverse("accounts:otp_verify")
    device = anna.totpdevice_set.get()
    response = client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(device)})
    assert response.url == reverse("worklists:home")
    assert client.get(reverse("worklists:home")).status_code == 200
    (ok,) = _events(security_log, "oidc_login_ok")
    assert ok["user_id"] == anna.pk and ok["provider_second_factor"] is False


def test_the_next_page_is_kept_through_the_provider(client, sso, anna):
    sso.login(client, anna.email, next_url="/meldingen/")
    response = client.post(reverse("accounts:otp_verify"), {"code": current_totp_code(anna.totpdevice_set.get())})
    assert response.url == "/meldingen/"


@pytest.mark.parametrize(("acr", "amr"), [("", "pwd,otp"), ("urn:gemeente:loa:substantieel", "")])
def test_the_providers_second_factor_counts_when_the_installation_accepts_it(
    client, sso, settings, anna, security_log, acr, amr
):
    settings.VANGNET_OIDC_ACCEPTED_AMR = ["otp", "mfa"]
    settings.VANGNET_OIDC_ACCEPTED_ACR = ["urn:gemeente:loa:substantieel"]
    response = sso.login(client, anna.email, acr=acr, amr=amr)
    assert response.url == reverse("worklists:home")
    assert client.get(reverse("worklists:home")).status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session  # no TOTP device was used
    (accepted,) = _events(security_log, "oidc_second_factor_accepted")
    assert accepted["user_id"] == anna.pk


@pytest.mark.parametrize(("acr", "amr"), [("", ""), ("", "pwd"), ("urn:gemeente:loa:laag", "pwd")])
def test_a_missing_or_weaker_mfa_claim_means_vangnets_totp_step(client, sso, settings, anna, acr, amr):
    settings.VANGNET_OIDC_ACCEPTED_AMR = ["otp", "mfa"]
    settings.VANGNET_OIDC_ACCEPTED_ACR = ["urn:gemeente:loa:substantieel"]
    response = sso.login(client, anna.email, acr=acr, amr=amr)
    assert response.url == reverse("accounts:otp_verify")
    assert client.get(reverse("worklists:home")).url == reverse("accounts:otp_verify")
    assert oidc.PROVIDER_MFA_SESSION_KEY not in client.session


def test_the_providers_claim_never_counts_when_nothing_is_accepted(client, sso, anna):
    response = sso.login(client, anna.email, acr="urn:gemeente:loa:substantieel", amr="mfa,otp")
    assert response.url == reverse("accounts:otp_verify")


def test_the_second_factor_mark_counts_only_for_a_session_signed_in_through_the_provider(client, anna):
    client.force_login(anna)  # a password session, with the mark forged into it
    session = client.session
    session[oidc.PROVIDER_MFA_SESSION_KEY] = {"acr": "", "amr": ["mfa"]}
    session.save()
    assert client.get(reverse("worklists:home")).url == reverse("accounts:otp_verify")


def _assert_refused(client, response, text):
    assert response.status_code == 302 and response.url == reverse("accounts:oidc_refused")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert text in html
    assert 'href="/account/inloggen/"' in html
    return html


def test_a_token_for_another_audience_is_refused(client, sso, anna, security_log):
    sso.provider.next_id_token(audience="een-andere-toepassing")
    response = sso.login(client, anna.email)
    _assert_refused(client, response, "niet voor Vangnet bedoeld")
    (refused,) = _events(security_log, "oidc_refused")
    assert refused["reason"] == "wrong_audience"
    assert not _events(security_log, "oidc_login_ok")


def test_an_expired_token_is_refused(client, sso, anna, security_log):
    sso.provider.next_id_token(expiredSecondsAgo=600)
    response = sso.login(client, anna.email)
    _assert_refused(client, response, "was verlopen")
    assert [e["reason"] for e in _events(security_log, "oidc_refused")] == ["token_expired"]


def test_an_unknown_user_is_refused_and_no_account_is_made(client, sso, anna, security_log):
    users_before = get_user_model().objects.count()
    response = sso.login(client, "onbekend@gemeente.example", amr="mfa")
    _assert_refused(client, response, "hoort niet bij een gebruiker van Vangnet")
    assert get_user_model().objects.count() == users_before
    (refused,) = _events(security_log, "oidc_refused")
    assert refused["reason"] == "unknown_user"
    assert "onbekend@gemeente.example" not in repr(refused)  # a keyed hash, as for a typed user name


def test_a_deactivated_user_is_refused(client, sso, anna, security_log):
    anna.is_active = False
    anna.save()
    response = sso.login(client, anna.email)
    _assert_refused(client, response, "gedeactiveerd")
    (refused,) = _events(security_log, "oidc_refused")
    assert refused["reason"] == "inactive_user" and refused["user_id"] == anna.pk


def test_the_user_is_matched_on_the_configured_claim(client, sso, settings, anna):
    settings.VANGNET_OIDC_CLAIM = "preferred_username"  # the provider's is the address before the @
    settings.VANGNET_OIDC_USER_FIELD = "username"
    anna.username = "Anna.deVries"
    anna.save()
    response = sso.login(client, anna.email)
    assert response.url == reverse("accounts:otp_verify")
    assert _logged_in_user_id(client) == str(anna.pk)


def test_a_callback_with_a_state_this_session_never_sent_is_refused(client, sso, anna):
    response = client.get(reverse("accounts:oidc_start"))
    assert response.status_code == 302
    response = client.get(reverse("accounts:oidc_callback"), {"code": "abc", "state": "niet-van-deze-sessie"})
    _assert_refused(client, response, "niet gelukt")


def test_the_provider_saying_no_is_refused(client, sso, security_log):
    client.get(reverse("accounts:oidc_start"))
    state = next(iter(client.session["oidc_states"]))
    response = client.get(reverse("accounts:oidc_callback"), {"error": "access_denied", "state": state})
    _assert_refused(client, response, "niet gelukt")
    assert [e["reason"] for e in _events(security_log, "oidc_refused")] == ["provider_said_no"]


def test_logout_ends_the_providers_session_too(client, sso, settings, anna, security_log):
    settings.VANGNET_OIDC_ACCEPTED_AMR = ["mfa"]
    sso.login(client, anna.email, amr="mfa")
    # Signed in at the provider: a second sign-in needs no login form there.
    start = client.get(reverse("accounts:oidc_start"))
    assert sso.follow(start["Location"]).startswith("/account/sso/terug/")

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"].startswith(sso.provider.issuer + "/session/end?")
    assert "id_token_hint=" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert sso.follow(response["Location"]) == "/account/inloggen/"
    (logout,) = _events(security_log, "logout")
    assert logout["user_id"] == anna.pk and logout["provider_logout"] is True

    # The provider's session has ended: it asks who logs in again.
    start = client.get(reverse("accounts:oidc_start"))
    with pytest.raises(AssertionError, match="the provider asks who logs in"):
        sso.follow(start["Location"])


def test_a_password_session_logs_out_locally_only(client, sso, anna):
    client.force_login(anna, backend="vangnet.accounts.backends.ModelBackend")
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")


def test_local_login_can_be_switched_off(client, sso, settings, anna, security_log):
    settings.VANGNET_LOCAL_LOGIN = False
    html = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:oidc_start") in html
    assert 'name="password"' not in html
    response = client.post(reverse("accounts:login"), {"username": "anna", "password": "correct-horse-battery-staple"})
    assert response.status_code == 200
    assert "Inloggen met een wachtwoord staat uit" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert _events(security_log, "login_refused_local_off")


def test_both_ways_are_offered_when_local_login_stays_on(client, sso):
    html = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:oidc_start") in html and 'name="password"' in html


def test_single_sign_on_is_off_by_default(client):
    assert client.get(reverse("accounts:oidc_start")).status_code == 404
    assert client.get(reverse("accounts:oidc_callback"), {"code": "x", "state": "y"}).status_code == 404
    assert client.get(reverse("accounts:oidc_refused")).status_code == 404
    html = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:oidc_start") not in html and 'name="password"' in html
