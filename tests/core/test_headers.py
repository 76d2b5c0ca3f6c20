"""Security headers: no caching of anything shown to a logged-in user,
Permissions-Policy everywhere, HSTS in production."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.factories import MeldingFactory
from vangnet.core.middleware import SecurityHeadersMiddleware, permissions_policy_header

NO_STORE = "no-store, private"
FEATURES_OFF = ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]


def _pages(users, ggd):
    melding = MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"])
    return [
        ("page", "meldpunt", "get", reverse("worklists:home"), {}),
        ("melding with personal data", "meldpunt", "get", reverse("intake:detail", args=[melding.pk]), {}),
        ("HTMX answer", "meldpunt", "post", reverse("intake:validate_bsn"), {"HTTP_HX_REQUEST": "true"}),
        ("API answer", "partner", "get", reverse("api:meldingen"), {}),
        ("CSV download", "teamleider", "get", reverse("network:figures_csv"), {}),
        ("refused (403)", "partner", "get", reverse("worklists:home"), {}),
        ("not found (404)", "meldpunt", "get", reverse("intake:detail", args=[999999]), {}),
    ]


@pytest.mark.django_db
def test_everything_a_logged_in_user_gets_is_no_store(users, ggd, login):
    for name, who, method, url, extra in _pages(users, ggd):
        response = getattr(login(users[who]), method)(url, **extra)
        assert response.status_code < 500, name
        assert response["Cache-Control"] == NO_STORE, name
        assert "Expires" not in response, name


def test_a_view_cannot_make_personal_data_cacheable(rf: RequestFactory, django_user_model):
    """Even when a view sets its own caching (or a file download does), a logged-in user's answer is no-store."""
    user = django_user_model(username="x")
    for answer in (
        HttpResponse(headers={"Cache-Control": "public, max-age=3600", "Expires": "Thu, 01 Dec 2099 16:00:00 GMT"}),
        FileResponse(iter([b"%PDF"]), headers={"Cache-Control": "no-store"}),
    ):
        request = rf.get("/")
        request.user = user
        response = SecurityHeadersMiddleware(lambda r, a=answer: a)(request)
        assert response["Cache-Control"] == NO_STORE
        assert "Expires" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/static/vangnet/vangnet.css"])
def test_permissions_policy_also_without_login(url):
    if url.startswith("/accounts"):
        url = reverse("accounts:login")
    response = Client().get(url)
    assert response.status_code == 200
    policy = response["Permissions-Policy"]
    assert all(feature in policy.split(", ") for feature in FEATURES_OFF)


def test_policy_header_format():
    assert permissions_policy_header({"camera": [], "fullscreen": ["self"]}) == "camera=(), fullscreen=(self)"


@pytest.mark.django_db
def test_hsts_on_https_in_production(users, login):
    client = login(users["meldpunt"])
    secure = client.get(reverse("worklists:home"), secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get(reverse("worklists:home"))
    assert settings.SECURE_HSTS_SECONDS == 31536000


def _settings_value(name: str, **env) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_HSTS_SECONDS"}}
    environment.update({"VANGNET_ALLOW_INSECURE_KEY": "1", **env})
    code = f"import vangnet.settings as s; print(getattr(s, {name!r}, None))"
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "31536000"), ({"DEBUG": "1"}, "0"), ({"SECURE_HSTS_SECONDS": "600"}, "600")],
)
def test_hsts_seconds_come_from_the_environment(env, expected):
    assert _settings_value("SECURE_HSTS_SECONDS", **env) == expected


def test_proxy_header_only_when_asked():
    assert _settings_value("SECURE_PROXY_SSL_HEADER") == "None"
    assert (
        _settings_value("SECURE_PROXY_SSL_HEADER", TRUST_X_FORWARDED_PROTO="1") == "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
