"""The database triggers that make the access log append-only (migration 0006,
with the guarded DELETE and the checkpoint triggers of 0007), as functions, so
the test-only flush (management/commands/flush.py) can lift and restore them
around a test-database reset. An attacker with owner rights can do the same:
the hash chain (chain.py) is what still shows such a change.

Tests that need rows older than the access log's term lift them too, to append
rows with an old timestamp (tests/audit/conftest.py ``old_rows``)."""

import importlib

_migration = importlib.import_module("vangnet.audit.migrations.0007_checkpoints")

CREATE = {"sqlite": _migration.SQLITE, "postgresql": _migration.POSTGRES}
DROP = {"sqlite": _migration.SQLITE_REVERSE, "postgresql": _migration.POSTGRES_REVERSE}


def _execute(connection, statements_by_vendor) -> None:
    statements = statements_by_vendor.get(connection.vendor, [])
    if not statements:
        return
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def drop_triggers(connection) -> None:
    _execute(connection, DROP)


def create_triggers(connection) -> None:
    _execute(connection, CREATE)
