from django.core.management.base import BaseCommand

from vangnet.wvggz.services import send_due_reminders


class Command(BaseCommand):
    help = "Verstuur de herinneringen (dag 7 en dag 12) voor open Wvggz-onderzoeken. Veilig om vaak te draaien."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} herinnering(en) verstuurd.")
