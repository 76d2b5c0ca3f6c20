"""The database-side local day and 365-day window the indicators group by: exact around the
summer-time changes and outside the years the fast SQLite path covers."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from tests.factories import MeldingFactory
from vangnet.intake.models import Melding
from vangnet.monitor.indicators import DaysBefore, LocalDay, compute_indicators
from vangnet.norms.workdays import local_date

pytestmark = pytest.mark.django_db

MOMENTS = [
    datetime(2026, 3, 28, 23, 30, tzinfo=UTC),  # winter: 00:30 on 29 March
    datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC),  # 01:59:59 just before the change
    datetime(2026, 3, 29, 22, 30, tzinfo=UTC),  # summer: 00:30 on 30 March
    datetime(2026, 10, 24, 22, 30, tzinfo=UTC),  # summer: 00:30 on 25 October
    datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC),  # winter again: 23:59:59 on 25 October
    datetime(2026, 10, 25, 23, 0, tzinfo=UTC),  # 00:00 on 26 October
    datetime(2026, 12, 31, 23, 30, tzinfo=UTC),  # 00:30 on 1 January 2027
    datetime(2019, 7, 1, 22, 30, tzinfo=UTC),  # outside the covered years: Django's own conversion
]


def test_local_day_is_the_local_date():
    for moment in MOMENTS:
        MeldingFactory(received_at=moment)
    days = Melding.objects.annotate(day=LocalDay("received_at", range(2025, 2028))).values_list("received_at", "day")
    assert sorted(day for _at, day in days) == sorted(local_date(moment) for moment in MOMENTS)
    assert all(day == local_date(at) for at, day in days)


def test_local_day_groups():
    for moment in MOMENTS[:3]:
        MeldingFactory(received_at=moment)
    groups = dict(
        Melding.objects.order_by().values_list(LocalDay("received_at", range(2025, 2028))).annotate(n=Count("pk"))
    )
    assert groups == {date(2026, 3, 29): 2, date(2026, 3, 30): 1}


def test_days_before():
    at = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    MeldingFactory(received_at=at)
    shifted = Melding.objects.annotate(earlier=DaysBefore("received_at", 365)).get().earlier
    assert shifted == at - timedelta(days=365)


def _jit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit')")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL setting")
def test_jit_is_off_on_the_connection_and_the_figures_send_no_setting():
    """settings.DATABASES turns JIT off per connection: the figures (whose short lookups it
    made slower) and every page get it without a statement of their own."""
    assert _jit() == "off"
    with CaptureQueriesContext(connection) as ctx:
        compute_indicators(date(2026, 1, 1), date(2026, 1, 31))
    assert not [q for q in ctx.captured_queries if "jit" in q["sql"].lower()]
