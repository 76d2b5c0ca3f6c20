"""Gates a logged-in user must pass before any other page: two-factor
authentication (mandatory for everyone), then a new password where beheer
reset it or made the account."""

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.audit.services import AuditContext

from . import drafts
from .backends import JOINED_DEVICE, session_device
from .models import User
from .oidc import PROVIDER_MFA_SESSION_KEY, signed_in_through_provider


class _Gate:
    """Sends a user for whom ``applies`` holds to ``target`` from every page but
    the exempt ones; the API answers 403 with ``api_message`` instead."""

    exempt_url_names: set[str] = set()
    target = ""

    def __init__(self, get_response):
        self.get_response = get_response

    def applies(self, user) -> bool:
        raise NotImplementedError

    def api_message(self) -> str:
        raise NotImplementedError

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self.applies(user):
            path = request.path_info
            if path not in {reverse(name) for name in self.exempt_url_names} and not path.startswith("/static/"):
                if path.startswith("/api/"):
                    return JsonResponse({"detail": self.api_message()}, status=403)
                if _htmx(request):
                    # Not the 2FA or password page swapped into a part of the page.
                    response = HttpResponse(status=401)
                    response["HX-Redirect"] = reverse(self.target)
                    return response
                return redirect(self.target)
        return self.get_response(request)


EXEMPT_URL_NAMES = {"accounts:login", "accounts:logout", "accounts:otp_verify", "accounts:otp_setup", "set_language"}
# Single sign-on: a session halfway (password given, no code yet) may still sign in there.
EXEMPT_URL_NAMES |= {"accounts:oidc_start", "accounts:oidc_callback", "accounts:oidc_refused"}


class Require2FAMiddleware(_Gate):
    """A session that is not OTP-verified reaches only the 2FA pages and logout."""

    exempt_url_names = EXEMPT_URL_NAMES
    target = "accounts:otp_verify"

    def applies(self, user) -> bool:
        return not user.is_verified()

    def api_message(self) -> str:
        return _("Tweestapsverificatie vereist.")


PASSWORD_CHANGE_EXEMPT_URL_NAMES = {"accounts:password_change", "accounts:logout", "set_language"}


class RequirePasswordChangeMiddleware(_Gate):
    """A user flagged must_change_password (account made or reset by beheer) chooses
    a new password before any other page. Runs after Require2FAMiddleware: the
    change page is only reached with a verified session."""

    exempt_url_names = PASSWORD_CHANGE_EXEMPT_URL_NAMES
    target = "accounts:password_change"

    def applies(self, user) -> bool:
        return user.is_verified() and user.must_change_password

    def api_message(self) -> str:
        return _("Eerst een nieuw wachtwoord kiezen.")


def _htmx(request: HttpRequest) -> bool:
    # The gates run before django_htmx's middleware: read its header then.
    return request.headers.get("HX-Request") == "true"


def _verified(user: object) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())  # django_otp.middleware


