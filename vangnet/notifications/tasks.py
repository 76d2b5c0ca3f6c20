"""Background task (Django's tasks framework): one delivery attempt of an
OutgoingMail. Retries are re-enqueued with ``run_after`` by
vangnet.notifications.mail; ``manage.py retry_mail`` is the cron sweep."""

from django.tasks import task


@task
def deliver_mail(mail_id: int) -> str:
    from .mail import deliver

    return deliver(mail_id)


@task
def send_notification_digest() -> int:
    """The daily digests (the same as ``manage.py send_notification_digest``)."""
    from .services import send_digests

    return send_digests()
