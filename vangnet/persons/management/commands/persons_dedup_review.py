"""Propose likely duplicate persons in the app's registry for review by a teamleider:

    python manage.py persons_dedup_review [--threshold 0.5]

Stores new proposals as DuplicateCandidate rows (grouped in clusters); pairs that
were already reviewed are not proposed again. Nothing is merged."""

from django.core.management.base import BaseCommand

from vangnet.persons.services import propose_duplicates


class Command(BaseCommand):
    help = "Stelt mogelijke dubbele personen in het register voor, ter beoordeling door de teamleider."

    def add_arguments(self, parser):
        parser.add_argument("--threshold", type=float, default=0.5, help="minimale score (0..1) van een voorstel")

    def handle(self, *args, **opts):
        result = propose_duplicates(threshold=opts["threshold"])
        self.stdout.write(
            f"{result['persons']} personen bekeken, {result['pairs']} mogelijke paren in {result['clusters']} "
            f"clusters, {result['new']} nieuwe voorstellen."
        )
