"""analyze_database leaves planner statistics behind (SQLite: sqlite_stat1 rows)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import MeldingFactory

pytestmark = pytest.mark.django_db


def test_statistics_exist_after_the_command():
    MeldingFactory.create_batch(3)
    out = io.StringIO()
    call_command("analyze_database", stdout=out)
    assert "ANALYZE klaar" in out.getvalue()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'intake_melding'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'intake_melding'")
        assert cursor.fetchone()[0] > 0
