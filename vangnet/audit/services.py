"""Writing the access log. Call these from views and services whenever personal
data is shown or changed; the *reason* is the legal/organisational basis
(e.g. "casuslid") or the reason the user typed for break-the-glass access."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .middleware import client_ip
from .models import AccessLog, ObjectType

Action = AccessLog.Action

__all__ = ["Action", "AuditContext", "ListRead", "ObjectType", "audit", "log_access", "log_list_access"]


@dataclass(frozen=True)
class AuditContext:
    """Where an action came from ("from where" of the log row), without the HTTP
    request: services take the acting user and this, so every caller (view,
    API, task, command) writes the same row."""

    ip_address: str | None = None
    path: str = ""

    @classmethod
    def from_request(cls, request) -> "AuditContext":
        if request is None:
            return cls()
        ip = getattr(request, "client_ip", None) or client_ip(request)
        return cls(ip_address=ip, path=request.get_full_path()[:300])


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
    context = context or AuditContext()
    return AccessLog.objects.create(
        action=action,
        object_type=object_type,
        detail=detail[:300],
        reason=reason[:500],
        break_glass=break_glass,
        **_user_fields(actor),
        ip_address=context.ip_address,
        path=context.path,
        **_subject_fields(person, casus, melding),
    )


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


def _subject_fields(person=None, casus=None, melding=None) -> dict:
    if person is None and casus is not None:
        person = casus.person
    if person is None and melding is not None:
        person = melding.person
    return {
        "person_id": str(person.pk) if person is not None else "",
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
                **{**common, "reason": r.reason[:500], "break_glass": r.break_glass},
                **_subject_fields(person=r.person, casus=r.casus, melding=r.melding),
            )
        )
    AccessLog.objects.bulk_create(rows)
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
