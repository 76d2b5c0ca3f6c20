"""Background task (Django's tasks framework): the daily reminder a week before the term
of a betrokkene's request ends (``manage.py send_request_reminders``, e.g. daily from cron;
``make worker`` runs the queue). Idempotent: every term is reminded once."""

from django.tasks import task


@task
def send_request_reminders() -> int:
    from .services import remind_terms

    return remind_terms()
