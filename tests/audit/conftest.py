import logging

import pytest
from django.db import connection

from vangnet.audit.models import AccessLog
from vangnet.audit.triggers import create_triggers, drop_triggers

TABLE = AccessLog._meta.db_table
COLUMNS = (
    "id",
    "seq",
    "prev_hash",
    "hash",
    "timestamp",
    "user_id",
    "username",
    "role",
    "organisation",
    "action",
    "person_id",
    "casus_id",
    "melding_id",
    "object_type",
    "detail",
    "reason",
    "break_glass",
    "ip_address",
    "path",
)


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="vangnet.security")

    def events():
        return [r.msg for r in caplog.records if r.name == "vangnet.security" and isinstance(r.msg, dict)]

    return events


class Attacker:
    """Someone with owner rights on the database: lifts the triggers, runs raw
    SQL, and puts the triggers back so nothing looks different."""

    def __init__(self, conn=connection):
        self.connection = conn

    def sql(self, sql, params=()):
        drop_triggers(self.connection)
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(sql, params)
        finally:
            create_triggers(self.connection)

    def insert_row(self, lift_triggers=True, verb="INSERT", suffix="", **values):
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            id=values.pop("id", 900000),
            seq=values.pop("seq", 900000),
            prev_hash="0" * 64,
            hash="f" * 64,
            timestamp=values.pop("timestamp", None),
            user_id="66",
            action="R",
            break_glass=False,
            ip_address=None,
        )
        row.update(values)
        sql = (
            f"{verb} INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ("
            + ", ".join("CURRENT_TIMESTAMP" if c == "timestamp" and row[c] is None else "%s" for c in COLUMNS)
            + ") "
            + suffix
        )
        params = [row[c] for c in COLUMNS if not (c == "timestamp" and row[c] is None)]
        if lift_triggers:
            self.sql(sql, params)
        else:
            with self.connection.cursor() as cursor:
                cursor.execute(sql, params)


@pytest.fixture
def attacker():
    return Attacker()


def append_old_rows(when, n=1, conn=connection, detail="oud"):
    """``n`` access-log rows dated ``when`` (e.g. six years ago), chained like real rows.

    A real row always gets the database clock (a trigger refuses anything else), so
    rows older than the access log's term cannot be made the normal way. This lifts
    the triggers (vangnet.audit.triggers.drop_triggers), lets chain.append read
    ``when`` as the database clock (chain._db_now patched), writes the rows through
    the real chain code and puts the triggers back. Rows must be appended oldest
    first, as time would have made them."""
    from unittest import mock

    from vangnet.audit import chain
    from vangnet.audit.services import log_access

    drop_triggers(conn)
    try:
        with mock.patch.object(chain, "_db_now", lambda cursor, vendor, read=None: when):
            return [
                log_access(None, "R", object_type="persoon", detail=f"{detail} {i}", reason="casuslid")
                for i in range(n)
            ]
    finally:
        create_triggers(conn)


@pytest.fixture
def old_rows():
    return append_old_rows
