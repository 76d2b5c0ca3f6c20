"""Login with password, or through the municipality's OpenID Connect provider (single
sign-on, issue 18), then a TOTP code (mandatory for everyone, unless the provider's
accepted acr/amr says its own second factor was used), logout, and passwords: one's own
change, and the one-time link e-mailed by beheer."""

import json
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import View
from django_otp import login as otp_login
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import drafts, oidc, services
from .forms import LoginForm, NewPasswordForm, OtpCodeForm, OwnPasswordChangeForm
from .middleware import renew_session


def _redirect_after_verification(request):
    target = services.safe_next_url(request, request.session.pop(services.NEXT_SESSION_KEY, None))
    # Back to the form that was kept when the session expired (accounts.drafts).
    if (draft_page := drafts.page_of_latest_draft(request.user)) is not None:
        request.session[drafts.PENDING_SESSION_KEY] = True
        target = services.safe_next_url(request, draft_page) or target
    return redirect(target or resolve_url(settings.LOGIN_REDIRECT_URL))


def _second_step(user):
    return "accounts:otp_verify" if services.has_confirmed_totp_device(user) else "accounts:otp_setup"


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    next_url = services.safe_next_url(request, request.POST.get("next") or request.GET.get("next"))
    if request.user.is_authenticated and request.user.is_verified():
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))

    local = oidc.local_login_enabled()
    form = LoginForm(request.POST or None) if local else LoginForm()
    refusal = None
    if request.method == "POST" and not local:
        services.log_security_event("login_refused_local_off", request)
        refusal = _("Inloggen met een wachtwoord staat uit. Log in met uw account van de gemeente.")
    elif request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        key = services.username_key(username)  # never the raw text of an unknown name
        wait = services.claim_login_attempt(key)
        if wait:
            # Progressive delay per user name, whatever the IP address: the password
            # is not even checked, so guessing from many addresses gets nowhere.
            services.log_security_event("login_delayed", request, attempted_username=key, wait_seconds=wait)
            form.add_error(
                None,
                ngettext(
                    "Er is te vaak een onjuist wachtwoord ingevoerd voor deze gebruikersnaam. "
                    "Wacht %(seconds)d seconde en probeer het dan opnieuw.",
                    "Er is te vaak een onjuist wachtwoord ingevoerd voor deze gebruikersnaam. "
                    "Wacht %(seconds)d seconden en probeer het dan opnieuw.",
                    wait,
                )
                % {"seconds": wait},
            )
            context = {"form": form, "next": next_url or "", "local_login": True, "single_sign_on": oidc.enabled()}
            return render(request, "accounts/login.html", context, status=429)
        # authenticate() with the request so django-axes counts failures and
        # refuses locked accounts (AxesMiddleware then shows the lockout page).
        user = authenticate(request=request, username=username, password=form.cleaned_data["password"])
        if user is not None:
            services.clear_login_failures(key)
            auth_login(request, user)
            request.session.pop(services.OTP_FAILURES_SESSION_KEY, None)
            if next_url:
                request.session[services.NEXT_SESSION_KEY] = next_url
            services.log_security_event("login_password_ok", request, user=user)
            return redirect(_second_step(user))
        failures = services.register_login_failure(key, request)
        services.log_security_event(
            "login_failed",
            request,
            attempted_username=key,
            failures_for_username=failures,
            locked_out=bool(getattr(request, "axes_locked_out", False)),
        )
        form.add_error(None, _("De combinatie van gebruikersnaam en wachtwoord is onjuist."))
    context = {
        "form": form,
        "next": next_url or "",
        "local_login": local,
        "single_sign_on": oidc.enabled(),
        "refusal": refusal,
    }
    return render(request, "accounts/login.html", context)


def _too_many_failures(request):
    user = request.user
    services.log_security_event("otp_session_locked", request, user=user)
    logout(request)
    messages.error(
        request,
        _(
            "U heeft te vaak een onjuiste code ingevoerd en bent daarom uitgelogd. "
            "Log opnieuw in. Lukt het niet? Neem contact op met functioneel beheer."
        ),
    )
    return redirect("accounts:login")


def _handle_failure(request, form, result):
    failures = services.register_otp_failure(request)
    services.log_security_event("otp_failed", request, failures_in_session=failures, throttled=result.throttled)
    if failures >= services.MAX_OTP_FAILURES_PER_SESSION:
        return _too_many_failures(request)
    if result.throttled:
        form.add_error(
            "code",
            ngettext(
                "Te veel onjuiste codes achter elkaar. Wacht %(seconds)d seconde en probeer het opnieuw.",
                "Te veel onjuiste codes achter elkaar. Wacht %(seconds)d seconden en probeer het opnieuw.",
                result.wait_seconds,
            )
            % {"seconds": result.wait_seconds},
        )
    else:
        form.add_error("code", _("Deze code is onjuist of verlopen. Probeer de code die de app nu laat zien."))
    return None


