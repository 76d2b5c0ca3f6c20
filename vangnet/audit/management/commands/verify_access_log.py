import re

from django.core.management.base import BaseCommand, CommandError

from vangnet.audit.services import verify_access_log

HEAD = re.compile(r"^(\d+):([0-9a-f]{64})$")


class Command(BaseCommand):
    help = (
        "Controleer de hashketen van het toegangslog: meldt de eerste gewijzigde, ingevoegde of "
        "ontbrekende rij (exitcode 1), anders 'OK, N rijen, kop <hash>'. Na opschoning van rijen ouder dan "
        "de bewaartermijn begint de controle bij het laatste controlepunt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kop",
            metavar="SEQ:HASH",
            help="Een eerder vastgelegde kop (uit het beveiligingslog) die in de keten moet voorkomen.",
        )
        parser.add_argument("--batch", type=int, default=2000, help="Rijen per leesronde.")

    def handle(self, *args, **options):
        expected = None
        if options["kop"]:
            match = HEAD.match(options["kop"].strip().lower())
            if not match:
                raise CommandError("--kop moet de vorm SEQ:HASH hebben (volgnummer, dubbele punt, 64 hex-tekens).")
            expected = (int(match[1]), match[2])
        result = verify_access_log(expected_head=expected, batch_size=max(1, options["batch"]))
        if not result.ok:
            where = f" (id {result.row_id}, seq {result.seq})" if result.row_id is not None else ""
            raise CommandError(
                f"Toegangslog NIET in orde{where}: {result.problem}. {result.count} rijen tot daar in orde.",
                returncode=1,
            )
        since = f" (vanaf controlepunt {result.checkpoint_seq})" if result.checkpoint_seq is not None else ""
        self.stdout.write(f"OK, {result.count} rijen{since}, kop {result.head_hash}")
        if result.note:
            self.stdout.write(f"Let op: {result.note}.")
