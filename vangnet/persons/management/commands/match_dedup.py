"""Propose duplicate pairs in a registry CSV (issue 3):

    python manage.py match_dedup --registry R.csv --out pairs.csv [--threshold P] [--hand-weights]

Trains the model on the registry itself first (its blocked pairs hold its duplicates; no
truth is read), unless ``--hand-weights``. Writes ``record_id_a,record_id_b,score`` for
review; nothing is merged."""

import csv
import json
import time

from django.core.management.base import BaseCommand

from vangnet.persons.matching.dedup import duplicate_pairs, load
from vangnet.persons.matching.model import TrainedWeights, train
from vangnet.persons.matching.scoring import HAND_WEIGHTS, Weights
from vangnet.persons.matching.search import query_features
from vangnet.persons.matching.trained import MIN_TRAIN_RECORDS

from .match_bench import REGISTRY_HEADER, peak_rss_mb, read_csv

# Above twins at one address (same surname, birth date and house, another given name:
# about 0.27) and father and son with the same names (about 0.1), so family members are
# not proposed as duplicates. A lower --threshold finds more duplicates with typos and
# more family pairs with them.
DEFAULT_THRESHOLD = 0.3
# With a trained model the score is the probability that both records are one person.
TRAINED_THRESHOLD = 0.5


class Command(BaseCommand):
    help = "Stelt mogelijke dubbele personen in een register voor (paren met score, ter beoordeling)."

    def add_arguments(self, parser):
        parser.add_argument("--registry", required=True)
        parser.add_argument("--out", required=True)
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help=f"minimale score (0..1) van een voorgesteld paar (standaard {TRAINED_THRESHOLD}, "
            f"met --hand-weights {DEFAULT_THRESHOLD})",
        )
        parser.add_argument("--hand-weights", action="store_true", help="niet trainen: de vaste gewichten")
        parser.add_argument("--model-out", help="schrijf het getrainde model (JSON) hierheen")

    def handle(self, *args, **opts):
        t0 = time.perf_counter()
        f, reader = read_csv(opts["registry"], REGISTRY_HEADER)
        with f:
            ids, feats = load(reader, query_features)
        model: Weights = HAND_WEIGHTS
        threshold = opts["threshold"]
        if opts["hand_weights"]:
            pass
        elif len(feats) < MIN_TRAIN_RECORDS:
            self.stdout.write(f"model: te weinig records om te trainen ({len(feats)}); de vaste gewichten")
        else:
            t1 = time.perf_counter()
            params = train(feats)
            model = TrainedWeights(params)
            if opts["model_out"]:
                with open(opts["model_out"], "w", encoding="utf-8") as mf:
                    json.dump(params, mf, ensure_ascii=False, indent=1)
            self.stdout.write(f"model getraind op {len(feats)} records in {time.perf_counter() - t1:.1f} s")
        if threshold is None:
            threshold = TRAINED_THRESHOLD if model.trained else DEFAULT_THRESHOLD
        n = 0
        with open(opts["out"], "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow(["record_id_a", "record_id_b", "score"])
            for a, b, score in sorted(duplicate_pairs(ids, feats, threshold, model=model), key=lambda t: -t[2]):
                w.writerow([a, b, score])
                n += 1
        self.stdout.write(
            f"{len(ids)} records, {n} voorgestelde paren in {time.perf_counter() - t0:.1f} s, "
            f"geheugen piek {peak_rss_mb():.0f} MB"
        )
