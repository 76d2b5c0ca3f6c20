"""Issue 17: the monitor page's queries do not grow with the teams offered as a filter
(each team's label names its organisation: fetched with the team)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import verified_client
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


def _queries(client):
    client.get(reverse("monitor:home"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("monitor:home"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_teams(users, ggd):
    client = verified_client(users["teamleider"])
    TeamFactory(organisation=ggd, name="Team 1")
    few = _queries(client)
    for i in range(2, 8):
        TeamFactory(organisation=ggd, name=f"Team {i}")
    assert _queries(client) == few
