"""Issue 12 item 5: 403, 404, 500 and a CSRF failure answer a Dutch page in the
normal layout, with no technical details, as in production (DEBUG off)."""

import pytest
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.views.defaults import server_error

from tests.accounts.conftest import PASSWORD


def _boom(request: HttpRequest):
    raise RuntimeError("geheime-details-in-de-traceback")


# This module is the URLconf of the tests below: the real one plus a view that fails.
urlpatterns = [path("kapot/", _boom), path("", include("vangnet.urls"))]

TECHNICAL = ("Traceback", "geheime-details", "urlpatterns", "Django", "CSRF verification failed", "Forbidden")


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def assert_dutch_page(response, status: int, heading: str):
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="nl">' in html and f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html and reverse("worklists:home") in html  # the normal layout
    for word in TECHNICAL:
        assert word not in html, word
    return html


@pytest.mark.django_db
def test_404_is_dutch_in_the_layout(production, users, login):
    assert_dutch_page(Client().get("/bestaat-niet/"), 404, "Pagina niet gevonden")
    html = assert_dutch_page(login(users["bemoeizorger"]).get("/bestaat-niet/"), 404, "Pagina niet gevonden")
    assert 'aria-label="Hoofdmenu"' in html  # logged in: the navigation is there


@pytest.mark.django_db
def test_a_record_out_of_sight_gets_the_same_404(production, users, login):
    assert_dutch_page(
        login(users["bemoeizorger"]).get(reverse("cases:detail", args=[999999])), 404, "Pagina niet gevonden"
    )


@pytest.mark.django_db
def test_403_is_dutch_in_the_layout(production, users, login):
    # A bemoeizorger may not register a melding (intake.policies.can_register_melding).
    response = login(users["bemoeizorger"]).get(reverse("intake:create"))
    html = assert_dutch_page(response, 403, "Geen toegang")
    assert "Naar de startpagina" in html


@pytest.mark.django_db
def test_500_is_dutch_in_the_layout(production):
    response = Client(raise_request_exception=False).get("/kapot/")
    assert_dutch_page(response, 500, "Er ging iets mis")


def test_500_renders_without_the_database(settings):
    """No django_db mark: any query here fails the test (the error may be the database)."""
    settings.DEBUG = False
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500 and "<h1>Er ging iets mis</h1>" in html
    assert 'class="site-header"' in html


@pytest.mark.django_db
def test_csrf_failure_is_dutch_in_the_layout(production, users):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": users["meldpunt"].username, "password": PASSWORD})
    html = assert_dutch_page(response, 403, "Formulier verlopen")
    assert "Er is niets opgeslagen." in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_csrf_failure_shows_the_reason_only_with_debug(settings, users):
    settings.DEBUG = True
    response = Client(enforce_csrf_checks=True).post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403 and "CSRF" in response.content.decode()
