"""Propose duplicate pairs in a registry CSV (issue 3):

    python manage.py match_dedup --registry R.csv --out pairs.csv [--threshold 0.3]

Writes ``record_id_a,record_id_b,score`` for review; nothing is merged."""

import csv
import time

from django.core.management.base import BaseCommand

from vangnet.persons.matching.dedup import duplicate_pairs, load
from vangnet.persons.matching.search import query_features

from .match_bench import REGISTRY_HEADER, peak_rss_mb, read_csv

# Above twins at one address (same surname, birth date and house, another given name:
# about 0.27) and father and son with the same names (about 0.1), so family members are
# not proposed as duplicates. A lower --threshold finds more duplicates with typos and
# more family pairs with them.
DEFAULT_THRESHOLD = 0.3


class Command(BaseCommand):
    help = "Stelt mogelijke dubbele personen in een register voor (paren met score, ter beoordeling)."

    def add_arguments(self, parser):
        parser.add_argument("--registry", required=True)
        parser.add_argument("--out", required=True)
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help="minimale score (0..1) van een voorgesteld paar",
        )

    def handle(self, *args, **opts):
        t0 = time.perf_counter()
        f, reader = read_csv(opts["registry"], REGISTRY_HEADER)
        with f:
            ids, feats = load(reader, query_features)
        n = 0
        with open(opts["out"], "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow(["record_id_a", "record_id_b", "score"])
            for a, b, score in sorted(duplicate_pairs(ids, feats, opts["threshold"]), key=lambda t: -t[2]):
                w.writerow([a, b, score])
                n += 1
        self.stdout.write(
            f"{len(ids)} records, {n} voorgestelde paren in {time.perf_counter() - t0:.1f} s, "
            f"geheugen piek {peak_rss_mb():.0f} MB"
        )
