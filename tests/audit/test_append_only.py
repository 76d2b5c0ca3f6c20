"""The access log is append-only: in the model, the queryset and the database."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from vangnet.audit.models import AccessLog, AppendOnlyError

pytestmark = pytest.mark.django_db


def make_row(**kwargs):
    return AccessLog.objects.create(user_id="1", action=AccessLog.Action.READ, reason="casuslid", **kwargs)


def assert_db_refuses(sql, params=()):
    before = AccessLog.objects.count()
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic():  # a savepoint, so PostgreSQL can continue afterwards
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
    assert AccessLog.objects.count() == before


def test_rows_can_be_added():
    row = make_row()
    assert AccessLog.objects.filter(pk=row.pk).exists()
    assert str(row).endswith("1 R ")


def test_save_of_existing_row_refused():
    row = make_row()
    row.reason = "gewijzigd"
    with pytest.raises(AppendOnlyError):
        row.save()
    assert AccessLog.objects.get(pk=row.pk).reason == "casuslid"


def test_instance_delete_refused():
    row = make_row()
    with pytest.raises(AppendOnlyError):
        row.delete()
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_queryset_update_and_delete_refused():
    make_row()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().update(reason="x")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(user_id="1").delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.update(reason="x")
    assert AccessLog.objects.filter(reason="casuslid").count() == 1


def test_raw_sql_update_refused():
    row = make_row()
    table = AccessLog._meta.db_table
    assert_db_refuses(f"UPDATE {table} SET reason = %s WHERE id = %s", ["gewijzigd", row.pk])
    assert_db_refuses(f"UPDATE {table} SET break_glass = %s", [True])
    assert AccessLog.objects.get(pk=row.pk).reason == "casuslid"


def test_raw_sql_delete_refused():
    row = make_row()
    table = AccessLog._meta.db_table
    assert_db_refuses(f"DELETE FROM {table} WHERE id = %s", [row.pk])
    assert_db_refuses(f"DELETE FROM {table}")
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_raw_sql_truncate_refused_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists only on PostgreSQL (SQLite has DELETE without WHERE, tested above)")
    make_row()
    assert_db_refuses(f"TRUNCATE {AccessLog._meta.db_table}")


def test_bulk_create_allowed():
    AccessLog.objects.bulk_create([AccessLog(user_id="2", action="R") for _ in range(3)])
    assert AccessLog.objects.filter(user_id="2").count() == 3


@pytest.mark.django_db(transaction=True)
def test_test_flush_restores_triggers():
    """Transactional tests flush the database; the flush lifts the triggers only
    for that moment and puts them back."""
    make_row()
    call_command("flush", interactive=False, verbosity=0)
    assert AccessLog.objects.count() == 0
    row = make_row()
    assert_db_refuses(f"DELETE FROM {AccessLog._meta.db_table} WHERE id = %s", [row.pk])


def test_flush_refused_outside_tests(settings, monkeypatch):
    from django.core import mail
    from django.core.management.base import CommandError

    settings.VANGNET_AUDIT_ALLOW_FLUSH = False
    monkeypatch.delattr(mail, "outbox")
    make_row()
    with pytest.raises(CommandError, match="alleen-toevoegen"):
        call_command("flush", interactive=False, verbosity=0)
    assert AccessLog.objects.count() == 1


# --- overwriting by INSERT ----------------------------------------------------------


def _overwrite_attempts(row):
    same_id = {"id": row.pk, "seq": 800000}
    same_seq = {"id": 800001, "seq": row.seq}
    if connection.vendor == "sqlite":
        # INSERT OR REPLACE deletes the old row without firing the delete trigger.
        return [
            ("INSERT OR REPLACE", "", same_id),
            ("REPLACE", "", same_id),
            ("INSERT OR REPLACE", "", same_seq),
            ("INSERT", "ON CONFLICT(id) DO UPDATE SET reason = 'overschreven'", same_id),
        ]
    return [
        ("INSERT", "ON CONFLICT (id) DO UPDATE SET reason = 'overschreven'", same_id),
        ("INSERT", "ON CONFLICT (seq) DO UPDATE SET reason = 'overschreven'", same_seq),
    ]


def test_insert_over_an_existing_row_is_refused(attacker):
    row = make_row()
    for verb, suffix, ids in _overwrite_attempts(row):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic():
                attacker.insert_row(lift_triggers=False, verb=verb, suffix=suffix, reason="overschreven", **ids)
        stored = AccessLog.objects.get(seq=row.seq)
        assert (stored.pk, stored.reason, stored.hash) == (row.pk, "casuslid", row.hash), (verb, suffix)
    assert AccessLog.objects.count() == 1
