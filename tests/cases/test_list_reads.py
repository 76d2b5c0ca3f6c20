"""The casussen list writes the read rows of a page in one insert, each row with its own
basis (member, organisation), so rows of two bases cost the same queries as rows of one;
the page's ids, rows and attempt facts come in one query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.access import policies
from vangnet.audit.models import AccessLog
from vangnet.cases import services

pytestmark = pytest.mark.django_db

URL = reverse("cases:list")


def _page(client, params=None):
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params or {})
    assert response.status_code == 200
    logged = {r.casus_id: r for r in AccessLog.objects.filter(pk__gt=before, action=AccessLog.Action.READ)}
    return len(ctx.captured_queries), response.context["rows"], logged


def _attempt(casus, days_ago):
    return services.log_contact_attempt(
        casus,
        at=timezone.now() - timedelta(days=days_ago),
        type="telefoon",
        result="geen_gehoor",
        workers=[],
        with_police=False,
        note="",
        by=casus.casusregisseur,
    )


def test_rows_of_two_bases_are_one_insert_with_each_rows_basis(users, login, ggd):
    tl = users["teamleider"]
    org_only = [CasusFactory(organisation=ggd, opened_at=timezone.now() - timedelta(days=9)) for _ in range(3)]
    client = login(tl)
    client.get(URL)
    one_basis, rows, logged = _page(client)
    assert {r.reason for r in logged.values()} == {policies.BASIS_ORGANISATION} and len(rows) == 3

    member = CasusFactory(organisation=ggd, members=[tl], opened_at=timezone.now() - timedelta(days=8))
    first, last = _attempt(member, 5), _attempt(member, 2)
    _attempt(org_only[0], 1)
    two_bases, rows, logged = _page(client)
    assert {pk: r.reason for pk, r in logged.items()} == {
        **{str(c.pk): policies.BASIS_ORGANISATION for c in org_only},
        str(member.pk): policies.BASIS_MEMBER,
    }
    assert two_bases == one_basis
    by_pk = {c.pk: c for c in rows}
    assert (by_pk[member.pk].first_attempt_at, by_pk[member.pk].last_attempt_at) == (first.at, last.at)
    assert by_pk[org_only[1].pk].first_attempt_at is None
    # the same facts as the export's grouped query
    from vangnet.cases import filters

    grouped = {c.pk: c for c in filters.rows(filters.page_rows(tl, [c.pk for c in rows]))}
    for casus in rows:
        expected = grouped[casus.pk]
        assert (casus.first_attempt_at, casus.last_attempt_at, casus.first_attempt_status) == (
            expected.first_attempt_at,
            expected.last_attempt_at,
            expected.first_attempt_status,
        )
