from django.core.management.base import BaseCommand

from vangnet.audit.services import log_access_log_head


class Command(BaseCommand):
    help = (
        "Schrijf de kop van de toegangslogketen (volgnummer en hash) naar het beveiligingslog, "
        "zodat er een kopie buiten de database is. Dagelijks uit cron."
    )

    def handle(self, *args, **options):
        seq, head_hash = log_access_log_head()
        self.stdout.write(f"Kop van het toegangslog: {seq}:{head_hash}")
