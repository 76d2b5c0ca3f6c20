"""``python manage.py send_follow_up_reminders``: queue the daily reminder about
due vinger-aan-de-polscontroles (run it daily from cron)."""

from django.core.management.base import BaseCommand

from vangnet.network.tasks import send_follow_up_reminders


class Command(BaseCommand):
    help = "Zet de herinnering over vinger-aan-de-polscontroles in de wachtrij. / Queue follow-up reminders."

    def handle(self, *args, **options):
        result = send_follow_up_reminders.enqueue()
        self.stdout.write(f"Herinneringen in de wachtrij gezet ({result.id}). / Reminders queued.")
