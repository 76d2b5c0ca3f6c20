"""The database triggers that make the access log append-only (see migration
0002), as functions, so the test-only flush (management/commands/flush.py) can
lift and restore them around a test-database reset."""

import importlib

_migration = importlib.import_module("vangnet.audit.migrations.0002_append_only_triggers")

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
