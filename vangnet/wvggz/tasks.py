"""Background tasks (Django's tasks framework) for the Wvggz term reminders.

``send_wvggz_reminder`` is queued at opening with ``run_after`` day 7 and day
12 (database worker); ``send_due_wvggz_reminders`` is the periodic sweep
(``manage.py send_wvggz_reminders``, e.g. hourly from cron) that catches
anything the queue missed. Both are idempotent.

Tasks call the services, never the other way round: opening an onderzoek sends
``signals.onderzoek_opened``, which ``WvggzConfig.ready()`` connects to
``schedule_reminders``."""

from django.tasks import task

from . import services
from .deadlines import REMINDER_DAYS, reminder_moment
from .models import Onderzoek


@task
def send_wvggz_reminder(onderzoek_id: int, kind: str) -> bool:
    onderzoek = Onderzoek.objects.filter(pk=onderzoek_id).first()
    return bool(onderzoek) and services.send_reminder(onderzoek, kind)


@task
def send_due_wvggz_reminders() -> int:
    return services.send_due_reminders()


def schedule_reminders(sender=None, *, onderzoek: Onderzoek, **kwargs) -> None:
    """Queue the day-7 and day-12 reminders when the task backend can defer
    (the database worker); otherwise the periodic sweep sends them."""
    backend = send_wvggz_reminder.get_backend()
    if not backend.supports_defer:
        return
    for kind in REMINDER_DAYS:
        send_wvggz_reminder.using(run_after=reminder_moment(onderzoek.melding.received_at, kind)).enqueue(
            onderzoek.pk, kind
        )