def _page_of(request: HttpRequest) -> str:
    """The page the request came from (where its form was shown), as a local path.
    HTMX says so itself; a plain form post has the same-origin Referer; else the
    posted URL, which for most forms is the page."""
    for candidate in (request.headers.get("HX-Current-URL"), request.headers.get("Referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(candidate)
            if parts.path.startswith("/"):
                return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def _to_login(response: HttpResponseBase) -> bool:
    if response.status_code not in (301, 302, 303) or "Location" not in response:
        return False
    return urlsplit(response["Location"]).path == resolve_url(settings.LOGIN_URL)


def _exempt(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is None or match.namespace == "accounts" or match.url_name == "set_language"


class SessionExpiryMiddleware:
    """What happens around an expired session (issue 12, ADR 0009).

    - A form posted without a session (it expired, or was deleted) is kept as a
      draft of the user named by the owner cookie (accounts.drafts), and the
      user is sent to the login page with a message instead of losing it.
    - An HTMX request without a session gets 401 with ``HX-Redirect`` to the
      login page (htmx navigates there), never the login page swapped into the
      part of the page it was about to update.
    - The first view of the draft's page after logging in again gets the draft
      (``request.kept_draft``, filled in by static/vangnet/session.js) and the
      message to check it and save again; the draft is deleted then.
    - A fully logged-in user's browser carries the owner cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated:
            if _verified(user):
                self._restore(request, user)
            response = self.get_response(request)
            # request.user as the view left it: just verified (2FA), or logged out.
            if request.user.is_authenticated and _verified(request.user):
                drafts.keep_owner_cookie(request, response, request.user)
            return response
        response = self.get_response(request)
        if not _to_login(response) or _exempt(request) or not (request.method == "POST" or _htmx(request)):
            return response
        page = _page_of(request)
        kept = None
        if request.method == "POST":
            owner = drafts.owner_of(request)
            if owner is not None:
                kept = drafts.keep_draft(
                    owner, page=page, action=request.path, post=request.POST, context=AuditContext.from_request(request)
                )
        return self._expired(request, page, posted=request.method == "POST", kept=kept is not None)

    def _restore(self, request: HttpRequest, user: User) -> None:
        if request.method != "GET" or _htmx(request) or not request.session.get(drafts.PENDING_SESSION_KEY):
            return
        draft = drafts.take_draft(user, request.get_full_path(), context=AuditContext.from_request(request))
        if draft is not None:
            request.kept_draft = {"action": draft.action, "fields": draft.fields}  # type: ignore[attr-defined]
            messages.warning(
                request,
                _("Uw sessie was verlopen. Wat u had ingevuld staat er nog; controleer het en sla opnieuw op."),
            )
        if not drafts.live_drafts(user).exists():
            request.session.pop(drafts.PENDING_SESSION_KEY, None)

    def _expired(self, request: HttpRequest, page: str, *, posted: bool, kept: bool) -> HttpResponseBase:
        if kept:
            text = _("Uw sessie was verlopen. Wat u had ingevuld is bewaard: log opnieuw in om verder te gaan.")
        elif posted:
            text = _("Uw sessie was verlopen. Log opnieuw in; wat u had ingevuld kon niet worden bewaard.")
        else:
            text = _("Uw sessie was verlopen. Log opnieuw in.")
        messages.warning(request, text)
        login_url = redirect_to_login(page).url
        if not _htmx(request):
            return redirect(login_url)
        # htmx follows HX-Redirect whatever the status; 401 keeps it from swapping the body.
        response = HttpResponse(format_html('<p class="message message-warning" role="alert">{}</p>', text), status=401)
        response["HX-Redirect"] = login_url
        return response


# The idle timeout (SESSION_COOKIE_AGE) is renewed by activity, but at most once
# a minute instead of on every request (issue 17): a session save is one or two
# SQL statements on every page. The session may so end up to a minute before 30
# idle minutes; session_seconds tells the page the exact time left.
RENEW_AFTER_SECONDS = 60
RENEWED_KEY = "_vangnet_renewed_at"


def renew_session(session: SessionBase) -> None:
    session[RENEWED_KEY] = int(time.time())


def session_seconds_left(session: SessionBase | None) -> int:
    """How long this session lives without activity, from its last renewal."""
    age = int(settings.SESSION_COOKIE_AGE)
    renewed = session.get(RENEWED_KEY) if session is not None else None
    if not renewed:
        return age
    return max(0, age - (int(time.time()) - int(renewed)))


class SessionRenewalMiddleware:
    """Marks a signed-in (non-empty) session for saving when its last renewal is a
    minute old; SessionMiddleware (outside this one) then saves it with a new expiry."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            renewed = session.get(RENEWED_KEY) or 0
            if int(time.time()) - int(renewed) >= RENEW_AFTER_SECONDS:
                renew_session(session)
        return response


_NOT_JOINED = object()


class ProviderSecondFactor:
    """Stands for the provider's own second factor where django-otp expects the device that
    verified the session (``user.otp_device``); it is no model and has no secret."""

    persistent_id = "vangnet.oidc/provider"
    confirmed = True
    name = "OpenID Connect"

    def __init__(self, user: Any) -> None:
        self.user_id = user.pk
        self.pk = None

    def __str__(self) -> str:
        return self.name


def _session_device_pk(request: HttpRequest) -> int | None:
    """The pk of the session's TOTP device ("otp_totp.totpdevice/<pk>"), else None."""
    persistent_id = request.session.get(DEVICE_ID_SESSION_KEY) if hasattr(request, "session") else None
    label, _, pk = str(persistent_id or "").rpartition("/")
    return int(pk) if label == TOTPDevice.model_label() and pk.isdigit() else None


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, with the session's TOTP device fetched in the user's own query (backends)."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)

        def user() -> Any:
            with session_device(_session_device_pk(request)):
                return get_user(request)

        request.user = SimpleLazyObject(user)  # type: ignore[assignment]


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's, taking the device the login backend joined to the user; another kind of
    device (or none joined) is fetched as django-otp does."""

    def _verify_user_sync(self, request: HttpRequest, user: Any) -> Any:
        if (
            user.is_authenticated
            and request.session.get(PROVIDER_MFA_SESSION_KEY)
            and signed_in_through_provider(request)
        ):
            # Single sign-on whose acr/amr this installation accepts: no TOTP device (oidc).
            self._init_user_fields(user)
            user.otp_device = ProviderSecondFactor(user)
            return user
        joined = getattr(user, JOINED_DEVICE, _NOT_JOINED)
        if joined is _NOT_JOINED:
            return super()._verify_user_sync(request, user)
        self._init_user_fields(user)
        user.otp_device = self._finalize_device(request, user, joined)
        return user
