"""E-mail through the task queue, with retries and a delivery record.

``queue_mail`` stores an OutgoingMail ("wacht") and, once the transaction
commits, enqueues ``deliver_mail``. One attempt claims the row with a
conditional UPDATE (so the task and the sweep never send it twice at the
same moment), sends it, and records the result: "verzonden", or the kind of
error and a later ``next_attempt_at`` (backoff). After
``VANGNET_MAIL_MAX_ATTEMPTS`` failed attempts the mail is "mislukt".

A retry is re-enqueued with ``run_after`` when the task backend can defer
(the database worker); ``manage.py retry_mail`` (cron, every few minutes)
sends whatever is due in any case, so a lost task or an enqueue failure only
delays a mail. A failure never reaches the page that asked for the mail."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutgoingMail

logger = logging.getLogger(__name__)

Status = OutgoingMail.Status
Kind = OutgoingMail.Kind

# Wait after the n-th failed attempt (the last value repeats).
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))


def max_attempts() -> int:
    return max(1, getattr(settings, "VANGNET_MAIL_MAX_ATTEMPTS", 5))


# While one attempt runs nobody else may start one; after this it counts as lost
# (well above EMAIL_TIMEOUT, so a slow server is not sent the same mail twice).
LEASE = timedelta(minutes=5)


def queue_mail(*, kind: str, to: str, subject: str, body: str, follow_ups=(), **links) -> OutgoingMail:
    """Store one mail and send it after commit; ``links``: status_message=, wvggz_reminder=."""
    mail = OutgoingMail.objects.create(kind=kind, to=to, subject=subject[:300], body=body, **links)
    if follow_ups:
        mail.follow_ups.set(follow_ups)
    transaction.on_commit(lambda: enqueue_delivery(mail.pk))
    return mail


def enqueue_delivery(mail_id: int, run_after: datetime | None = None) -> None:
    from .tasks import deliver_mail

    try:
        task = deliver_mail
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # the immediate backend cannot wait: retry_mail picks it up
            task = task.using(run_after=run_after)
        task.enqueue(mail_id)
    except Exception:
        logger.exception("enqueueing e-mail %s failed", mail_id)


def _error_kind(exc: Exception) -> str:
    """What went wrong, without content: the class and an SMTP code, not str(exc)."""
    code = getattr(exc, "smtp_code", None)
    return (type(exc).__name__ + (f" (SMTP {code})" if code else ""))[:200]


def deliver(mail_id: int, *, now: datetime | None = None) -> str:
    """One delivery attempt if the mail is due; returns its status afterwards."""
    now = now or timezone.now()
    claimed = OutgoingMail.objects.filter(pk=mail_id, status=Status.WACHT, next_attempt_at__lte=now).update(
        attempts=F("attempts") + 1, next_attempt_at=now + LEASE
    )
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    if mail is None:
        return ""
    if not claimed:
        return mail.status
    try:
        EmailMessage(mail.subject, mail.body, None, [mail.to]).send()
    except Exception as exc:  # noqa: BLE001 - any failure is a failed attempt, never a crash
        return _record_failure(mail, exc, now)
    OutgoingMail.objects.filter(pk=mail.pk).update(status=Status.VERZONDEN, sent_at=timezone.now(), last_error="")
    return Status.VERZONDEN


def _record_failure(mail: OutgoingMail, exc: Exception, now: datetime) -> str:
    error = _error_kind(exc)
    logger.warning("e-mail %s attempt %s failed: %s", mail.pk, mail.attempts, error)
    if mail.attempts >= max_attempts():
        OutgoingMail.objects.filter(pk=mail.pk).update(status=Status.MISLUKT, last_error=error)
        return Status.MISLUKT
    retry_at = now + BACKOFF[min(mail.attempts, len(BACKOFF)) - 1]
    OutgoingMail.objects.filter(pk=mail.pk).update(last_error=error, next_attempt_at=retry_at)
    enqueue_delivery(mail.pk, run_after=retry_at)
    return Status.WACHT


def retry_due_mail(*, now: datetime | None = None) -> dict[str, int]:
    """Attempt every waiting mail that is due (``manage.py retry_mail``); counts per resulting status."""
    now = now or timezone.now()
    counts = dict.fromkeys(Status.values, 0)
    due = OutgoingMail.objects.filter(status=Status.WACHT, next_attempt_at__lte=now).order_by("next_attempt_at")
    for mail_id in list(due.values_list("pk", flat=True)):
        status = deliver(mail_id, now=now)
        if status:
            counts[status] += 1
    return counts
