"""The access log is a hash chain: a row changed, deleted or inserted with raw
SQL (triggers lifted, as someone with owner rights could) is found by
``manage.py verify_access_log``, which names the row."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction

from tests.factories import CasusFactory, PersonFactory
from vangnet.audit import chain
from vangnet.audit.models import AccessLog, AccessLogChainHead
from vangnet.audit.services import log_access, log_access_log_head, log_list_access, verify_access_log

from .conftest import TABLE

pytestmark = pytest.mark.django_db


def write(n=5, **kwargs):
    return [
        log_access(None, "R", object_type="persoon", detail=f"rij {i}", reason="casuslid", **kwargs) for i in range(n)
    ]


def verify_command(*args):
    """(exit code, output) of manage.py verify_access_log."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("verify_access_log", *args, stdout=out)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue().strip()


def test_every_model_field_is_hashed():
    fields = {f.attname for f in AccessLog._meta.concrete_fields} - {"hash"}
    assert fields == set(chain.HASHED_FIELDS)


def test_rows_form_an_unbroken_chain_and_verify_says_ok():
    rows = write(4)
    log_list_access(None, persons=[PersonFactory(), PersonFactory()], detail="lijst")
    all_rows = list(AccessLog.objects.order_by("seq"))
    assert [r.seq for r in all_rows] == list(range(1, len(all_rows) + 1))
    assert all_rows[0].prev_hash == chain.GENESIS
    for before, after in zip(all_rows, all_rows[1:], strict=False):
        assert after.prev_hash == before.hash
    for row in all_rows:
        assert row.hash == chain.row_hash(row) and len(row.hash) == 64
    head = AccessLogChainHead.objects.get()
    assert (head.seq, head.hash) == (all_rows[-1].seq, all_rows[-1].hash)
    assert rows[0].hash == all_rows[0].hash  # the returned object is what was stored
    assert verify_command() == (0, f"OK, {len(all_rows)} rijen, kop {head.hash}")


def test_bulk_write_chains_each_row():
    write(1)
    rows = log_list_access(None, casussen=[CasusFactory(), CasusFactory()], persons=[PersonFactory()], detail="b")
    stored = list(AccessLog.objects.filter(detail="b").order_by("seq"))
    assert [r.seq for r in stored] == [2, 3, 4]
    assert stored[0].prev_hash == AccessLog.objects.get(seq=1).hash
    assert stored[1].prev_hash == stored[0].hash and stored[2].prev_hash == stored[1].hash
    assert [r.hash for r in rows] == [r.hash for r in stored]
    assert verify_access_log().ok


