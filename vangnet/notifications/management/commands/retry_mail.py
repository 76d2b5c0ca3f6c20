"""``python manage.py retry_mail``: send every e-mail that waits and is due
(failed earlier, or its task was lost). Run it from cron every few minutes."""

from django.core.management.base import BaseCommand

from vangnet.notifications.mail import retry_due_mail


class Command(BaseCommand):
    help = "Verstuur wachtende e-mails die aan de beurt zijn. / Send waiting e-mails that are due."

    def handle(self, *args, **options):
        counts = retry_due_mail()
        self.stdout.write(
            "verzonden {verzonden}, wacht nog {wacht}, mislukt {mislukt}. / sent, still waiting, failed.".format(
                **counts
            )
        )
