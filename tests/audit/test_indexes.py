"""The access log's indexes (issue 17, migration 0008): those of its queries, no
single-column ones (on PostgreSQL each text one had a ``_like`` twin)."""

import pytest
from django.db import connection

from vangnet.audit.models import AccessLog

pytestmark = pytest.mark.django_db

TABLE = AccessLog._meta.db_table
NAMED = {
    "audit_log_person_time": ["person_id", "timestamp", "id"],
    "audit_log_casus_time": ["casus_id", "timestamp", "id"],
    "audit_log_melding_time": ["melding_id", "timestamp", "id"],
    "audit_log_break_glass": ["person_id", "user_id", "timestamp"],
    "audit_log_refusals": ["user_id", "id"],
}


def _constraints():
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, TABLE)


def test_the_query_indexes_exist_and_no_single_column_ones():
    found = _constraints()
    for name, columns in NAMED.items():
        assert found[name]["columns"] == columns, name
    single = sorted(
        info["columns"][0]
        for info in found.values()
        if info["index"] and not info["unique"] and not info["primary_key"] and len(info["columns"]) == 1
    )
    assert single == (["timestamp"] if connection.vendor == "postgresql" else [])  # the BRIN
    assert not [name for name in found if name.endswith("_like")]
    # seq stays unique: the verify and prune walks go by it.
    assert any(info["unique"] and info["columns"] == ["seq"] for info in found.values())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="BRIN is PostgreSQL's")
def test_postgresql_has_a_brin_on_timestamp():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s", [TABLE, "audit_log_time_brin"]
        )
        assert "USING brin" in cursor.fetchone()[0]
