"""The hash chain that makes the access log tamper-evident.

Every row carries a sequence number ``seq`` (1, 2, 3, ... without gaps), the
hash of the row before it (``prev_hash``) and its own ``hash``: SHA-256 over a
canonical serialisation of all its fields, ``prev_hash`` included. Changing,
deleting or inserting a row anywhere therefore breaks the chain from that row
on, also for someone who lifted the triggers with owner rights; truncating the
tail is caught by comparing with a head hash copied elsewhere (the daily
``log_access_log_head`` line in the security log).

Writers serialise on the one-row table ``audit_accesslogchainhead``: each
write first UPDATEs that row inside its transaction (a row lock on PostgreSQL,
the database write lock on SQLite), reads the head, inserts its rows and moves
the head. So there is one chain per database, also with many processes.

The timestamp comes from the database clock, read under that lock in the same
transaction (PostgreSQL ``clock_timestamp()``, so timestamps follow ``seq``).
The hash is computed here, so the value must be known before the INSERT; a
BEFORE INSERT trigger (migration 0006) refuses a timestamp more than a minute
from the database clock, so a writer cannot back- or forward-date a row."""

import hashlib
import ipaddress
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connections, models, router, transaction

GENESIS = "0" * 64
HASH_VERSION = "vangnet-toegangslog-v1"
HEAD_ID = 1