def _require_password_step(request):
    """Redirect for users who may not be on a 2FA page, else None."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.user.is_verified():
        return _redirect_after_verification(request)
    return None


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    if (response := _require_password_step(request)) is not None:
        return response
    user = request.user
    devices = list(services.confirmed_totp_devices(user))
    if not devices:
        return redirect("accounts:otp_setup")

    form = OtpCodeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            result = services.verify_totp_code(devices, form.cleaned_data["code"])
            if result.ok:
                otp_login(request, result.device)
                # A new session key once fully logged in: a key seen before the
                # second factor (fixation) is worth nothing afterwards.
                request.session.cycle_key()
                request.session.pop(services.OTP_FAILURES_SESSION_KEY, None)
                services.log_security_event("otp_verified", request, user=user, device_id=result.device.pk)
                return _redirect_after_verification(request)
            if (response := _handle_failure(request, form, result)) is not None:
                return response
        # Malformed input is not counted as a wrong code: nothing was checked.
    return render(request, "accounts/otp_verify.html", {"form": form})


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    if (response := _require_password_step(request)) is not None:
        return response
    user = request.user
    # Someone who only knows the password must not be able to add a device.
    if services.has_confirmed_totp_device(user):
        return redirect("accounts:otp_verify")

    device = services.enrolment_device(user)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.confirm_enrolment(device, form.cleaned_data["code"])
        if result.ok:
            otp_login(request, result.device)
            request.session.cycle_key()
            request.session.pop(services.OTP_FAILURES_SESSION_KEY, None)
            services.log_security_event("otp_enrolled", request, user=user, device_id=device.pk)
            messages.success(request, _("Tweestapsverificatie is ingesteld. U bent ingelogd."))
            return _redirect_after_verification(request)
        if (response := _handle_failure(request, form, result)) is not None:
            return response
    context = {
        "form": form,
        "qr_svg": services.qr_code_svg(device, title=_("QR-code om Vangnet toe te voegen aan uw authenticator-app")),
        "secret": services.base32_secret(device),
    }
    return render(request, "accounts/otp_setup.html", context)


@require_POST
@csrf_protect
def logout_view(request):
    provider_logout = oidc.provider_logout_url(
        request, request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    )
    if request.user.is_authenticated:
        services.log_security_event("logout", request, provider_logout=provider_logout is not None)
    # Also after the session expired: the owner cookie still says whose drafts these are.
    owner = request.user if request.user.is_authenticated else drafts.owner_of(request)
    if owner is not None:
        drafts.delete_drafts_of(owner)
    logout(request)
    messages.info(request, _("U bent uitgelogd."))
    # Signed in through the provider: its session ends too, and it sends the browser back here.
    response = HttpResponseRedirect(provider_logout) if provider_logout else redirect(settings.LOGOUT_REDIRECT_URL)
    drafts.forget_owner(response)
    # Nothing of the session stays behind in this browser (pages are no-store too).
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


@require_POST
def session_keepalive(request: HttpRequest) -> JsonResponse:
    """'Ingelogd blijven' (static/vangnet/session.js): any request renews the
    session (at most once a minute); this one renews it now and answers how long it lasts.
    Without a session: 401, never a login redirect for a script to follow."""
    if not (request.user.is_authenticated and getattr(request.user, "is_verified", bool)()):
        return JsonResponse({"detail": _("Uw sessie is verlopen.")}, status=401)
    renew_session(request.session)  # always now, not at most once a minute
    return JsonResponse({"expires_in": settings.SESSION_COOKIE_AGE})


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@csrf_protect
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    """Change one's own password (also where must_change_password sends people)."""
    form = OwnPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # stay logged in, with a new session key
        services.password_changed_by_user(user, request)
        messages.success(request, _("Uw wachtwoord is gewijzigd."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request, "accounts/password_change.html", {"form": form, "required": request.user.must_change_password}
    )


class PasswordResetConfirm(PasswordResetConfirmView):
    """The one-time link from beheer: the token expires (PASSWORD_RESET_TIMEOUT)
    and stops working as soon as the password has changed."""

    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_set_by_link(form.user, self.request)
        messages.success(self.request, _("Uw nieuwe wachtwoord is ingesteld. Log nu in."))
        return response


# --- Single sign-on (OpenID Connect, issue 18) ---------------------------------------------

REFUSAL_MESSAGES = {
    "unknown_user": gettext_lazy(
        "Uw account bij de gemeente hoort niet bij een gebruiker van Vangnet. Vraag functioneel beheer "
        "om een account voor u aan te maken; Vangnet maakt er zelf geen aan."
    ),
    "inactive_user": gettext_lazy("Uw account in Vangnet is gedeactiveerd. Neem contact op met functioneel beheer."),
    "ambiguous_user": gettext_lazy(
        "Uw account bij de gemeente past bij meer dan één gebruiker van Vangnet. Neem contact op met functioneel beheer."
    ),
    "claim_missing": gettext_lazy(
        "De gemeente gaf niet door wie u bent. Neem contact op met functioneel beheer of de servicedesk van de gemeente."
    ),
    "token_expired": gettext_lazy("De aanmelding bij de gemeente was verlopen. Probeer het opnieuw."),
    "wrong_audience": gettext_lazy("De aanmelding bij de gemeente was niet voor Vangnet bedoeld. Probeer het opnieuw."),
}
GENERIC_REFUSAL = gettext_lazy(
    "Inloggen via de gemeente is niet gelukt. Probeer het opnieuw. Lukt het niet? "
    "Neem contact op met functioneel beheer."
)


def _refuse(request: HttpRequest, refusal: oidc.Refused) -> HttpResponseBase:
    services.log_security_event("oidc_refused", request, user=refusal.user, reason=refusal.reason, **refusal.fields)
    request.session[oidc.REFUSAL_SESSION_KEY] = refusal.reason
    return redirect("accounts:oidc_refused")


class OIDCStart(OIDCAuthenticationRequestView):
    """To the provider's sign-in page (the state, nonce and PKCE verifier stay in the session)."""

    get_settings = staticmethod(oidc.op_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        View.__init__(self, *args, **kwargs)  # the library reads its settings here: in get()

    def get(self, request: HttpRequest) -> HttpResponseBase:
        if not oidc.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
            self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        except (requests.RequestException, ValueError) as error:
            return _refuse(request, oidc.Refused("provider_unreachable", {"error": type(error).__name__}))
        services.log_security_event("oidc_started", request)
        return super().get(request)

    def get_extra_params(self, request: HttpRequest) -> dict[str, Any]:
        params = dict(super().get_extra_params(request))
        # The second factor is judged on the ID token's acr/amr: ask for them (OIDC Core 5.5).
        params.setdefault("claims", json.dumps({"id_token": {"acr": None, "amr": None}}))
        return params


class OIDCCallback(OIDCAuthenticationCallbackView):
    """Back from the provider: the library fetches and checks the tokens (oidc.OIDCBackend);
    then the TOTP step, unless the provider's second factor is accepted."""

    get_settings = staticmethod(oidc.op_setting)

    def get(self, request: HttpRequest) -> HttpResponseBase:
        if not oidc.enabled():
            raise Http404
        if error := request.GET.get("error"):
            # The library forgets the state and logs out; login_failure tells why.
            request.vangnet_oidc_refusal = oidc.Refused("provider_said_no", {"error": error[:50]})  # type: ignore[attr-defined]
        try:
            return super().get(request)
        except SuspiciousOperation:
            # A state this session never sent (an old tab, a replay): start again.
            return _refuse(request, oidc.Refused("unknown_state"))

    def login_failure(self) -> HttpResponseBase:
        refusal = getattr(self.request, "vangnet_oidc_refusal", None) or oidc.Refused("unknown_state")
        return _refuse(self.request, refusal)

    def login_success(self) -> HttpResponseBase:
        request, user = self.request, self.user
        next_url = services.safe_next_url(request, request.session.get("oidc_login_next"))
        auth_login(request, user)  # a new session key
        request.session.pop(services.OTP_FAILURES_SESSION_KEY, None)
        if next_url:
            request.session[services.NEXT_SESSION_KEY] = next_url
        second_factor = getattr(request, "vangnet_oidc_second_factor", None)
        services.log_security_event("oidc_login_ok", request, user=user, provider_second_factor=bool(second_factor))
        if second_factor is None:
            return redirect(_second_step(user))
        request.session[oidc.PROVIDER_MFA_SESSION_KEY] = second_factor
        request.session.cycle_key()
        services.log_security_event("oidc_second_factor_accepted", request, user=user, **second_factor)
        return _redirect_after_verification(request)


@never_cache
@require_http_methods(["GET"])
def oidc_refused(request: HttpRequest) -> HttpResponseBase:
    """Why signing in through the provider did not work, in Dutch, with the way back."""
    if not oidc.enabled():
        raise Http404
    reason = request.session.pop(oidc.REFUSAL_SESSION_KEY, None)
    message = REFUSAL_MESSAGES.get(reason, GENERIC_REFUSAL)
    return render(
        request, "accounts/oidc_refused.html", {"message": message, "local_login": oidc.local_login_enabled()}
    )
