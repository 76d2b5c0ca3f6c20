"""The access log's own term (issue 16 part 3): rows older than
VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN (at least 5 years, NEN 7513) are removed
behind a checkpoint, the chain still verifies, and the database refuses every
other delete. Old rows are made with conftest.append_old_rows (triggers lifted,
chain clock patched); the database's own clock, used by the triggers, is real."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tests.factories import UserFactory
from vangnet.accounts.roles import Role
from vangnet.audit import chain
from vangnet.audit.models import AccessLog, AccessLogCheckpoint, AppendOnlyError
from vangnet.audit.services import log_access, prune_access_log, verify_access_log

from .conftest import TABLE
from .test_chain import verify_command

pytestmark = pytest.mark.django_db

CHECKPOINTS = AccessLogCheckpoint._meta.db_table


def years_ago(years, days=0):
    return datetime.now(UTC) - relativedelta(years=years) - timedelta(days=days)


def young(n=2):
    return [log_access(None, "R", object_type="persoon", detail=f"jong {i}", reason="casuslid") for i in range(n)]


def make_pruned(old_rows, capture_on_commit):
    """Five rows past the term (7 and 6 years old), two young ones, then a prune."""
    old = old_rows(years_ago(7), 3) + old_rows(years_ago(6), 2)
    kept = young(2)
    with capture_on_commit(execute=True):
        result = prune_access_log()
    return old, kept, result


@pytest.fixture
def pruned(old_rows, django_capture_on_commit_callbacks):
    return make_pruned(old_rows, django_capture_on_commit_callbacks)


def assert_db_refuses(sql, params=(), match="append-only"):
    with pytest.raises(DatabaseError, match=match), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- what goes and what stays --------------------------------------------------------


def test_rows_older_than_the_term_are_removed_and_the_chain_verifies(
    old_rows, django_capture_on_commit_callbacks, security_log
):
    old, _kept, result = make_pruned(old_rows, django_capture_on_commit_callbacks)
    assert (result.rows_removed, result.first_seq, result.last_seq, result.years) == (5, 1, 5, 5)
    assert not AccessLog.objects.filter(seq__lte=5).exists()
    assert list(AccessLog.objects.order_by("seq").values_list("seq", flat=True)) == [6, 7, 8]
    checkpoint = AccessLogCheckpoint.objects.get()
    assert (checkpoint.seq, checkpoint.hash, checkpoint.timestamp) == (5, old[-1].hash, old[-1].timestamp)
    assert checkpoint.rows_removed == 5
    assert AccessLog.objects.get(seq=6).prev_hash == checkpoint.hash
    # One access-log row records the removal: who (the system), a count and the checkpoint, no content.
    row = result.log_row
    assert (row.seq, row.action, row.object_type, row.user_id) == (8, "D", "toegangslog", "systeem")
    assert row.detail == f"controlepunt 5:{checkpoint.hash}; 5 rijen ouder dan 5 jaar verwijderd"
    assert row.person_id == row.casus_id == row.melding_id == ""
    # ...and a copy of the checkpoint outside the database.
    copy = [e for e in security_log() if e["event"] == "access_log_checkpoint"]
    assert len(copy) == 1
    assert {"seq": 5, "hash": checkpoint.hash, "rows_removed": 5, "log_seq": 8}.items() <= copy[0].items()
    assert copy[0]["row_timestamp"] == checkpoint.timestamp.isoformat()
    verification = verify_access_log()
    assert verification.ok and verification.count == 3 and verification.checkpoint_seq == 5
    assert verify_command() == (0, f"OK, 3 rijen (vanaf controlepunt 5), kop {row.hash}")


def test_rows_younger_than_the_term_stay(old_rows):
    old_rows(years_ago(4, days=360), 2)  # four years and almost a year: not yet five
    young(1)
    result = prune_access_log()
    assert result.rows_removed == 0 and result.log_row is None
    assert AccessLog.objects.count() == 3 and not AccessLogCheckpoint.objects.exists()
    assert verify_access_log().ok


def test_a_longer_term_keeps_more(old_rows, settings):
    settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = 10
    old_rows(years_ago(11), 2)
    old_rows(years_ago(7), 2)
    result = prune_access_log()
    assert (result.rows_removed, result.last_seq, result.years) == (2, 2, 10)
    assert AccessLog.objects.filter(seq__in=[3, 4]).count() == 2
    assert result.log_row is not None and "ouder dan 10 jaar" in result.log_row.detail
    assert verify_access_log().ok


def test_an_old_row_after_a_young_one_stays(old_rows):
    """What goes is a run of whole seq numbers from the start: the chain has no holes."""
    old_rows(years_ago(8), 2)
    young(1)
    old_rows(years_ago(8), 1)  # a clock that went back: old, but after a young row
    result = prune_access_log()
    assert result.last_seq == 2
    assert AccessLog.objects.filter(seq=4).exists()
    assert verify_access_log().ok


def test_a_second_prune_continues_from_the_first_checkpoint(old_rows, settings):
    settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = 8
    old_rows(years_ago(9), 2)
    old_rows(years_ago(7), 3)
    assert prune_access_log().last_seq == 2
    settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = 5
    second = prune_access_log()
    assert (second.first_seq, second.last_seq, second.rows_removed) == (3, 5, 3)
    assert list(AccessLogCheckpoint.objects.order_by("seq").values_list("seq", flat=True)) == [2, 5]
    # The first prune's own row (seq 6) is young and stays; the chain runs from checkpoint 5.
    assert list(AccessLog.objects.order_by("seq").values_list("seq", flat=True)) == [6, 7]
    assert verify_access_log().ok and verify_access_log().checkpoint_seq == 5


def test_dry_run_reports_and_changes_nothing(old_rows):
    old = old_rows(years_ago(6), 3)
    young(1)
    out = StringIO()
    call_command("prune_access_log", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Zou verwijderen: 3 rijen, volgnummer 1 t/m 3" in text and f"controlepunt 3:{old[-1].hash}" in text
    assert "niets veranderd" in text
    assert AccessLog.objects.count() == 4 and not AccessLogCheckpoint.objects.exists()
    result = prune_access_log(dry_run=True)
    assert (result.dry_run, result.rows_removed, result.checkpoint, result.log_row) == (True, 3, None, None)


def test_command_and_task_prune(old_rows):
    from vangnet.audit.tasks import prune_access_log as task

    old_rows(years_ago(6), 2)
    out = StringIO()
    call_command("prune_access_log", stdout=out)
    assert "Verwijderd: 2 rijen, volgnummer 1 t/m 2" in out.getvalue()
    assert "volgnummer 3" in out.getvalue()  # the removal's own row
    out = StringIO()
    call_command("prune_access_log", stdout=out)
    assert "Niets ouder dan de bewaartermijn" in out.getvalue()
    old_rows(years_ago(6), 1)  # (an old row appended later: stays, it follows a young row)
    assert task.enqueue().return_value == 0
    assert verify_access_log().ok


def test_the_privacy_officer_may_prune_others_may_not(old_rows):
    old_rows(years_ago(6), 2)
    for role in (Role.BEHEERDER, Role.TEAMLEIDER, Role.BEMOEIZORGER):
        with pytest.raises(PermissionDenied):
            prune_access_log(by=UserFactory(role=role))
    assert AccessLog.objects.count() == 2 and not AccessLogCheckpoint.objects.exists()
    officer = UserFactory(role=Role.PRIVACY)
    result = prune_access_log(by=officer)
    assert result.log_row is not None and result.rows_removed == 2
    assert result.log_row.user_id == str(officer.pk)


def test_a_term_below_five_years_fails_the_system_check(settings):
    from vangnet.audit.checks import check_access_log_term

    assert check_access_log_term() == []
    settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = 4
    errors = check_access_log_term()
    assert [e.id for e in errors] == ["vangnet.audit.E001"] and "NEN 7513" in errors[0].msg


def test_the_check_is_registered_and_the_trigger_has_the_same_floor(settings):
    import importlib

    from django.core import checks

    from vangnet.audit.checks import NEN_7513_MINIMUM_YEARS, check_access_log_term

    migration = importlib.import_module("vangnet.audit.migrations.0007_checkpoints")
    assert migration.LEGAL_FLOOR_YEARS == NEN_7513_MINIMUM_YEARS == 5
    assert check_access_log_term in checks.registry.registry.get_checks()
    assert not [e for e in checks.run_checks(tags=["vangnet"]) if e.id == "vangnet.audit.E001"]
    settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = 2
    assert [e.id for e in checks.run_checks(tags=["vangnet"]) if e.id == "vangnet.audit.E001"] == ["vangnet.audit.E001"]


def test_create_db_roles_grants_the_prune_function_to_the_app_role():
    from vangnet.audit.db_roles import role_statements

    sql = "\n".join(role_statements("vangnet", app="vangnet_app"))
    assert 'GRANT EXECUTE ON FUNCTION audit_accesslog_prune(bigint) TO "vangnet_app"' in sql
    assert "REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_accesslogcheckpoint" in sql


def test_the_trigger_keeps_five_years_even_if_the_setting_says_less(old_rows, settings):
    """The check stops start-up; should it be skipped, the database still refuses."""
    settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = 4
    old_rows(years_ago(4, days=200), 2)
    with pytest.raises(DatabaseError, match="after 5 years"):
        prune_access_log()
    assert AccessLog.objects.count() == 2 and not AccessLogCheckpoint.objects.exists()


# --- the database refuses every other delete ---------------------------------------------


def test_delete_of_an_old_row_without_checkpoint_is_refused(old_rows):
    old = old_rows(years_ago(7), 2)
    assert_db_refuses(f"DELETE FROM {TABLE} WHERE seq = %s", [old[0].seq])
    assert AccessLog.objects.count() == 2


def test_delete_after_the_checkpoint_is_refused(pruned):
    _old, kept, _result = pruned
    assert_db_refuses(f"DELETE FROM {TABLE} WHERE seq = %s", [kept[0].seq])
    assert_db_refuses(f"DELETE FROM {TABLE}")
    assert AccessLog.objects.count() == 3


def test_delete_of_a_young_row_is_refused_even_under_a_checkpoint():
    """A checkpoint may name any row, but the 5 years are hard-coded in the trigger."""
    rows = young(3)
    AccessLogCheckpoint.objects.create(
        seq=rows[1].seq, hash=rows[1].hash, timestamp=rows[1].timestamp, made_at=rows[1].timestamp, rows_removed=2
    )
    assert_db_refuses(f"DELETE FROM {TABLE} WHERE seq <= %s", [rows[1].seq], match="after 5 years")
    assert AccessLog.objects.count() == 3


def test_delete_of_an_old_row_under_the_checkpoint_is_let_through(old_rows):
    """The trigger allows exactly what the service does (on PostgreSQL the service goes
    through audit_accesslog_prune; this raw delete runs as the owner in the tests)."""
    old = old_rows(years_ago(6), 2)
    AccessLogCheckpoint.objects.create(
        seq=old[0].seq, hash=old[0].hash, timestamp=old[0].timestamp, made_at=old[0].timestamp, rows_removed=1
    )
    assert_db_refuses(f"DELETE FROM {TABLE} WHERE seq = %s", [old[1].seq], match="checkpoint")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq = %s", [old[0].seq])
    assert list(AccessLog.objects.values_list("seq", flat=True)) == [old[1].seq]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the prune function exists on PostgreSQL only")
def test_prune_function_refuses_beyond_the_checkpoint(pruned):
    _old, kept, _result = pruned
    assert_db_refuses("SELECT audit_accesslog_prune(%s)", [kept[0].seq])
    assert AccessLog.objects.count() == 3


# --- checkpoints are append-only and must match their row ---------------------------------


def test_a_checkpoint_with_a_wrong_hash_timestamp_or_seq_is_refused(old_rows):
    old = old_rows(years_ago(6), 2)
    row = old[0]
    for values in (
        {"seq": row.seq, "hash": "f" * 64, "timestamp": row.timestamp},
        {"seq": row.seq, "hash": row.hash, "timestamp": row.timestamp - timedelta(seconds=1)},
        {"seq": 99, "hash": row.hash, "timestamp": row.timestamp},
    ):
        with pytest.raises(DatabaseError, match="checkpoint"), transaction.atomic():
            AccessLogCheckpoint.objects.create(made_at=row.timestamp, rows_removed=1, **values)
    assert not AccessLogCheckpoint.objects.exists()
    second = old[1]
    AccessLogCheckpoint.objects.create(
        seq=second.seq, hash=second.hash, timestamp=second.timestamp, made_at=second.timestamp, rows_removed=2
    )
    # Not below (or at) an earlier checkpoint either.
    with pytest.raises(DatabaseError, match="checkpoint"), transaction.atomic():
        AccessLogCheckpoint.objects.create(
            seq=row.seq, hash=row.hash, timestamp=row.timestamp, made_at=row.timestamp, rows_removed=1
        )
    assert AccessLogCheckpoint.objects.count() == 1


def test_checkpoints_cannot_be_changed_or_removed(pruned):
    checkpoint = AccessLogCheckpoint.objects.get()
    with pytest.raises(AppendOnlyError):
        checkpoint.save()
    with pytest.raises(AppendOnlyError):
        checkpoint.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogCheckpoint.objects.update(rows_removed=0)
    with pytest.raises(AppendOnlyError):
        AccessLogCheckpoint.objects.all().delete()
    assert_db_refuses(f"UPDATE {CHECKPOINTS} SET hash = %s", ["0" * 64])
    assert_db_refuses(f"DELETE FROM {CHECKPOINTS}")
    if connection.vendor == "postgresql":
        assert_db_refuses(f"TRUNCATE {CHECKPOINTS}")
    if connection.vendor == "sqlite":
        assert_db_refuses(
            f"INSERT OR REPLACE INTO {CHECKPOINTS} (id, seq, hash, timestamp, made_at, rows_removed)"
            " SELECT %s, seq, hash, timestamp, timestamp, 0 FROM audit_accesslog WHERE seq = 7",
            [checkpoint.pk],
            match="checkpoint",
        )
    assert AccessLogCheckpoint.objects.get().hash == checkpoint.hash


# --- tampering after pruning is found ---------------------------------------------------------


def test_altered_checkpoint_hash_is_found(pruned, attacker):
    attacker.sql(f"UPDATE {CHECKPOINTS} SET hash = %s", ["a" * 64])
    code, message = verify_command()
    assert code == 1 and "sluit niet aan op controlepunt 5" in message


def test_altered_checkpoint_seq_is_found(pruned, attacker):
    attacker.sql(f"UPDATE {CHECKPOINTS} SET seq = 3")
    result = verify_access_log()
    assert not result.ok and "volgnummer 4 t/m 5 ontbreken" in result.problem


def test_checkpoint_moved_forward_over_remaining_rows_is_found(pruned, attacker):
    row = AccessLog.objects.get(seq=6)
    attacker.sql(f"UPDATE {CHECKPOINTS} SET seq = 6, hash = %s, timestamp = %s", [row.hash, row.timestamp])
    result = verify_access_log()
    assert not result.ok and "valt onder controlepunt 6" in result.problem


def test_removed_checkpoint_is_found(pruned, attacker):
    attacker.sql(f"DELETE FROM {CHECKPOINTS}")
    code, message = verify_command()
    assert code == 1 and "1 t/m 5 ontbreken en geen controlepunt dekt ze" in message


def test_removed_older_checkpoint_is_found_through_its_removal_row(old_rows, settings, attacker):
    settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = 8
    old_rows(years_ago(9), 2)
    old_rows(years_ago(7), 2)
    first = prune_access_log()
    settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN = 5
    prune_access_log()
    attacker.sql(f"DELETE FROM {CHECKPOINTS} WHERE seq = %s", [first.last_seq])
    result = verify_access_log()
    assert first.log_row is not None
    assert not result.ok and result.seq == first.log_row.seq
    assert "maar dat controlepunt ontbreekt of is gewijzigd" in result.problem


def test_checkpoint_inserted_by_hand_to_hide_removed_rows_is_found(pruned, attacker):
    """Someone deletes young rows and slips in a checkpoint that matches the last of them:
    the links hold, but no removal row in the chain names that checkpoint."""
    row = AccessLog.objects.get(seq=7)
    attacker.sql(f"DELETE FROM {TABLE} WHERE seq IN (6, 7)")
    attacker.sql(
        f"INSERT INTO {CHECKPOINTS} (seq, hash, timestamp, made_at, rows_removed) VALUES (%s, %s, %s, %s, 2)",
        [row.seq, row.hash, row.timestamp, row.timestamp],
    )
    code, message = verify_command()
    assert code == 1 and "controlepunt 7 wordt door geen verwijderregel" in message


def test_missing_row_after_the_checkpoint_is_found(pruned, attacker):
    attacker.sql(f"DELETE FROM {TABLE} WHERE seq = 6")
    result = verify_access_log()
    assert not result.ok and "volgnummer 6 t/m 6 ontbreken" in result.problem


def test_altered_row_after_pruning_is_found(pruned, attacker):
    attacker.sql(f"UPDATE {TABLE} SET reason = 'ander doel' WHERE seq = 7")
    result = verify_access_log()
    assert not result.ok and result.seq == 7 and "gewijzigd" in result.problem


def test_rewritten_checkpoint_and_first_link_are_found(pruned, attacker):
    """A forger who changes the checkpoint and the first row's prev_hash alike breaks that row's hash."""
    attacker.sql(f"UPDATE {CHECKPOINTS} SET hash = %s", ["b" * 64])
    attacker.sql(f"UPDATE {TABLE} SET prev_hash = %s WHERE seq = 6", ["b" * 64])
    result = verify_access_log()
    assert not result.ok and result.seq == 6


# --- a head copied before the prune -------------------------------------------------------------


def test_a_head_at_the_checkpoint_is_proven_by_it(old_rows, django_capture_on_commit_callbacks):
    old_rows(years_ago(7), 3)
    head = chain.current_head()  # e.g. the daily copy in the security log, 7 years ago
    young(1)
    prune_access_log()
    assert AccessLogCheckpoint.objects.get().seq == head[0]
    assert verify_command("--kop", f"{head[0]}:{head[1]}")[0] == 0
    code, message = verify_command("--kop", f"{head[0]}:{'c' * 64}")
    assert code == 1 and "komt niet voor in de keten" in message


def test_a_head_before_the_checkpoint_is_reported_not_failed(old_rows):
    old_rows(years_ago(7), 2)
    head = chain.current_head()
    old_rows(years_ago(6), 2)
    young(1)
    prune_access_log()
    code, message = verify_command("--kop", f"{head[0]}:{head[1]}")
    assert code == 0
    assert "ligt vóór het controlepunt (volgnummer 4)" in message
    result = verify_access_log(expected_head=head)
    assert result.ok and "niet meer te controleren" in result.note


def test_a_head_after_the_checkpoint_is_checked_as_before(pruned):
    _old, kept, _result = pruned
    assert verify_command("--kop", f"{kept[-1].seq}:{kept[-1].hash}")[0] == 0
    assert verify_command("--kop", f"{kept[-1].seq}:{'d' * 64}")[0] == 1


@pytest.mark.django_db(transaction=True)
def test_flush_clears_checkpoints_and_restores_their_triggers(old_rows):
    old_rows(years_ago(6), 2)
    prune_access_log()
    call_command("flush", interactive=False, verbosity=0)
    assert not AccessLog.objects.exists() and not AccessLogCheckpoint.objects.exists()
    rows = young(2)
    assert rows[0].seq == 1 and verify_access_log().ok
    assert_db_refuses(f"DELETE FROM {TABLE}")
    with pytest.raises(DatabaseError, match="checkpoint"), transaction.atomic():
        AccessLogCheckpoint.objects.create(
            seq=1, hash="e" * 64, timestamp=rows[0].timestamp, made_at=rows[0].timestamp, rows_removed=0
        )
