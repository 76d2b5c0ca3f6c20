"""The database triggers that make the access log append-only (see migration
0006, which replaced those of 0002), as functions, so the test-only flush
(management/commands/flush.py) can lift and restore them around a
test-database reset. An attacker with owner rights can do the same: the hash
chain (chain.py) is what still shows such a change."""

import importlib

_migration = importlib.import_module("vangnet.audit.migrations.0006_chain_constraints_and_triggers")

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
