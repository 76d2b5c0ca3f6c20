"""Gates a logged-in user must pass before any other page: two-factor
authentication (mandatory for everyone), then a new password where beheer
reset it or made the account."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


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
                return redirect(self.target)
        return self.get_response(request)


EXEMPT_URL_NAMES = {"accounts:login", "accounts:logout", "accounts:otp_verify", "accounts:otp_setup", "set_language"}


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
