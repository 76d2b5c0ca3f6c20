"""Nothing typed is lost when the session expires (issue 12, ADR 0009).

A form posted after the 30 idle minutes (SESSION_COOKIE_AGE) reaches Vangnet
without a session: the database backend has forgotten who it was. So the
browser also carries an **owner cookie**: a signed, HttpOnly, SameSite=Strict
cookie with only the user id, set once the user is fully logged in (password
and TOTP) and deleted at logout. It grants nothing: it only lets a POST that
arrives without a session be kept as a :class:`~vangnet.accounts.models.FormDraft`
of that user, and the draft is shown only after that same user logged in again
with both factors. A draft bound to a random token instead (and to whoever
logs in next) would show one worker's typed notes to a colleague who logs in
on the same shared phone; the user id avoids that.

Drafts live in the database, never in the browser's storage; they expire after
DRAFT_LIFETIME, are deleted when shown, and never hold a password, a token
or a CSRF token. Their creation and use are access-log rows (writes and
reads of personal data).
"""

import re
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase, QueryDict
from django.utils import timezone

from vangnet.audit.services import Action, AuditContext, ObjectType, audit

from .models import FormDraft, User

OWNER_COOKIE = "vangnet_eigenaar"
_OWNER_SALT = "vangnet.accounts.drafts.owner"
# A working day: after that a POST without a session is not kept for anyone.
OWNER_MAX_AGE = 12 * 60 * 60
# The cookie is signed again after this long, so it lasts a day of activity.
_OWNER_REFRESH = 60 * 60
DRAFT_LIFETIME = timedelta(hours=24)
# Older drafts of the same user beyond this are dropped (a runaway tab posting).
MAX_DRAFTS_PER_USER = 10
# Set in the session at re-login while the user has drafts to be shown.
PENDING_SESSION_KEY = "vangnet_drafts_pending"
# Never stored: secrets, and the one-time tokens of the form itself.
_SECRET_FIELD = re.compile(r"csrf|pass|wachtwoord|token|secret|otp", re.IGNORECASE)
_MAX_VALUE_CHARS = 20_000


def _owner_value(user_id: int) -> str:
    return signing.dumps({"u": user_id, "t": int(time.time())}, salt=_OWNER_SALT, compress=False)


def _owner_payload(request: HttpRequest) -> dict | None:
    value = request.COOKIES.get(OWNER_COOKIE)
    if not value:
        return None
    try:
        payload = signing.loads(value, salt=_OWNER_SALT, max_age=OWNER_MAX_AGE)
    except signing.BadSignature:
        return None
    return payload if isinstance(payload, dict) and isinstance(payload.get("u"), int) else None


def owner_of(request: HttpRequest) -> User | None:
    """The user whose browser this was, from the owner cookie, or None."""
    payload = _owner_payload(request)
    if payload is None:
        return None
    return User.objects.filter(pk=payload["u"], is_active=True).first()


def keep_owner_cookie(request: HttpRequest, response: HttpResponseBase, user: User) -> None:
    """Set (or refresh) the owner cookie of a fully logged-in ``user``."""
    payload = _owner_payload(request)
    if payload is not None and payload["u"] == user.pk and time.time() - payload.get("t", 0) < _OWNER_REFRESH:
        return
    response.set_cookie(
        OWNER_COOKIE,
        _owner_value(user.pk),
        # No max_age: gone with the browser, like the session (the signature expires too).
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def forget_owner(response: HttpResponseBase) -> None:
    response.delete_cookie(OWNER_COOKIE, samesite="Strict")


def _kept_fields(post: QueryDict) -> dict[str, list[str]]:
    return {
        name: [value[:_MAX_VALUE_CHARS] for value in values]
        for name, values in post.lists()
        if not _SECRET_FIELD.search(name)
    }


@transaction.atomic
def keep_draft(
    user: User, *, page: str, action: str, post: QueryDict, context: AuditContext | None = None
) -> FormDraft | None:
    """Keep what ``user`` posted to ``action`` from ``page`` after the session had
    expired. Nothing but secrets posted: no draft."""
    fields = _kept_fields(post)
    if not any(value.strip() for values in fields.values() for value in values):
        return None
    delete_expired_drafts()
    draft = FormDraft.objects.create(
        user=user, page=page[:500], action=action[:500], fields=fields, expires_at=timezone.now() + DRAFT_LIFETIME
    )
    stale = FormDraft.objects.filter(user=user).values_list("pk", flat=True)[MAX_DRAFTS_PER_USER:]
    FormDraft.objects.filter(pk__in=list(stale)).delete()
    audit(
        user,
        Action.CREATE,
        context=context,
        object_type=ObjectType.BEWAARD_FORMULIER,
        detail=f"formulier bewaard na verlopen sessie: {action}"[:300],
    )
    return draft


def live_drafts(user: User) -> QuerySet[FormDraft]:
    return FormDraft.objects.filter(user=user, expires_at__gt=timezone.now())


def page_of_latest_draft(user: User) -> str | None:
    """Where ``user`` should land after logging in again, if a draft waits."""
    draft = live_drafts(user).first()
    return draft.page if draft is not None else None


@transaction.atomic
def take_draft(user: User, page: str, *, context: AuditContext | None = None) -> FormDraft | None:
    """The newest draft of ``user`` for ``page``, deleted now it is shown again
    (one access-log read row). Only ever the user's own drafts."""
    draft = live_drafts(user).filter(page=page).select_for_update().first()
    if draft is None:
        return None
    draft.delete()
    audit(
        user,
        Action.READ,
        context=context,
        object_type=ObjectType.BEWAARD_FORMULIER,
        detail=f"bewaard formulier teruggezet: {draft.action}"[:300],
    )
    return draft


def delete_drafts_of(user: User) -> int:
    """At logout: what was kept is forgotten with the session."""
    return FormDraft.objects.filter(user=user).delete()[0]


def delete_expired_drafts() -> int:
    return FormDraft.objects.filter(expires_at__lte=timezone.now()).delete()[0]
