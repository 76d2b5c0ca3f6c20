"""``python manage.py send_notification_digest``: the daily e-mail digest of the
notifications each user chose to get that way. Run it once a day from cron;
running it again the same day sends nothing (one digest per user per day)."""

from django.core.management.base import BaseCommand

from vangnet.notifications.services import send_digests


class Command(BaseCommand):
    help = "Verstuur het dagoverzicht van notificaties. / Send the daily digest of notifications."

    def handle(self, *args: object, **options: object) -> None:
        made = send_digests()
        self.stdout.write(f"dagoverzichten {made}. / digests queued.")
