"""Two-factor authentication is mandatory: a logged-in user whose session is not
OTP-verified can only reach the 2FA pages (set up or enter a code) and logout."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

EXEMPT_URL_NAMES = {"accounts:login", "accounts:logout", "accounts:otp_verify", "accounts:otp_setup", "set_language"}


class Require2FAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            exempt_paths = {reverse(name) for name in EXEMPT_URL_NAMES}
            path = request.path_info
            if path not in exempt_paths and not path.startswith("/static/"):
                if path.startswith("/api/"):
                    from django.http import JsonResponse

                    return JsonResponse({"detail": _("Tweestapsverificatie vereist.")}, status=403)
                return redirect("accounts:otp_verify")
        return self.get_response(request)


PASSWORD_CHANGE_EXEMPT_URL_NAMES = {"accounts:password_change", "accounts:logout", "set_language"}


class RequirePasswordChangeMiddleware:
    """A user flagged must_change_password (account made or reset by beheer) chooses
    a new password before any other page. Runs after Require2FAMiddleware: the
    change page is only reached with a verified session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_verified() and user.must_change_password:
            exempt_paths = {reverse(name) for name in PASSWORD_CHANGE_EXEMPT_URL_NAMES}
            path = request.path_info
            if path not in exempt_paths and not path.startswith("/static/"):
                if path.startswith("/api/"):
                    from django.http import JsonResponse

                    return JsonResponse({"detail": _("Eerst een nieuw wachtwoord kiezen.")}, status=403)
                return redirect("accounts:password_change")
        return self.get_response(request)
