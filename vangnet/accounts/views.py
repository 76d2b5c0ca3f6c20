"""Login with password, then a TOTP code (mandatory for everyone), and logout."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from . import services
from .forms import LoginForm, OtpCodeForm


def _redirect_after_verification(request):
    target = services.safe_next_url(request, request.session.pop(services.NEXT_SESSION_KEY, None))
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

    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        # authenticate() with the request so django-axes counts failures and
        # refuses locked accounts (AxesMiddleware then shows the lockout page).
        user = authenticate(request=request, username=username, password=form.cleaned_data["password"])
        if user is not None:
            auth_login(request, user)
            request.session.pop(services.OTP_FAILURES_SESSION_KEY, None)
            if next_url:
                request.session[services.NEXT_SESSION_KEY] = next_url
            services.log_security_event("login_password_ok", request, user=user)
            return redirect(_second_step(user))
        services.log_security_event(
            "login_failed",
            request,
            attempted_username=username,
            locked_out=bool(getattr(request, "axes_locked_out", False)),
        )
        form.add_error(None, _("De combinatie van gebruikersnaam en wachtwoord is onjuist."))
    return render(request, "accounts/login.html", {"form": form, "next": next_url or ""})


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
    if request.user.is_authenticated:
        services.log_security_event("logout", request)
    logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect(settings.LOGOUT_REDIRECT_URL)
