"""``manage.py apply_retention``: the daily retention run (run it once a day from cron).

Removes the items of the report the privacy officer released (still expired and not held),
deletes expired form drafts and old task results, prunes the access log past its own term
(vangnet.audit, with a checkpoint), and writes today's dry-run report.
``--dry-run`` prints what has passed its term now (kinds, references, dates; never content)
and changes nothing, not even the report."""

from typing import Any

from django.core.management.base import BaseCommand

from vangnet.audit.services import PruneResult, prune_access_log
from vangnet.bewaren import services
from vangnet.bewaren.models import RetentionReport, RetentionRun, Soort


class Command(BaseCommand):
    help = "Bewaartermijnen toepassen (vrijgegeven rapport uitvoeren, nieuw rapport maken). / Apply retention."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tonen wat verlopen is; niets wijzigen. / Only show what has expired; change nothing.",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        if dry_run:
            items = services.plan()
            for item in items:
                state = "blokkade" if item.held else ("nodig: " + item.blocked_by if item.blocked_by else "verlopen")
                self.stdout.write(
                    f"{Soort(item.kind).value}\t{item.reference}\t{item.inactive_since:%Y-%m-%d}\t"
                    f"{item.expires_on:%Y-%m-%d}\t{state}"
                )
            removable = sum(1 for i in items if not i.held and not i.blocked_by)
            self.stdout.write(
                f"{removable} te verwijderen, {len(items) - removable} bewaard (proefrun, niets gewijzigd)"
            )
            log = prune_access_log(dry_run=True)
            self.stdout.write(f"toegangslog: {log.rows_removed} regels ouder dan {log.years} jaar (proefrun)")
            return
        results = services.run_daily()
        runs = [r for step in results if isinstance(step, list) for r in step if isinstance(r, RetentionRun)]
        report = next(r for r in results if isinstance(r, RetentionReport))
        for pruned in (r for r in results if isinstance(r, PruneResult)):
            self.stdout.write(f"toegangslog: {pruned.rows_removed} regels ouder dan {pruned.years} jaar verwijderd")
        for run in runs:
            self.stdout.write(f"verwijderronde {run.pk}: {run.removed} verwijderd, {run.kept} bewaard")
        self.stdout.write(f"bewaarrapport {report.day:%Y-%m-%d}: {report.items.count()} regels")
