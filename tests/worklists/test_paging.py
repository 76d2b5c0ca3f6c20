"""Mijn casussen and the teambelasting click-through page in SQL: a worker with
many casussen gets 25 open ones a page in worklist order, the counts cover all of
them, and a page costs the same queries with 30 casussen as with 60."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CasusFactory
from vangnet.audit.models import AccessLog
from vangnet.cases.models import Phase

from .conftest import add_attempt, local

pytestmark = pytest.mark.django_db

MY_CASES = reverse("worklists:my_cases")


def open_casussen(ggd, worker, n, *, start_day=1):
    return [
        CasusFactory(organisation=ggd, casusregisseur=worker, opened_at=local(2026, 3, 1 + (start_day + i) % 28, 9, i))
        for i in range(n)
    ]


def test_open_casussen_come_25_a_page_in_order_and_the_counts_cover_all(users, login, ggd, frozen):
    me = users["bemoeizorger"]
    casussen = open_casussen(ggd, me, 30)
    for casus in casussen[:4]:
        add_attempt(casus, local(2026, 5, 6, 9, 0))
    client = login(me)
    first = client.get(MY_CASES)
    second = client.get(MY_CASES, {"lopend": 2})
    shown = [c.pk for c in first.context["open_cases"]] + [c.pk for c in second.context["open_cases"]]
    assert len(first.context["open_cases"]) == 25 and len(second.context["open_cases"]) == 5
    assert sorted(shown) == sorted(c.pk for c in casussen)
    # No attempt yet comes first (their first-attempt deadline counts), then oldest opened.
    with_attempt = {c.pk for c in casussen[:4]}
    assert [pk in with_attempt for pk in shown] == [False] * 26 + [True] * 4
    # All 26 without an attempt are past the norm (opened in March), not only the 25 shown.
    assert first.context["overdue_count"] == 26
    assert 'href="?lopend=2#open"' in first.content.decode()
    # Only what was shown is logged as read.
    logged = AccessLog.objects.filter(detail="werkvoorraad: mijn casussen", user_id=me.pk)
    assert logged.count() == 30


def test_the_closed_list_keeps_its_own_page_parameter(users, login, ggd, frozen):
    me = users["bemoeizorger"]
    open_casussen(ggd, me, 26)
    closed = open_casussen(ggd, me, 27)
    for casus in closed:
        casus.phase = Phase.AFGESLOTEN
        casus.closed_at = local(2026, 4, 1, 9, 0)
        casus.save()
    page = login(me).get(MY_CASES, {"lopend": 2, "pagina": 2})
    assert len(page.context["open_cases"]) == 1 and len(page.context["closed_cases"]) == 2
    html = page.content.decode()
    assert 'href="?lopend=1&amp;pagina=2#open"' in html and 'href="?lopend=2&amp;pagina=1#afgesloten"' in html


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_my_cases_and_home_cost_the_same_queries_with_more_casussen(users, login, ggd, frozen):
    me = users["bemoeizorger"]
    client = login(me)
    open_casussen(ggd, me, 30)
    _queries(client, MY_CASES), _queries(client, reverse("worklists:home"))  # first visit: no "since" yet
    few = (_queries(client, MY_CASES), _queries(client, reverse("worklists:home")))
    open_casussen(ggd, me, 30, start_day=5)
    many = (_queries(client, MY_CASES), _queries(client, reverse("worklists:home")))
    assert many == few


def test_caseload_click_through_pages_every_workers_casussen(users, login, ggd, frozen):
    me = users["bemoeizorger"]
    open_casussen(ggd, me, 55)
    client = login(users["teamleider"])
    url = reverse("worklists:caseload_cases")
    first = client.get(url, {"cijfer": "lopend"})
    assert first.status_code == 200
    second = client.get(url, {"cijfer": "lopend", "pagina": 2})
    shown = [c.pk for c in first.context["casussen"]] + [c.pk for c in second.context["casussen"]]
    assert len(shown) == 55 == len(set(shown))
    assert all(hasattr(c, "attempt_count") for c in first.context["casussen"])
