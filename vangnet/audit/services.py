"""Writing the access log. Call these from views and services whenever personal
data is shown or changed; the *reason* is the legal/organisational basis
(e.g. "casuslid") or the reason the user typed for break-the-glass access."""

from collections.abc import Iterable

from .middleware import client_ip
from .models import AccessLog

Action = AccessLog.Action


def _actor_fields(request=None, user=None) -> dict:
    user = user if user is not None else getattr(request, "user", None)
    ip = getattr(request, "client_ip", None) or (client_ip(request) if request is not None else None)
    org = getattr(user, "organisation", None) if user is not None else None
    return {
        "user_id": str(getattr(user, "pk", "") or "anoniem"),
        "username": getattr(user, "username", "") or "",
        "role": getattr(user, "role", "") or "",
        "organisation": str(org) if org else "",
        "ip_address": ip,
        "path": (request.get_full_path()[:300] if request is not None else ""),
    }


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
    return AccessLog.objects.create(
        action=action,
        object_type=object_type,
        detail=detail[:300],
        reason=reason[:500],
        break_glass=break_glass,
        **_actor_fields(request, user),
        **_subject_fields(person, casus, melding),
    )


def log_list_access(
    request,
    *,
    casussen: Iterable = (),
    meldingen: Iterable = (),
    persons: Iterable = (),
    detail="",
    reason="",
    break_glass: bool = False,
):
    """One read row per record shown in a list: a list of names is a read of each."""
    actor = _actor_fields(request)
    common = {"action": Action.READ, "detail": detail[:300], "reason": reason[:500], "break_glass": break_glass, **actor}
    rows = [AccessLog(object_type="casus", **common, **_subject_fields(casus=c)) for c in casussen]
    rows += [AccessLog(object_type="melding", **common, **_subject_fields(melding=m)) for m in meldingen]
    rows += [AccessLog(object_type="persoon", **common, **_subject_fields(person=p)) for p in persons]
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
