"""PostgreSQL only: concurrent writers keep one unbroken chain, and the
application role cannot rewrite the access log (privileges, not only triggers)."""

import threading
import uuid

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction
from django.db.backends.postgresql.base import DatabaseWrapper

from vangnet.audit import chain
from vangnet.audit.models import AccessLog, AccessLogChainHead
from vangnet.audit.services import log_access, log_list_access, verify_access_log

from .conftest import TABLE

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]

WRITERS, ROWS_EACH = 6, 15


def test_concurrent_writers_make_one_unbroken_chain():
    from tests.factories import PersonFactory

    persons = [PersonFactory(), PersonFactory()]
    start, errors = threading.Barrier(WRITERS), []

    def writer(n):
        try:
            start.wait()
            for i in range(ROWS_EACH):
                if i % 5 == 4:
                    log_list_access(None, persons=persons, detail=f"lijst {n}")
                else:
                    log_access(None, "R", object_type="persoon", detail=f"schrijver {n} rij {i}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own real connection

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    expected = WRITERS * (ROWS_EACH - ROWS_EACH // 5 + 2 * (ROWS_EACH // 5))
    assert AccessLog.objects.count() == expected
    assert list(AccessLog.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, expected + 1))
    result = verify_access_log()
    assert result.ok and result.count == expected
    # ids and timestamps follow the chain order: the lock is taken before either.
    rows = list(AccessLog.objects.order_by("seq").values_list("id", "timestamp"))
    assert rows == sorted(rows)


@pytest.fixture
def db_roles():
    """Unique owner and app roles (roles are cluster-wide), dropped afterwards."""
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"h2audit_owner_{suffix}", f"h2audit_app_{suffix}"
    superuser = connection.settings_dict["USER"]
    call_command("create_db_roles", "--owner", owner, "--app", app, "--execute", stdout=__import__("io").StringIO())
    wrapper = DatabaseWrapper({**connection.settings_dict, "USER": app, "PASSWORD": ""}, alias="h2audit_app")
    connections["h2audit_app"] = wrapper
    try:
        yield owner, app
    finally:
        wrapper.close()
        del connections["h2audit_app"]
        with connection.cursor() as cursor:
            cursor.execute(f'REASSIGN OWNED BY "{owner}" TO "{superuser}"')
            cursor.execute(f'DROP OWNED BY "{owner}"')  # one at a time: the default ACLs name both
            cursor.execute(f'DROP OWNED BY "{app}"')
            cursor.execute(f'DROP ROLE "{owner}", "{app}"')


def _privilege_error(sql, alias="h2audit_app"):
    with pytest.raises(DatabaseError) as caught:
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.execute(sql)
    # 42501 insufficient_privilege: the role lacks the right; the triggers say P0001.
    assert getattr(caught.value.__cause__, "sqlstate", None) == "42501", caught.value
    return str(caught.value)


def test_app_role_may_only_select_and_insert_on_the_access_log(db_roles):
    owner, app = db_roles
    AccessLog.objects.create(user_id="1", action="R", reason="eerste")
    with connections["h2audit_app"].cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == app
    # INSERT works, through the real chain code (head UPDATE, sequence, clock).
    chain.append([AccessLog(user_id="2", action="R", reason="als app")], using="h2audit_app")
    assert AccessLog.objects.get(reason="als app").seq == 2
    # Normal DML on the other tables.
    with connections["h2audit_app"].cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET last_login = last_login WHERE false")
        cursor.execute("SELECT count(*) FROM audit_accesslog")
    assert "permission denied" in _privilege_error(f"UPDATE {TABLE} SET reason = 'x'")
    _privilege_error(f"DELETE FROM {TABLE}")
    _privilege_error(f"TRUNCATE {TABLE}")
    assert "must be owner" in _privilege_error(f"DROP TABLE {TABLE}")
    _privilege_error(f"ALTER TABLE {TABLE} DISABLE TRIGGER ALL")
    _privilege_error(f"DROP TRIGGER audit_accesslog_no_update_delete ON {TABLE}")
    _privilege_error(f"DELETE FROM {AccessLogChainHead._meta.db_table}")
    _privilege_error("CREATE TABLE sneaky (id int)")
    assert verify_access_log().ok


def test_app_role_keeps_no_write_rights_even_without_triggers(db_roles):
    """The privilege alone stops it: with the triggers lifted the app role is still refused."""
    from vangnet.audit.triggers import create_triggers, drop_triggers

    AccessLog.objects.create(user_id="1", action="R", reason="eerste")
    drop_triggers(connection)
    try:
        _privilege_error(f"UPDATE {TABLE} SET reason = 'x'")
        _privilege_error(f"DELETE FROM {TABLE}")
        _privilege_error(f"TRUNCATE {TABLE}")
    finally:
        create_triggers(connection)
    assert AccessLog.objects.get().reason == "eerste"


def test_create_db_roles_is_idempotent_and_tables_go_to_the_owner(db_roles):
    owner, app = db_roles
    call_command("create_db_roles", "--owner", owner, "--app", app, "--execute", stdout=__import__("io").StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = %s", [TABLE])
        assert cursor.fetchone()[0] == owner
        cursor.execute(
            "SELECT has_table_privilege(%s, %s, 'UPDATE'), has_table_privilege(%s, %s, 'INSERT'),"
            " has_table_privilege(%s, 'audit_accesslogchainhead', 'UPDATE')",
            [app, TABLE, app, TABLE, app],
        )
        assert cursor.fetchone() == (False, True, True)
        # A table a future migration creates (as the owner) is usable by the app role.
        cursor.execute(f'SET ROLE "{owner}"')
        cursor.execute("CREATE TABLE h2audit_future (id int)")
        cursor.execute("RESET ROLE")
        cursor.execute("SELECT has_table_privilege(%s, 'h2audit_future', 'DELETE')", [app])
        assert cursor.fetchone()[0] is True
        cursor.execute("DROP TABLE h2audit_future")


def test_create_db_roles_prints_sql_and_refuses_odd_names():
    from io import StringIO

    from django.core.management.base import CommandError

    out = StringIO()
    call_command("create_db_roles", stdout=out)
    assert "ALTER DEFAULT PRIVILEGES" in out.getvalue() and "vangnet_app" in out.getvalue()
    with pytest.raises(CommandError, match="Ongeldige rolnaam"):
        call_command("create_db_roles", "--app", 'x"; DROP TABLE y; --', stdout=StringIO())


# --- the access log's term (issue 16): pruning as the application role ----------------------


def test_app_role_prunes_only_through_the_owner_function(db_roles):
    """The application role has no DELETE on the log; it removes old rows only through
    audit_accesslog_prune (SECURITY DEFINER, owned by the owner), and only up to a
    checkpoint; it cannot change or remove checkpoints."""
    from datetime import UTC, datetime

    from dateutil.relativedelta import relativedelta

    from vangnet.audit.models import AccessLogCheckpoint

    from .conftest import append_old_rows

    owner, app = db_roles
    old = append_old_rows(datetime.now(UTC) - relativedelta(years=6), 3)
    AccessLog.objects.create(user_id="1", action="R", reason="jong")
    with connection.cursor() as cursor:
        cursor.execute("SELECT proowner::regrole::text, prosecdef FROM pg_proc WHERE proname = 'audit_accesslog_prune'")
        assert cursor.fetchone() == (owner, True)
        cursor.execute(
            "SELECT has_function_privilege(%s, 'audit_accesslog_prune(bigint)', 'EXECUTE'),"
            " has_function_privilege('public', 'audit_accesslog_prune(bigint)', 'EXECUTE'),"
            " has_table_privilege(%s, 'audit_accesslogcheckpoint', 'INSERT'),"
            " has_table_privilege(%s, 'audit_accesslogcheckpoint', 'UPDATE'),"
            " has_table_privilege(%s, 'audit_accesslogcheckpoint', 'DELETE')",
            [app, app, app, app],
        )
        assert cursor.fetchone() == (True, False, True, False, False)
    _privilege_error(f"DELETE FROM {TABLE} WHERE seq = 1")
    _privilege_error("UPDATE audit_accesslogcheckpoint SET hash = 'x'")
    _privilege_error("DELETE FROM audit_accesslogcheckpoint")
    _privilege_error("TRUNCATE audit_accesslogcheckpoint")
    # Without a checkpoint the function refuses; with one, it removes exactly up to it.
    with pytest.raises(DatabaseError, match="checkpoint"):
        with transaction.atomic(using="h2audit_app"), connections["h2audit_app"].cursor() as cursor:
            cursor.execute("SELECT audit_accesslog_prune(2)")
    checkpoint = AccessLogCheckpoint(
        seq=old[1].seq, hash=old[1].hash, timestamp=old[1].timestamp, made_at=old[1].timestamp, rows_removed=2
    )
    with transaction.atomic(using="h2audit_app"):
        checkpoint.save(using="h2audit_app")
        with connections["h2audit_app"].cursor() as cursor:
            cursor.execute("SELECT audit_accesslog_prune(2)")
            assert cursor.fetchone()[0] == 2
    assert list(AccessLog.objects.order_by("seq").values_list("seq", flat=True)) == [3, 4]
    # The links hold, but a prune by hand (not through the service) wrote no removal row: flagged.
    assert "geen verwijderregel" in verify_access_log().problem
    # The row after the checkpoint stays, also through the function.
    with pytest.raises(DatabaseError, match="checkpoint"):
        with transaction.atomic(using="h2audit_app"), connections["h2audit_app"].cursor() as cursor:
            cursor.execute("SELECT audit_accesslog_prune(3)")
    assert AccessLog.objects.count() == 2


def test_prune_service_runs_on_postgresql_and_the_chain_verifies():
    from datetime import UTC, datetime

    from dateutil.relativedelta import relativedelta

    from vangnet.audit.services import prune_access_log

    from .conftest import append_old_rows

    append_old_rows(datetime.now(UTC) - relativedelta(years=7), 4)
    AccessLog.objects.create(user_id="1", action="R", reason="jong")
    result = prune_access_log()
    assert result.log_row is not None
    assert (result.rows_removed, result.last_seq, result.log_row.seq) == (4, 4, 6)
    assert verify_access_log().ok and verify_access_log().checkpoint_seq == 4
