"""The audit migrations cannot be reversed, and an upgraded database (rows
written before the hash chain existed) verifies."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from vangnet.audit.migration_ops import RefuseReverse
from vangnet.audit.models import AccessLog

from .conftest import TABLE


def _applied():
    return set(MigrationRecorder(connection).applied_migrations()) & set(MigrationLoader(connection).graph.nodes)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("target", ["zero", "0005", "0003_refused_action", "0001"])
def test_backward_migrate_of_audit_is_refused(target):
    row = AccessLog.objects.create(user_id="1", action="R")
    applied = _applied()
    with pytest.raises(IrreversibleError, match="kunnen niet worden teruggedraaid"):
        call_command("migrate", "audit", target, interactive=False, verbosity=0)
    assert _applied() == applied
    # Nothing was undone: triggers and chain are still there.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [row.pk])
    assert AccessLog.objects.get(pk=row.pk).seq == 1


def test_every_chain_migration_starts_by_refusing_reverse():
    """So a future audit migration cannot be the first way back."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    names = sorted(name for app, name in loader.disk_migrations if app == "audit")
    assert names[-1] >= "0006"
    for name in names:
        if name >= "0004":
            assert isinstance(loader.disk_migrations["audit", name].operations[0], RefuseReverse), name


OLD_ROWS = [
    ("2026-01-05 10:00:00.123456", "3", "meldpunt", "R", "casuslid", "2001:DB8::1"),
    ("2026-02-06 11:30:00", "4", "bemoeizorger", "C", "", None),
    ("2026-03-07 12:00:00.5", "3", "meldpunt", "G", "geen toegang", "192.0.2.5"),
]


def _manage(database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "vangnet.settings_test"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _upgrade_and_verify(database_url, insert_old_rows):
    assert _manage(database_url, "migrate", "audit", "0003", "-v0").returncode == 0
    insert_old_rows()
    migrated = _manage(database_url, "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    ok = _manage(database_url, "verify_access_log")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("OK, 3 rijen, kop ")
    return ok


OLD_INSERT = (
    f"INSERT INTO {TABLE} (timestamp, user_id, username, role, organisation, action, person_id, casus_id,"
    " melding_id, object_type, detail, reason, break_glass, ip_address, path)"
    " VALUES (%s, %s, %s, '', 'GGD', %s, '', '', '', 'persoon', '', %s, false, %s, '/p/')"
)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite upgrade runs in the SQLite run")
def test_upgraded_sqlite_database_verifies(tmp_path: Path):
    db = tmp_path / "upgrade.sqlite3"

    def insert_old_rows():
        with sqlite3.connect(db) as raw:
            raw.executemany(OLD_INSERT.replace("%s", "?"), OLD_ROWS)

    _upgrade_and_verify(f"sqlite:///{db}", insert_old_rows)
    with sqlite3.connect(db) as raw:
        # ...and the chain was made in id order, and still catches a change.
        assert [r[0] for r in raw.execute(f"SELECT seq FROM {TABLE} ORDER BY id")] == [1, 2, 3]
        raw.execute("DROP TRIGGER audit_accesslog_no_update")
        raw.execute(f"UPDATE {TABLE} SET reason = 'anders' WHERE seq = 2")
    broken = _manage(f"sqlite:///{db}", "verify_access_log")
    assert broken.returncode == 1 and "seq 2" in broken.stderr


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL upgrade runs in the PostgreSQL run")
def test_upgraded_postgresql_database_verifies():
    import psycopg

    params = connection.get_connection_params()
    server = {k: v for k, v in params.items() if k in ("host", "port", "user", "password")}
    name = f"h2audit_upgrade_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://{server['user']}@{server.get('host', '127.0.0.1')}:{server.get('port', 5432)}/{name}"

        def insert_old_rows():
            with psycopg.connect(dbname=name, **server) as raw:
                for r in OLD_ROWS:
                    raw.execute(OLD_INSERT, r)

        _upgrade_and_verify(url, insert_old_rows)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
