"""Background task (Django's tasks framework): the daily reminder about
vinger-aan-de-polscontroles that became due (``manage.py send_follow_up_reminders``,
e.g. daily from cron; ``make worker`` runs the queue). Idempotent: every check
is reminded once."""

from django.tasks import task


@task
def send_follow_up_reminders() -> int:
    from .services import remind_due_follow_ups

    return remind_due_follow_ups()
