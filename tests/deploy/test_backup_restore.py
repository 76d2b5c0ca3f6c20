"""The backup and restore procedure of the README's *Production* section, on PostgreSQL
(issue 18 part 7): data is built, ``deploy/backup-db`` dumps the test database,
``deploy/restore-db`` restores it into a fresh database and runs ``verify_access_log`` there as
the application role. The restore must keep the two roles' rights and the append-only
triggers: checked on the restored database itself."""

import io
import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import MeldingFactory, PersonFactory
from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_access, verify_access_log

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: pg_dump and pg_restore"),
    pytest.mark.django_db(transaction=True),
]


def _url(database, user=None):
    s = connection.settings_dict
    user = user or s["USER"]
    password = f":{s['PASSWORD']}" if s["PASSWORD"] and user == s["USER"] else ""
    return f"postgres://{user}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{database}"


@pytest.fixture
def roles():
    """Unique owner and application roles on the test database (roles are cluster-wide)."""
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"deploy_owner_{suffix}", f"deploy_app_{suffix}"
    call_command("create_db_roles", "--owner", owner, "--app", app, "--execute", stdout=io.StringIO())
    restored = f"deploy_restore_{suffix}"
    try:
        yield owner, app, restored
    finally:
        superuser = connection.settings_dict["USER"]
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
            cursor.execute(f'REASSIGN OWNED BY "{owner}" TO "{superuser}"')
            cursor.execute(f'DROP OWNED BY "{owner}"')
            cursor.execute(f'DROP OWNED BY "{app}"')
            cursor.execute(f'DROP ROLE "{owner}", "{app}"')


def _run(args, **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vangnet.settings_test",
        "PYTHON": str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else "python3",
        **env,
    }
    environment.pop("DEBUG", None)
    return subprocess.run(args, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


def _sqlstate(conninfo, sql):
    with psycopg.connect(conninfo, autocommit=True) as conn:
        try:
            conn.execute(sql)
        except psycopg.Error as error:
            return error.sqlstate
    return None


def test_backup_and_restore_keep_data_roles_triggers_and_a_whole_chain(roles, tmp_path):
    owner, app, restored = roles
    persons = [PersonFactory(surname=f"Backup{n}") for n in range(3)]
    meldingen = [MeldingFactory(person=person) for person in persons]
    for melding in meldingen:
        log_access(None, "R", person=melding.person, melding=melding, object_type="melding", detail="gelezen")
        log_access(None, "U", melding=melding, object_type="melding", detail="gewijzigd")
    rows = AccessLog.objects.count()
    assert rows >= 6 and verify_access_log().ok
    source = connection.settings_dict["NAME"]

    dump = tmp_path / "vangnet.dump"
    backup = _run([str(ROOT / "deploy" / "backup-db"), str(dump)], BACKUP_DATABASE_URL=_url(source))
    assert backup.returncode == 0, backup.stderr
    assert dump.stat().st_size > 0 and oct(dump.stat().st_mode & 0o777) == "0o600"

    restore = _run(
        [str(ROOT / "deploy" / "restore-db"), str(dump), restored],
        SUPERUSER_DATABASE_URL=_url("postgres"),
        VANGNET_DB_OWNER=owner,
        VANGNET_DB_APP=app,
    )
    assert restore.returncode == 0, restore.stdout + restore.stderr
    # verify_access_log ran on the restore, as the application role, and found every row.
    assert f"OK, {rows} rijen" in restore.stdout

    with psycopg.connect(_url(restored), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM audit_accesslog").fetchone() == (rows,)
        assert conn.execute("SELECT count(*) FROM intake_melding").fetchone() == (len(meldingen),)
        assert conn.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_accesslog'").fetchone() == (
            owner,
        )
        triggers = {
            name
            for (name,) in conn.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_accesslog'::regclass AND NOT tgisinternal"
            )
        }
        assert "audit_accesslog_no_update_delete" in triggers
        assert conn.execute(
            "SELECT has_table_privilege(%s, 'audit_accesslog', 'UPDATE'),"
            " has_table_privilege(%s, 'audit_accesslog', 'INSERT'),"
            " has_table_privilege(%s, 'intake_melding', 'UPDATE')",
            [app, app, app],
        ).fetchone() == (False, True, True)
    # The application role is refused by its rights, even a superuser by the triggers.
    assert _sqlstate(_url(restored, app), "UPDATE audit_accesslog SET reason = 'x'") == "42501"
    assert _sqlstate(_url(restored, app), "DELETE FROM audit_accesslog") == "42501"
    assert _sqlstate(_url(restored), "UPDATE audit_accesslog SET reason = 'x'") == "P0001"
    assert _sqlstate(_url(restored), "DELETE FROM audit_accesslog") == "P0001"


def test_restore_refuses_an_existing_database(roles, tmp_path):
    """A restore never writes into a live database: the target must be new."""
    owner, app, _ = roles
    dump = tmp_path / "vangnet.dump"
    assert (
        _run(
            [str(ROOT / "deploy" / "backup-db"), str(dump)], BACKUP_DATABASE_URL=_url(connection.settings_dict["NAME"])
        ).returncode
        == 0
    )
    restore = _run(
        [str(ROOT / "deploy" / "restore-db"), str(dump), connection.settings_dict["NAME"]],
        SUPERUSER_DATABASE_URL=_url("postgres"),
        VANGNET_DB_OWNER=owner,
        VANGNET_DB_APP=app,
    )
    assert restore.returncode != 0 and "already exists" in restore.stderr
