from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.admin import OTPAdminSite


class VangnetAdminSite(OTPAdminSite):
    """Functioneel beheer: staff only, with an OTP-verified session. There is one
    login flow for everybody (password + 2FA, brute-force protection), so the
    admin's own login page sends people to it."""

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_verified():
            # Logged in properly but not staff: no way round it via the login page.
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url)


def protect_admin(site) -> None:
    """The admin (functioneel beheer) requires an OTP-verified staff session too."""
    site.__class__ = VangnetAdminSite
    site.site_header = "Vangnet beheer"
    site.site_title = "Vangnet beheer"
