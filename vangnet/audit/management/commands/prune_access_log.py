from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vangnet.audit.services import prune_access_log


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M:%S}" if value else "-"


class Command(BaseCommand):
    help = (
        "Verwijder de rijen van het toegangslog die ouder zijn dan de bewaartermijn "
        "(VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN, minstens 5 jaar, NEN 7513) achter een controlepunt, "
        "zodat de hashketen controleerbaar blijft. --dry-run laat zien wat zou gaan en verandert niets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alleen laten zien wat verwijderd zou worden.")

    def handle(self, *args: object, **options: Any) -> None:
        result = prune_access_log(dry_run=options["dry_run"])
        term = f"Bewaartermijn toegangslog: {result.years} jaar (grens {_when(result.cutoff)} UTC)."
        if not result.rows_removed:
            self.stdout.write(f"{term} Niets ouder dan de bewaartermijn.")
            return
        what = (
            f"{result.rows_removed} rijen, volgnummer {result.first_seq} t/m {result.last_seq} "
            f"(van {_when(result.oldest)} tot {_when(result.youngest)} UTC); "
            f"controlepunt {result.last_seq}:{result.checkpoint_hash}"
        )
        if result.dry_run:
            self.stdout.write(f"{term} Zou verwijderen: {what}. Er is niets veranderd (--dry-run).")
            return
        assert result.log_row is not None  # noqa: S101 - written by the service when rows were removed
        self.stdout.write(
            f"{term} Verwijderd: {what}; vastgelegd in het toegangslog als volgnummer {result.log_row.seq}."
        )
