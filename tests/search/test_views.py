"""The search page: POST only carries the query, every result is one logged read, partners are refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vangnet.audit.models import AccessLog

pytestmark = pytest.mark.django_db

URL = "/zoeken/"


def test_url():
    assert reverse("search:results") == URL


def test_get_shows_the_form(sw, users, login):
    response = login(users["meldpunt"]).get(URL)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_header_box_on_staff_pages_not_for_partners(sw, users, login):
    page = login(users["bemoeizorger"]).get("/").content.decode()
    assert '<search class="site-search">' in page and 'for="site-search-q"' in page
    page = login(users["partner"]).get("/", follow=True).content.decode()
    assert "site-search" not in page


@pytest.mark.parametrize("role", ["partner", "beheerder"])
def test_partner_and_beheer_refused_with_a_refusal_row(sw, users, login, role):
    client = login(users[role])
    before = AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count()
    assert client.post(URL, {"q": "Jan de Vries"}).status_code == 403
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == before + 1
    assert not AccessLog.objects.filter(action=AccessLog.Action.READ, user_id=str(users[role].pk)).exists()


def test_results_page_and_one_row_per_result_in_one_insert(sw, users, login):
    client = login(users["teamleider"])
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(URL, {"q": "Jan de Vries"})
    assert response.status_code == 200
    page = response.content.decode()
    assert sw["casus"].reference in page and sw["jan_melding"].reference in page
    rows = list(AccessLog.objects.filter(pk__gt=before).order_by("pk"))
    shown = {("persoon", str(sw["jan"].pk)), ("casus", str(sw["casus"].pk)), ("melding", str(sw["jan_melding"].pk))}
    got = {(r.object_type, r.casus_id if r.object_type == "casus" else r.melding_id or r.person_id) for r in rows}
    assert shown <= got
    assert len(rows) == len(got)  # one row per record
    assert all(r.action == AccessLog.Action.READ and r.reason for r in rows)
    inserts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('INSERT INTO "audit_accesslog"')]
    assert len(inserts) == 1


def test_each_row_has_its_own_basis(sw, users, login):
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    login(users["bemoeizorger"]).post(URL, {"q": "Jan de Vries"})
    reasons = {r.object_type: r.reason for r in AccessLog.objects.filter(pk__gt=before)}
    assert reasons["casus"] == "casuslid"


def test_the_query_is_never_in_the_log(sw, users, login):
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    login(users["teamleider"]).post(URL, {"q": "Johannes de Vries"})
    login(users["teamleider"]).post(URL, {"q": "111222333"})
    rows = list(AccessLog.objects.filter(pk__gt=before))
    assert rows
    for r in rows:
        text = f"{r.detail} {r.reason} {r.path}"
        assert "Johannes" not in text and "Vries" not in text and "111222333" not in text
        assert r.path == URL
    assert {r.detail for r in rows} == {"zoeken (naam of woorden)", "zoeken (bsn)"}


def test_empty_query_is_a_field_error(sw, users, login):
    response = login(users["meldpunt"]).post(URL, {"q": ""})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_overlong_query_is_a_field_error_not_a_500(sw, users, login):
    response = login(users["meldpunt"]).post(URL, {"q": "x" * 5000})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_htmx_answers_the_partial(sw, users, login):
    response = login(users["meldpunt"]).post(URL, {"q": sw["untriaged"].reference}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert 'id="search-results"' in page and "<html" not in page
    assert sw["untriaged"].reference in page


def test_bemoeizorger_page_does_not_show_a_casus_she_is_not_in(sw, users, login):
    page = login(users["bemoeizorger"]).post(URL, {"q": sw["other_casus"].reference}).content.decode()
    assert sw["other_casus"].reference not in page.split('id="search-results"')[1]
    assert "Hendriks" not in page
