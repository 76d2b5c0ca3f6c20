"""Background tasks (Django's tasks framework) for the Wvggz term reminders.

``send_wvggz_reminder`` is queued at opening with ``run_after`` day 7 and day
12 (database worker); ``send_due_wvggz_reminders`` is the periodic sweep
(``manage.py send_wvggz_reminders``, e.g. hourly from cron) that catches
anything the queue missed. Both are idempotent."""

from django.tasks import task


@task
def send_wvggz_reminder(onderzoek_id: int, kind: str) -> bool:
    from .models import Onderzoek
    from .services import send_reminder

    onderzoek = Onderzoek.objects.filter(pk=onderzoek_id).first()
    return bool(onderzoek) and send_reminder(onderzoek, kind)


@task
def send_due_wvggz_reminders() -> int:
    from .services import send_due_reminders

    return send_due_reminders()