def test_the_head_follows_each_insert_in_the_database():
    """Migration 0009: an AFTER INSERT trigger moves the head, so append sends no head UPDATE
    of its own (one statement less on every page that logs)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    write(2)
    with CaptureQueriesContext(connection) as ctx:
        rows = log_list_access(None, persons=[PersonFactory(), PersonFactory(), PersonFactory()], detail="drie")
    head = AccessLogChainHead.objects.get()
    assert (head.seq, head.hash) == (rows[-1].seq, rows[-1].hash) == (5, AccessLog.objects.get(seq=5).hash)
    table = AccessLogChainHead._meta.db_table
    assert not [q for q in ctx.captured_queries if q["sql"].startswith(f"UPDATE {table} SET seq = %s")]
    assert not [q for q in ctx.captured_queries if f"UPDATE {table} SET seq = 5" in q["sql"]]
    assert verify_access_log().ok


def test_the_head_does_not_move_back_for_a_row_below_it(attacker):
    rows = write(3)
    attacker.insert_row(lift_triggers=False, id=500002, seq=0, prev_hash=chain.GENESIS, reason="ervoor")
    head = AccessLogChainHead.objects.get()
    assert (head.seq, head.hash) == (3, rows[-1].hash)


def test_objects_create_and_bulk_create_are_chained_too():
    AccessLog.objects.create(user_id="7", action="R")
    AccessLog.objects.bulk_create([AccessLog(user_id="8", action="R") for _ in range(3)])
    assert list(AccessLog.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3, 4]
    assert verify_access_log().ok


def test_altered_row_is_named(attacker):
    rows = write(5)
    target = rows[2]
    attacker.sql(f"UPDATE {TABLE} SET reason = %s WHERE id = %s", ["ander doel", target.pk])
    code, message = verify_command()
    assert code == 1
    assert f"id {target.pk}" in message and "gewijzigd" in message


@pytest.mark.parametrize("column", ["timestamp", "break_glass", "user_id", "ip_address", "id"])
def test_every_field_counts(attacker, column):
    rows = write(3, user=None)
    target = rows[1]
    new = {
        "timestamp": datetime(2020, 1, 1, tzinfo=UTC),
        "break_glass": True,
        "user_id": "999",
        "ip_address": "198.51.100.1",
        "id": 777777,
    }[column]
    attacker.sql(f'UPDATE {TABLE} SET "{column}" = %s WHERE id = %s', [new, target.pk])
    result = verify_access_log()
    assert not result.ok and result.seq == target.seq


def test_altered_row_with_recomputed_hash_breaks_the_next_link(attacker):
    rows = write(5)
    target = rows[2]
    forged = AccessLog.objects.get(pk=target.pk)
    forged.reason = "ander doel"
    attacker.sql(
        f"UPDATE {TABLE} SET reason = %s, hash = %s WHERE id = %s", ["ander doel", chain.row_hash(forged), target.pk]
    )
    result = verify_access_log()
    assert not result.ok and result.row_id == rows[3].pk
    assert "sluit niet aan" in result.problem


def test_deleted_row_is_a_gap(attacker):
    rows = write(5)
    attacker.sql(f"DELETE FROM {TABLE} WHERE id = %s", [rows[1].pk])
    code, message = verify_command()
    assert code == 1
    assert f"volgnummer {rows[1].seq} t/m {rows[1].seq} ontbreken" in message
    assert f"id {rows[2].pk}" in message


def test_deleted_tail_is_found_by_the_head(attacker):
    rows = write(3)
    attacker.sql(f"DELETE FROM {TABLE} WHERE id = %s", [rows[-1].pk])
    result = verify_access_log()
    assert not result.ok and "kop wijst naar volgnummer 3" in result.problem


def test_deleted_tail_with_rewritten_head_is_found_by_the_copied_head(attacker, security_log):
    rows = write(3)
    seq, head_hash = log_access_log_head()
    assert {"event": "access_log_head", "seq": 3, "hash": rows[-1].hash}.items() <= security_log()[-1].items()
    attacker.sql(f"DELETE FROM {TABLE} WHERE id = %s", [rows[-1].pk])
    attacker.sql(f"UPDATE {AccessLogChainHead._meta.db_table} SET seq = 2, hash = %s", [rows[1].hash])
    assert verify_command()[0] == 0  # the database alone cannot tell
    code, message = verify_command("--kop", f"{seq}:{head_hash}")
    assert code == 1 and "komt niet voor in de keten" in message


def test_inserted_row_is_named(attacker):
    write(3)
    # Plain INSERT rights suffice (the application role has them): no triggers lifted.
    attacker.insert_row(
        lift_triggers=False, id=500000, seq=4, prev_hash=AccessLog.objects.get(seq=3).hash, reason="vervalst"
    )
    code, message = verify_command()
    assert code == 1 and "id 500000" in message and "gewijzigd" in message


def test_row_inserted_between_others_is_named(attacker):
    rows = write(3)
    # Renumber the last row to make room, then slip a row in: both show.
    attacker.sql(f"UPDATE {TABLE} SET seq = 10 WHERE id = %s", [rows[2].pk])
    attacker.insert_row(id=500001, seq=3, prev_hash=rows[1].hash, reason="ingevoegd")
    result = verify_access_log()
    assert not result.ok and result.row_id == 500001


def test_verify_reads_in_batches():
    write(7)
    assert verify_access_log(batch_size=2).ok
    assert verify_command("--batch", "2")[0] == 0


def test_bad_head_argument_is_a_clear_error():
    code, message = verify_command("--kop", "abc")
    assert code == 1 and "SEQ:HASH" in message


def test_timestamp_comes_from_the_database_clock():
    # Python's clock is moved a year ahead; the row still gets the database's time.
    with time_machine.travel(datetime(2031, 6, 1, tzinfo=UTC), tick=False):
        row = write(1)[0]
    row.refresh_from_db()
    assert abs(row.timestamp - datetime.now(UTC)) < timedelta(minutes=1)
    assert verify_access_log().ok


@pytest.mark.parametrize("offset", [timedelta(hours=-1), timedelta(days=2)])
def test_insert_with_a_timestamp_far_from_the_database_clock_is_refused(attacker, offset):
    with pytest.raises(DatabaseError, match="database clock"), transaction.atomic():
        attacker.insert_row(lift_triggers=False, timestamp=datetime.now(UTC) + offset)
    assert not AccessLog.objects.filter(pk=900000).exists()


def test_log_access_log_head_command_and_task_write_the_security_log(security_log):
    from vangnet.audit.tasks import log_access_log_head as task

    rows = write(2)
    call_command("log_access_log_head", stdout=__import__("io").StringIO())
    assert task.enqueue().return_value == 2
    heads = [e for e in security_log() if e["event"] == "access_log_head"]
    assert len(heads) == 2 and all(e["seq"] == 2 and e["hash"] == rows[-1].hash for e in heads)


def test_missing_head_row_is_rebuilt_from_the_last_row(attacker):
    write(2)
    attacker.sql(f"DELETE FROM {AccessLogChainHead._meta.db_table}")
    assert not verify_access_log().ok
    write(1)
    assert AccessLog.objects.get(seq=3).prev_hash == AccessLog.objects.get(seq=2).hash
    assert verify_access_log().ok


@pytest.mark.django_db(transaction=True)
def test_flush_starts_a_fresh_verifiable_chain():
    write(3)
    call_command("flush", interactive=False, verbosity=0)
    assert AccessLogChainHead.objects.get().seq == 0
    row = write(1)[0]
    assert row.seq == 1 and row.prev_hash == chain.GENESIS
    assert verify_access_log().ok


@pytest.mark.parametrize("ip", ["2001:DB8::1", "::ffff:192.0.2.7", "192.0.2.8", "fe80::1:2:3:4", None])
def test_addresses_verify_however_the_database_prints_them(ip):
    AccessLog.objects.create(user_id="1", action="R", ip_address=ip)
    assert verify_access_log().ok
