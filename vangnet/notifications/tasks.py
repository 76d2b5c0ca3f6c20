"""Background task (Django's tasks framework): one delivery attempt of an
OutgoingMail. Retries are re-enqueued with ``run_after`` by
vangnet.notifications.mail; ``manage.py retry_mail`` is the cron sweep."""

from django.tasks import task


@task
def deliver_mail(mail_id: int) -> str:
    from .mail import deliver

    return deliver(mail_id)
