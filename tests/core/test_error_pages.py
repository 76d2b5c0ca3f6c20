# ruff: noqa: F811 (the casus fixture is imported, then requested by name)
"""Issue 12 item 5: 403, 404, 500 and a CSRF failure answer a Dutch page in the
normal layout, with no technical details, as in production (DEBUG off)."""

import html as html_lib
import re

import pytest
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.views.defaults import server_error

from tests.accounts.conftest import PASSWORD
from tests.cases.conftest import casus  # noqa: F401 (fixture)


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


# --- no button that leads to a 403 for the user's role ------------------------------------------------


@pytest.fixture
def triaged(casus, users):
    from django.utils import timezone

    from vangnet.cases.models import CaseMember
    from vangnet.triage.models import TriageDecision

    melding = casus.meldingen.get()
    TriageDecision.objects.create(
        melding=melding,
        acute_danger="nee",
        already_in_care="nee",
        known_to_partners="nee",
        outcome="bemoeizorg",
        casus=casus,
        decided_by=users["meldpunt"],
        decided_at=timezone.now(),
    )
    CaseMember.objects.create(casus=casus, user=users["consultant"], role=CaseMember.Role.CONSULTANT)
    return melding


def _status(client, url):
    return client.get(url).status_code


@pytest.mark.django_db
def test_triage_bekijken_only_for_who_may_open_the_triage(triaged, users, login):
    detail = reverse("intake:detail", args=[triaged.pk])
    triage = reverse("triage:melding", args=[triaged.pk])
    for who, shown in (("bemoeizorger", False), ("consultant", False), ("meldpunt", True), ("teamleider", True)):
        client = login(users[who])
        html = client.get(detail).content.decode()
        assert ("Triage bekijken" in html) is shown, who
        # The button follows the rule of the page it leads to.
        assert (_status(client, triage) == 200) is shown, who


@pytest.mark.django_db
def test_statusbericht_melder_only_for_who_may_send_it(triaged, users, login):
    casus_page = reverse("cases:detail", args=[triaged.casus_id])
    melding_page = reverse("intake:detail", args=[triaged.pk])
    status = reverse("network:status_message", args=[triaged.pk])
    for who, shown in (("consultant", False), ("bemoeizorger", True), ("duo", True), ("teamleider", True)):
        client = login(users[who])
        assert ("Statusbericht melder M-2026-00001" in client.get(casus_page).content.decode()) is shown, who
        assert ("Statusbericht aan de melder" in client.get(melding_page).content.decode()) is shown, who
        assert (_status(client, status) == 200) is shown, who


HREF = re.compile(r'href="(/[^"#]*)"')
PAGES_WITH_BUTTONS = ("worklists:home", "worklists:my_cases", "cases:detail", "intake:detail")


@pytest.mark.django_db
def test_no_link_on_the_main_pages_leads_to_a_403(triaged, users, login):
    """The net under the rule: every link on the home page, the worklists, the casus
    and the melding page, followed by each role that sees the page, is never a 403."""
    args = {"cases:detail": [triaged.casus_id], "intake:detail": [triaged.pk]}
    refused = []
    for who in ("meldpunt", "bemoeizorger", "duo", "teamleider", "consultant", "partner"):
        client = login(users[who])
        seen: set[str] = set()
        for name in PAGES_WITH_BUTTONS:
            response = client.get(reverse(name, args=args.get(name, [])))
            if response.status_code != 200:
                continue
            for url in HREF.findall(response.content.decode()):
                url = html_lib.unescape(url)
                if url in seen or url.startswith(("/static/", "/beheer/")) or url.endswith(".csv"):
                    continue
                seen.add(url)
                if client.get(url).status_code == 403:
                    refused.append((who, name, url))
    assert refused == []
