from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("verificatie/", views.otp_verify, name="otp_verify"),
    path("verificatie/instellen/", views.otp_setup, name="otp_setup"),
    # Single sign-on through the municipality's OpenID Connect provider (404 while off).
    path("sso/", views.OIDCStart.as_view(), name="oidc_start"),
    path("sso/terug/", views.OIDCCallback.as_view(), name="oidc_callback"),
    path("sso/geweigerd/", views.oidc_refused, name="oidc_refused"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("wachtwoord/", views.password_change, name="password_change"),
    path("sessie/verlengen/", views.session_keepalive, name="session_keepalive"),
    path(
        "wachtwoord/herstellen/<uidb64>/<token>/", views.PasswordResetConfirm.as_view(), name="password_reset_confirm"
    ),
]
