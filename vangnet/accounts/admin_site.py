from django_otp.admin import OTPAdminSite


def protect_admin(site) -> None:
    """The admin (functioneel beheer) requires an OTP-verified staff session too."""
    site.__class__ = OTPAdminSite
    site.site_header = "Vangnet beheer"
    site.site_title = "Vangnet beheer"