# Everything but ``hash`` itself; tests/audit checks no model field is missing.
HASHED_FIELDS = (
    "id",
    "seq",
    "prev_hash",
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


class ChainError(Exception):
    pass


def _canonical_ip(value):
    if value in (None, ""):
        return None
    try:
        return str(ipaddress.ip_address(value))  # the database may print an address differently
    except ValueError:
        return str(value)


def _hashed_ip(value):
    # The address bytes, not its text: how an address is printed differs
    # between PostgreSQL, SQLite and Python versions (e.g. IPv4-mapped IPv6).
    if value in (None, ""):
        return None
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return str(value)
    return f"{address.version}:{address.packed.hex()}"


def _canonical_timestamp(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def canonical(row) -> bytes:
    data = {}
    for name in HASHED_FIELDS:
        value = getattr(row, name)
        if name == "timestamp":
            value = _canonical_timestamp(value)
        elif name == "ip_address":
            value = _hashed_ip(value)
        elif name == "break_glass":
            value = bool(value)
        elif name in ("id", "seq"):
            value = int(value)
        else:
            value = "" if value is None else str(value)
        data[name] = value
    return json.dumps([HASH_VERSION, data], sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def row_hash(row) -> str:
    return hashlib.sha256(canonical(row)).hexdigest()


# --- writing --------------------------------------------------------------------


def _head_table():
    from .models import AccessLogChainHead

    return AccessLogChainHead._meta.db_table


def _log_table():
    from .models import AccessLog

    return AccessLog._meta.db_table


def _lock_head(cursor) -> tuple[int, str]:
    head = _head_table()
    # UPDATE first, read after: the lock is taken before the head is read.
    cursor.execute(f"UPDATE {head} SET seq = seq WHERE id = %s", [HEAD_ID])
    if cursor.rowcount == 0:
        # Missing (e.g. a hand-made flush): continue from the last row so the
        # chain is not forked; verify_access_log still checks every link.
        cursor.execute(f"SELECT seq, hash FROM {_log_table()} ORDER BY seq DESC LIMIT 1")
        last = cursor.fetchone()
        cursor.execute(
            f"INSERT INTO {head} (id, seq, hash) VALUES (%s, %s, %s)",
            [HEAD_ID, last[0] if last else 0, last[1] if last else GENESIS],
        )
    cursor.execute(f"SELECT seq, hash FROM {head} WHERE id = %s", [HEAD_ID])
    return cursor.fetchone()


def _next_ids(cursor, vendor: str, count: int) -> list[int]:
    table = _log_table()
    if vendor == "postgresql":
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
        return sorted(row[0] for row in cursor.fetchall())
    if vendor == "sqlite":
        # Safe under the write lock that _lock_head took.
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0),"
            " COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        base = cursor.fetchone()[0]
        return list(range(base + 1, base + count + 1))
    raise ChainError(f"Het toegangslog ondersteunt {vendor} niet.")


def _claim(cursor: Any, vendor: str, count: int) -> tuple[int, str, list[int], Any] | None:
    """Lock the head and read it, ``count`` new ids and the database clock in ONE
    statement (UPDATE ... RETURNING: the values are read after the row lock is
    taken), instead of four: every page that shows personal data appends, so
    this is on every request (issue 17). None when the head row is missing."""
    table = _log_table()
    if vendor == "postgresql":
        ids = "(SELECT array_agg(nextval(pg_get_serial_sequence(%s, 'id'))) FROM generate_series(1, %s))"
        clock = "clock_timestamp()"
        params: list[Any] = [table, count]
    elif vendor == "sqlite":
        # The ids are safe to take as MAX + 1 under the write lock the UPDATE took.
        ids = (
            f"(SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0),"
            " COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0)))"
        )
        clock = "strftime('%%Y-%%m-%%d %%H:%%M:%%f', 'now')"
        params = [table]
    else:
        raise ChainError(f"Het toegangslog ondersteunt {vendor} niet.")
    cursor.execute(
        f"UPDATE {_head_table()} SET seq = seq WHERE id = %s RETURNING seq, hash, {ids}, {clock}",
        [HEAD_ID, *params],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    seq, head_hash, allocated, clock_read = row
    pks = sorted(allocated) if vendor == "postgresql" else list(range(allocated + 1, allocated + count + 1))
    return seq, head_hash, pks, clock_read


def _db_now(cursor: Any, vendor: str, read: Any = None) -> datetime:
    """The database clock; ``read``: the value _claim already read in its statement."""
    if vendor == "postgresql":
        if read is None:
            cursor.execute("SELECT clock_timestamp()")
            read = cursor.fetchone()[0]
        return read
    if read is None:
        cursor.execute("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")
        read = cursor.fetchone()[0]
    db_now = datetime.fromisoformat(read).replace(tzinfo=UTC)
    # SQLite runs in this process, on this OS clock, but gives milliseconds
    # only: keep Python's microseconds when both clocks agree (they do, unless
    # a test moved Python's clock; then the database clock wins).
    here = datetime.now(UTC)
    return here if abs(here - db_now) < timedelta(milliseconds=5) else db_now


def append(rows, using=None) -> list:
    """Chain and insert new AccessLog rows (one transaction, one lock)."""
    from .models import AccessLog

    rows = list(rows)
    if not rows:
        return rows
    alias = using or router.db_for_write(AccessLog)
    connection = connections[alias]
    # No savepoint inside a caller's transaction: a failed append must fail that
    # transaction anyway, and SAVEPOINT/RELEASE are two statements per page.
    with transaction.atomic(using=alias, savepoint=False), connection.cursor() as cursor:
        claimed = _claim(cursor, connection.vendor, len(rows))
        if claimed is None:
            seq, prev = _lock_head(cursor)
            ids = _next_ids(cursor, connection.vendor, len(rows))
            now = _db_now(cursor, connection.vendor)
        else:
            seq, prev, ids, clock_read = claimed
            now = _db_now(cursor, connection.vendor, clock_read)
        for row, pk in zip(rows, ids, strict=True):
            seq += 1
            row.id, row.seq, row.prev_hash, row.timestamp = pk, seq, prev, now
            row.ip_address = _canonical_ip(row.ip_address)
            row.hash = prev = row_hash(row)
        # The plain QuerySet: AccessLogQuerySet.bulk_create comes here.
        # The head follows the inserted rows by trigger (migration 0009): no UPDATE here.
        models.QuerySet(AccessLog, using=alias).bulk_create(rows)
    return rows


def reset_head(connection) -> None:
    """After a (test-only) flush emptied both tables: a fresh chain."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_head_table()}")
        cursor.execute(f"INSERT INTO {_head_table()} (id, seq, hash) VALUES (%s, 0, %s)", [HEAD_ID, GENESIS])


# --- checking ---------------------------------------------------------------------


@dataclass
class Verification:
    ok: bool
    count: int
    head_seq: int
    head_hash: str
    problem: str = ""
    row_id: int | None = None
    seq: int | None = None
    # The latest checkpoint the walk started from (rows up to it were removed after the term).
    checkpoint_seq: int | None = None
    # Not a problem, but worth saying (e.g. a --kop from before the checkpoint).
    note: str = ""


# The detail of the access-log row that services.prune_access_log writes: it names
# the checkpoint in the chain itself, so a checkpoint changed or removed later shows.
PRUNE_DETAIL = re.compile(r"controlepunt (\d+):([0-9a-f]{64})")


def prune_detail(seq: int, checkpoint_hash: str, removed: int, years: int) -> str:
    return f"controlepunt {seq}:{checkpoint_hash}; {removed} rijen ouder dan {years} jaar verwijderd"


def _checkpoints(alias: str) -> list[Any]:
    from .models import AccessLogCheckpoint

    return list(models.QuerySet(AccessLogCheckpoint, using=alias).order_by("seq"))


def verify(using=None, batch_size: int = 2000, expected_head: tuple[int, str] | None = None) -> Verification:
    """Walk the whole chain in seq order, in batches (flat memory).

    Reports the first row that was altered (its hash does not match its
    content), inserted or preceded by a deleted row (a gap in seq or a
    prev_hash that is not the hash of the row before).

    After old rows were removed (services.prune_access_log) the walk starts
    from the latest checkpoint: the first remaining row must have seq
    checkpoint.seq + 1 and prev_hash checkpoint.hash. Rows missing at the start
    with no checkpoint covering them, a row left at or before the checkpoint, a
    checkpoint whose removal row in the chain names another hash, a removal row
    naming a checkpoint that is gone, and a latest checkpoint that no removal row
    names (inserted by hand to hide removed rows) are all reported."""
    from .models import AccessLog, AccessLogChainHead

    alias = using or router.db_for_read(AccessLog)
    checkpoints = _checkpoints(alias)
    latest = checkpoints[-1] if checkpoints else None
    start_seq, start_hash = (latest.seq, latest.hash) if latest else (0, GENESIS)
    seq, prev, count = start_seq, start_hash, 0
    by_seq = {c.seq: c.hash for c in checkpoints}
    named_seqs: set[int] = set()  # the checkpoints that removal rows in the chain name
    checkpoint_seq = latest.seq if latest else None

    def broken(row: Any, problem: str) -> Verification:
        return Verification(False, count, seq, prev, problem, row.id, row.seq, checkpoint_seq)

    rows = models.QuerySet(AccessLog, using=alias).order_by("seq", "id")
    left = rows.filter(seq__lte=start_seq).first() if latest else None
    if latest is not None and left is not None:
        return Verification(
            False,
            0,
            start_seq,
            start_hash,
            f"rij id {left.id} (seq {left.seq}) staat nog in het log, maar valt onder controlepunt {latest.seq}: "
            "het controlepunt is gewijzigd of de opschoning is niet afgemaakt",
            left.id,
            left.seq,
            checkpoint_seq,
        )
    for row in rows.filter(seq__gt=start_seq).iterator(chunk_size=batch_size):
        if row.seq is None or row.seq <= seq:
            return broken(row, f"rij id {row.id} heeft volgnummer {row.seq}, verwacht {seq + 1}: ingevoegde rij")
        if row.seq != seq + 1:
            if count == 0 and latest is None:
                return broken(
                    row,
                    f"rij(en) met volgnummer 1 t/m {row.seq - 1} ontbreken en geen controlepunt dekt ze "
                    f"(vóór rij id {row.id}, seq {row.seq}): verwijderd, of het controlepunt is verwijderd",
                )
            return broken(
                row,
                f"rij(en) met volgnummer {seq + 1} t/m {row.seq - 1} ontbreken (vóór rij id {row.id}, seq {row.seq})",
            )
        if row.hash != row_hash(row):
            return broken(row, f"rij id {row.id} (seq {row.seq}) is gewijzigd: de hash klopt niet met de inhoud")
        if row.prev_hash != prev:
            if count == 0 and latest is not None:
                return broken(
                    row,
                    f"rij id {row.id} (seq {row.seq}) sluit niet aan op controlepunt {latest.seq}: "
                    "het controlepunt of de rij is gewijzigd",
                )
            return broken(
                row,
                f"rij id {row.id} (seq {row.seq}) sluit niet aan op de vorige rij: "
                "een rij is ingevoegd, verwijderd of vervangen",
            )
        named = PRUNE_DETAIL.search(row.detail) if row.object_type == "toegangslog" and row.action == "D" else None
        if named is not None:
            named_seqs.add(int(named[1]))
        if named is not None and by_seq.get(int(named[1])) != named[2]:
            return broken(
                row,
                f"rij id {row.id} (seq {row.seq}) noemt controlepunt {named[1]}:{named[2]}, "
                "maar dat controlepunt ontbreekt of is gewijzigd",
            )
        seq, prev, count = row.seq, row.hash, count + 1

    head = AccessLogChainHead.objects.using(alias).filter(pk=HEAD_ID).first()
    tail = Verification(False, count, seq, prev, checkpoint_seq=checkpoint_seq)
    if head is None:
        tail.problem = "de kop van de keten (audit_accesslogchainhead) ontbreekt"
        return tail
    if (head.seq, head.hash) != (seq, prev):
        tail.problem = (
            f"de kop wijst naar volgnummer {head.seq} ({head.hash}), de laatste rij is {seq} ({prev}): "
            "rijen aan het eind ontbreken of de kop is gewijzigd"
        )
        return tail
    if latest is not None and latest.seq not in named_seqs:
        # The removal row that wrote it comes after it and stays until a later checkpoint.
        tail.problem = (
            f"controlepunt {latest.seq} wordt door geen verwijderregel in het toegangslog genoemd: "
            "het is buiten de opschoning om ingevoegd"
        )
        return tail
    note = ""
    if expected_head is not None:
        want_seq, want_hash = expected_head
        if want_seq in by_seq:
            # A checkpoint stands for its removed row: the chain from it on was checked above.
            found = by_seq[want_seq]
        elif latest is not None and want_seq < latest.seq:
            found = want_hash
            note = (
                f"de opgegeven kop (volgnummer {want_seq}) ligt vóór het controlepunt (volgnummer {latest.seq}): "
                "die rijen zijn na de bewaartermijn verwijderd en de kop is niet meer te controleren; "
                "controleer met de kop van het controlepunt uit het beveiligingslog"
            )
        else:
            found = models.QuerySet(AccessLog, using=alias).filter(seq=want_seq).values_list("hash", flat=True).first()
        if found != want_hash:
            tail.problem = f"de eerder vastgelegde kop (volgnummer {want_seq}, {want_hash}) komt niet voor in de keten"
            return tail
    return Verification(True, count, seq, prev, checkpoint_seq=checkpoint_seq, note=note)


def current_head(using=None) -> tuple[int, str]:
    from .models import AccessLogChainHead

    head = AccessLogChainHead.objects.using(using or "default").filter(pk=HEAD_ID).first()
    return (head.seq, head.hash) if head else (0, GENESIS)
