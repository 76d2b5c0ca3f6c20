"""``python manage.py train_match_model``: retrain the matcher's model on the registry and
make it the active version (weekly from cron, see README).

``--dry-run`` trains and prints the figures without storing anything; ``--from-file`` stores
params trained elsewhere (source "import"); ``--queue`` leaves the training to the worker."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vangnet.persons.matching import trained
from vangnet.persons.matching.store_models import MatchModelSource
from vangnet.persons.tasks import train_match_model


class Command(BaseCommand):
    help = (
        "Train het zoekmodel personen opnieuw op het register en maak het actief (wekelijks uit cron). "
        "/ Retrain the person matcher's model and make it active."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Train en toon de cijfers, sla niets op.")
        parser.add_argument("--sample-queries", type=int, default=None, help="Aantal zoekvragen voor de schatting.")
        parser.add_argument("--from-file", default="", help="Sla params uit dit JSON-bestand op (bron: import).")
        parser.add_argument("--queue", action="store_true", help="Zet de training in de wachtrij van de worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            if options["dry_run"] or options["from_file"]:
                raise CommandError("--queue gaat niet samen met --dry-run of --from-file.")
            result = train_match_model.enqueue(source=MatchModelSource.SCHEMA)
            self.stdout.write(f"Training in de wachtrij gezet ({result.id}). / Training queued.")
            return
        params = self._params(options)
        if options["dry_run"]:
            try:
                trained.check_params(params)
            except ValueError as exc:
                raise CommandError(f"Ongeldige params: {exc}") from exc
            self.stdout.write(describe(params))
            self.stdout.write("Niets opgeslagen (--dry-run). / Nothing stored.")
            return
        source = MatchModelSource.IMPORT if options["from_file"] else MatchModelSource.SCHEMA
        try:
            version = trained.store_model(params, source=source)
        except ValueError as exc:
            raise CommandError(f"Ongeldige params: {exc}") from exc
        self.stdout.write(describe(params))
        self.stdout.write(f"Versie {version.version} opgeslagen en actief. / Version {version.version} is active.")

    def _params(self, options: dict[str, Any]) -> dict[str, Any]:
        if options["from_file"]:
            try:
                with open(options["from_file"], encoding="utf-8") as fh:
                    return json.load(fh)
            except (OSError, ValueError) as exc:
                raise CommandError(f"Kan {options['from_file']} niet lezen: {exc}") from exc
        kwargs = {} if options["sample_queries"] is None else {"sample_queries": options["sample_queries"]}
        try:
            return trained.train_from_database(**kwargs)
        except trained.TooSmallToTrain as exc:
            raise CommandError(str(exc)) from exc


def describe(params: dict[str, Any]) -> str:
    """The figures of a trained model as plain text lines (counts and weights only)."""
    lines = [
        f"formaat {params.get('format')}, getraind {params.get('trained_at', '?')}",
        f"personen {params.get('record_count')}, zoekvragen {params.get('query_count')}, "
        f"paren {params.get('pair_count')}, iteraties {params.get('iterations', '?')}, "
        f"voorafkans {params.get('prior_match', '?')}",
        f"drempels: {json.dumps(params.get('thresholds', {}))}",
    ]
    for name, comparison in params.get("comparisons", {}).items():
        lines.append(f"{name} ({comparison.get('label', '')}):")
        for level in comparison.get("levels", []):
            lines.append(f"  {level['code']:<24} m={level['m']:.4g} u={level['u']:.4g} gewicht={level['weight']:+.2f}")
    for level in params.get("family", []):
        lines.append(
            f"familie {level['code']:<16} waargenomen={level['observed']} verwacht={level['expected']} "
            f"gewicht={level['weight']:+.2f}"
        )
    return "\n".join(lines)
