"""``python manage.py send_request_reminders``: queue the daily reminder about the terms of
betrokkenen's requests that end within a week (run it daily from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from vangnet.verzoeken.tasks import send_request_reminders


class Command(BaseCommand):
    help = "Zet de herinnering over termijnen van verzoeken in de wachtrij. / Queue request term reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_request_reminders.enqueue()
        self.stdout.write(f"Herinneringen in de wachtrij gezet ({result.id}). / Reminders queued.")
