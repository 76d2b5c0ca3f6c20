"""Writing the access log. Call these from views and services whenever personal
data is shown or changed; the *reason* is the legal/organisational basis
(e.g. "casuslid") or the reason the user typed for break-the-glass access."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils.translation import gettext as _

from .middleware import client_ip
from .models import AccessLog, AccessLogCheckpoint, ObjectType

Action = AccessLog.Action

__all__ = [
    "Action",
    "AuditContext",
    "ListRead",
    "ObjectType",
    "PruneResult",
    "audit",
    "audit_row",
    "log_access",
    "log_list_access",
    "prune_access_log",
    "write_rows",
]


@dataclass(frozen=True)
class AuditContext:
    """Where an action came from ("from where" of the log row), without the HTTP
    request: services take the acting user and this, so every caller (view,
    API, task, command) writes the same row."""

    ip_address: str | None = None
    path: str = ""
    # The request's batch of read rows (AccessLogBatchMiddleware), when one is open.
    reads: "ReadBatch | None" = field(default=None, compare=False, repr=False)

    @classmethod
    def from_request(cls, request) -> "AuditContext":
        if request is None:
            return cls()
        ip = getattr(request, "client_ip", None) or client_ip(request)
        return cls(ip_address=ip, path=request.get_full_path()[:300], reads=_batch(request))


def audit(
    actor,
    action: str,
    *,
    context: AuditContext | None = None,
    person=None,
    casus=None,
    melding=None,
    object_type: str = "",
    detail: str = "",
    reason: str = "",
    break_glass: bool = False,
) -> AccessLog:
    """The access-log row of one action by ``actor``: call it from the service, in
    the same transaction as the change it records (Zulip's RealmAuditLog style)."""
    fields = _row_fields(actor, action, context, person, casus, melding, object_type, detail, reason, break_glass)
    if context is not None and context.reads is not None and action in DEFERRABLE:
        row = AccessLog(**fields)
        context.reads.add([row])
        return row
    return AccessLog.objects.create(**fields)


def audit_row(
    actor: Any,
    action: str,
    *,
    context: AuditContext | None = None,
    person: Any = None,
    casus: Any = None,
    melding: Any = None,
    object_type: str = "",
    detail: str = "",
    reason: str = "",
    break_glass: bool = False,
) -> AccessLog:
    """The row ``audit`` would write, not yet written: for a service that writes many
    at once with ``write_rows``."""
    return AccessLog(
        **_row_fields(actor, action, context, person, casus, melding, object_type, detail, reason, break_glass)
    )


def write_rows(rows: list[AccessLog], context: AuditContext | None = None) -> list[AccessLog]:
    """Rows a service built itself (a lookup with many reads): into the request's batch
    when they are all reads and one is open, else one insert now."""
    batch = context.reads if context is not None else None
    if batch is not None and not all(r.action in DEFERRABLE for r in rows):
        # The reads so far go along, before these rows: one append, in the order they happened.
        batch.write(rows)
    else:
        _store_reads(rows, batch)
    return rows


def _store_reads(rows: list[AccessLog], batch: "ReadBatch | None") -> None:
    """Read rows into the request's batch when one is open, else one insert now."""
    if batch is not None:
        batch.add(rows)
    else:
        AccessLog.objects.bulk_create(rows)


def _row_fields(
    actor: Any,
    action: str,
    context: AuditContext | None,
    person: Any,
    casus: Any,
    melding: Any,
    object_type: str,
    detail: str,
    reason: str,
    break_glass: bool,
) -> dict:
    context = context or AuditContext()
    return {
        "action": action,
        "object_type": object_type,
        "detail": detail[:300],
        "reason": reason[:500],
        "break_glass": break_glass,
        **_user_fields(actor),
        "ip_address": context.ip_address,
        "path": context.path,
        **_subject_fields(person, casus, melding),
    }


# --- one insert per request for what a page shows (issue 17) ------------------------
#
# A page reads personal data in several places (the guard's fetch, a list, the
# template tags of the home page); each write of the chain is a lock and three
# statements. AccessLogBatchMiddleware opens a batch on the request; the READ rows
# (R) of audit/log_access/log_list_access/write_rows, given a
# context from that request, go into it and are appended in ONE chain append
# before the response leaves, also when the view failed (a row too many is
# better than one too few). A failed append fails the response: nothing is shown
# unlogged. Searches and changes (E/C/U/D) and refusals are never deferred: they
# belong in the transaction of the change, or must survive its rollback.

_BATCH_ATTR = "_vangnet_access_log_batch"
DEFERRABLE = (Action.READ,)


class ReadBatch:
    """The READ rows of one request not yet written. Once closed (the response has
    left), a row that still arrives is written at once: nothing is ever dropped."""

    def __init__(self) -> None:
        self.rows: list[AccessLog] = []
        self.closed = False

    def add(self, rows: list[AccessLog]) -> None:
        if self.closed:
            AccessLog.objects.bulk_create(rows)
        else:
            self.rows.extend(rows)

    def write(self, also: Iterable[AccessLog] = ()) -> list[AccessLog]:
        """The rows so far (then ``also``) in one append; the batch stays usable."""
        rows, self.rows = [*self.rows, *also], []
        if rows:
            AccessLog.objects.bulk_create(rows)
        return rows


def open_batch(request: Any) -> None:
    setattr(request, _BATCH_ATTR, ReadBatch())


def flush_batch(request: Any, *, keep_open: bool = False) -> list[AccessLog]:
    """Write the batch now. ``keep_open``: a page that shows the log itself, with its
    own read on top, writes first and goes on batching."""
    batch = _batch(request)
    if batch is None:
        return []
    rows = batch.write()
    if not keep_open:
        batch.closed = True
    return rows


def _batch(request: Any) -> ReadBatch | None:
    return getattr(request, _BATCH_ATTR, None) if request is not None else None


def _user_fields(user) -> dict:
    org = getattr(user, "organisation", None) if user is not None else None
    return {
        "user_id": str(getattr(user, "pk", "") or "anoniem"),
        "username": getattr(user, "username", "") or "",
        "role": getattr(user, "role", "") or "",
        "organisation": str(org) if org else "",
    }


def _actor_fields(request=None, user=None) -> dict:
    user = user if user is not None else getattr(request, "user", None)
    context = AuditContext.from_request(request)
    return {**_user_fields(user), "ip_address": context.ip_address, "path": context.path}


def _person_id_of(record: Any) -> object:
    """The person of a casus or melding by its ``person_id``: no query per row of a list.
    A stand-in without it (the guards' record of an id that does not exist) has ``person``."""
    if hasattr(record, "person_id"):
        return record.person_id
    person = getattr(record, "person", None)
    return person.pk if person is not None else None


def _subject_fields(person: Any = None, casus: Any = None, melding: Any = None) -> dict:
    if person is not None:
        person_id = str(person.pk)
    else:
        found = _person_id_of(casus) if casus is not None else None
        if found is None and melding is not None:
            found = _person_id_of(melding)
        person_id = str(found) if found is not None else ""
    return {
        "person_id": person_id,
        "casus_id": str(casus.pk) if casus is not None else "",
        "melding_id": str(melding.pk) if melding is not None else "",
    }


def log_access(
    request,
    action: str,
    *,
    person=None,
    casus=None,
    melding=None,
    object_type: str = "",
    detail: str = "",
    reason: str = "",
    break_glass: bool = False,
    user=None,
) -> AccessLog:
    """For views and guards, which have the request; services call ``audit``."""
    return audit(
        user if user is not None else getattr(request, "user", None),
        action,
        context=AuditContext.from_request(request),
        person=person,
        casus=casus,
        melding=melding,
        object_type=object_type,
        detail=detail,
        reason=reason,
        break_glass=break_glass,
    )


@dataclass(frozen=True)
class ListRead:
    """One record of a mixed list (search results) with its own basis: ``object_type``
    and the casus/melding/person the row is about."""

    object_type: str
    reason: str = ""
    break_glass: bool = False
    person: object = field(default=None)
    casus: object = field(default=None)
    melding: object = field(default=None)
    # The row's own detail (a list of actions logs "actie 12 aan zet" per row); None: the call's.
    detail: str | None = None


def log_list_access(
    request,
    *,
    casussen: Iterable = (),
    meldingen: Iterable = (),
    persons: Iterable = (),
    records: Iterable[ListRead] = (),
    detail="",
    reason="",
    break_glass: bool = False,
):
    """One read row per record shown in a list: a list of names is a read of each.

    ``records``: records of several kinds, each with its own basis (``ListRead``);
    they go into the same single bulk insert."""
    actor = _actor_fields(request)
    common = {
        "action": Action.READ,
        "detail": detail[:300],
        "reason": reason[:500],
        "break_glass": break_glass,
        **actor,
    }
    rows = [AccessLog(object_type=ObjectType.CASUS, **common, **_subject_fields(casus=c)) for c in casussen]
    rows += [AccessLog(object_type=ObjectType.MELDING, **common, **_subject_fields(melding=m)) for m in meldingen]
    rows += [AccessLog(object_type=ObjectType.PERSOON, **common, **_subject_fields(person=p)) for p in persons]
    for r in records:
        rows.append(
            AccessLog(
                object_type=r.object_type,
                **{
                    **common,
                    "reason": r.reason[:500],
                    "break_glass": r.break_glass,
                    **({"detail": r.detail[:300]} if r.detail is not None else {}),
                },
                **_subject_fields(person=r.person, casus=r.casus, melding=r.melding),
            )
        )
    _store_reads(rows, _batch(request))
    return rows


# --- the hash chain ---------------------------------------------------------------


def verify_access_log(*, expected_head: tuple[int, str] | None = None, batch_size: int = 2000):
    """Walk the whole chain; see chain.verify."""
    from .chain import verify

    return verify(expected_head=expected_head, batch_size=batch_size)


def log_access_log_head() -> tuple[int, str]:
    """Copy the chain head (seq + hash) to the security log, so a copy exists
    outside the database: a later verify_access_log --kop SEQ:HASH proves
    that no rows up to there were removed or rewritten, even with the chain
    head rewritten too."""
    from vangnet.accounts.services import log_security_event

    from .chain import current_head

    seq, head_hash = current_head()
    log_security_event("access_log_head", seq=seq, hash=head_hash)
    return seq, head_hash


# --- the access log's own term (issue 16) -------------------------------------------

# The access-log row of a prune nobody started by hand (the daily task, cron).
SYSTEM_ACTOR = SimpleNamespace(pk="systeem", username="systeem", role="", organisation=None)


@dataclass(frozen=True)
class PruneResult:
    """What prune_access_log removed (or, with ``dry_run``, would remove): counts and
    sequence numbers, never content."""

    years: int
    cutoff: datetime
    dry_run: bool = False
    rows_removed: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    oldest: datetime | None = None
    youngest: datetime | None = None
    checkpoint: AccessLogCheckpoint | None = None
    log_row: AccessLog | None = None
    checkpoint_hash: str = ""


def access_log_term_years() -> int:
    return int(settings.VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN)


def prune_access_log(
    *, by: object | None = None, context: AuditContext | None = None, dry_run: bool = False
) -> PruneResult:
    """Remove the access-log rows older than the term (VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN,
    at least 5 years, NEN 7513), keeping the chain verifiable. In one transaction:

    1. under the chain lock, find the oldest rows (from the last checkpoint on) whose
       timestamp is before now minus the term, by the database clock; they stop at the
       first younger row, so what goes is a run of whole seq numbers;
    2. write a checkpoint (seq, hash, timestamp) of the last of them; a trigger refuses
       one that does not match that row;
    3. delete the rows up to the checkpoint (PostgreSQL: through the SECURITY DEFINER
       function ``audit_accesslog_prune``; the trigger allows a DELETE only up to a
       checkpoint and after 5 years by the database clock);
    4. write one access-log row (action D, object type toegangslog) whose detail names
       the checkpoint and the count, no content;
    5. after commit, copy the checkpoint to the security log (like log_access_log_head).

    ``by`` is None for the system (task, command) or the privacy officer. ``dry_run``
    reports what would go and changes nothing. Nothing to remove: nothing is written."""
    from django.core.exceptions import PermissionDenied
    from django.db import connections, router, transaction

    from vangnet.accounts.services import log_security_event

    from . import chain
    from .policies import may_prune_access_log

    if not may_prune_access_log(by):
        raise PermissionDenied(_("Alleen de privacyfunctionaris schoont het toegangslog op."))
    years = access_log_term_years()
    alias = router.db_for_write(AccessLog)
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if not dry_run:
            chain._lock_head(cursor)  # writers wait: the chain does not move under us
        now = chain._db_now(cursor, connection.vendor)
        cutoff = now - relativedelta(years=years)
        done = AccessLogCheckpoint.objects.using(alias).order_by("-seq").values_list("seq", flat=True).first() or 0
        rows = AccessLog.objects.using(alias).filter(seq__gt=done)
        first_young = rows.filter(timestamp__gte=cutoff).order_by("seq").values_list("seq", flat=True).first()
        upto = (
            (first_young - 1)
            if first_young is not None
            else rows.order_by("-seq").values_list("seq", flat=True).first()
        )
        if upto is None or upto <= done:
            return PruneResult(years=years, cutoff=cutoff, dry_run=dry_run)
        going = rows.filter(seq__lte=upto)
        count = going.count()
        first = going.order_by("seq").first()
        last = going.order_by("-seq").first()
        assert first is not None and last is not None  # noqa: S101 - upto > done: at least one row
        plan = PruneResult(
            years=years,
            cutoff=cutoff,
            dry_run=dry_run,
            rows_removed=count,
            first_seq=first.seq,
            last_seq=last.seq,
            oldest=first.timestamp,
            youngest=last.timestamp,
            checkpoint_hash=last.hash,
        )
        if dry_run:
            return plan
        checkpoint = AccessLogCheckpoint.objects.using(alias).create(
            seq=last.seq, hash=last.hash, timestamp=last.timestamp, made_at=now, rows_removed=count
        )
        if connection.vendor == "postgresql":
            cursor.execute("SELECT audit_accesslog_prune(%s)", [last.seq])
            removed = cursor.fetchone()[0]
        else:
            cursor.execute(f"DELETE FROM {AccessLog._meta.db_table} WHERE seq <= %s", [last.seq])
            removed = cursor.rowcount
        if removed != count:
            raise chain.ChainError(f"{removed} rijen verwijderd, {count} verwacht: opschoning teruggedraaid.")
        log_row = audit(
            by if by is not None else SYSTEM_ACTOR,
            Action.DELETE,
            context=context,
            object_type=ObjectType.TOEGANGSLOG,
            detail=chain.prune_detail(checkpoint.seq, checkpoint.hash, count, years),
            reason=f"bewaartermijn toegangslog ({years} jaar, NEN 7513)",
        )
        copy = {
            "seq": checkpoint.seq,
            "hash": checkpoint.hash,
            "row_timestamp": checkpoint.timestamp.isoformat(),  # "timestamp" is the log line's own
            "rows_removed": count,
            "log_seq": log_row.seq,
        }
        transaction.on_commit(lambda: log_security_event("access_log_checkpoint", **copy), using=alias)
    return replace(plan, checkpoint=checkpoint, log_row=log_row)
