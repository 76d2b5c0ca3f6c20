"""Benchmark the person matcher on your own data (issue 3's contract):

    python manage.py match_bench --registry R.csv --queries Q.csv --out results.jsonl

Loads R.csv through ``import_registry`` (the app's bulk import) into the configured
database, runs every row of Q.csv through ``find_candidates`` (what triage calls) and
writes one JSON line per query (``"too_little": true`` for a query with none of the
identifying fields, which gets no candidates; see ``search.too_little``). Persons imported
by an earlier run (source ``bench``) are removed first.

After the import the model is trained (issue 14): on the registry and on the query file's
descriptions with their retrieved candidates, never on the truth; it is stored as the active
version (source "import"), as an import into the app would. ``--hand-weights`` skips it."""

import csv
import json
import math
import resource
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from vangnet.persons.matching.csv_contract import QUERY_HEADER, REGISTRY_HEADER
from vangnet.persons.matching.index import delete_source, import_registry
from vangnet.persons.matching.model import TrainedWeights
from vangnet.persons.matching.scoring import HAND_WEIGHTS, Weights
from vangnet.persons.matching.search import find_candidates
from vangnet.persons.matching.store_models import MatchModelSource, PersonSourceRecord
from vangnet.persons.matching.trained import TooSmallToTrain, store_model, train_from_database


def read_csv(path: str, required: list[str]):
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(f"Kan {path} niet openen: {exc}") from exc
    reader = csv.DictReader(f)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        f.close()
        raise CommandError(f"{path} mist de kolommen: {', '.join(missing)}")
    return f, reader


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[max(1, math.ceil(p / 100 * len(sorted_values))) - 1]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tune_sqlite_for_bulk() -> None:
    """Bench only: a throwaway store need not survive a power cut."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cur:
            for pragma in ("synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY", "mmap_size=1073741824"):
                cur.execute(f"PRAGMA {pragma}")


class Command(BaseCommand):
    help = "Laadt een register en meet de persoonsmatcher met een set zoekvragen (JSON lines als uitvoer)."

    def add_arguments(self, parser):
        parser.add_argument("--registry", required=True, help="CSV met het register (record_id,given_names,...)")
        parser.add_argument("--queries", required=True, help="CSV met zoekvragen (query_id,given_names,...)")
        parser.add_argument("--out", required=True, help="uitvoer: één JSON-regel per zoekvraag")
        parser.add_argument("--source", default="bench", help="bronnaam van de geïmporteerde personen")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--limit", type=int, default=10, help="maximaal aantal kandidaten per zoekvraag")
        parser.add_argument(
            "--reuse", action="store_true", help="register niet opnieuw laden als de bron al gevuld is (om te tunen)"
        )
        parser.add_argument("--hand-weights", action="store_true", help="niet trainen: de vaste gewichten")
        parser.add_argument("--train-queries", type=int, default=5000, help="zoekvragen voor de training (EM)")
        parser.add_argument("--model-out", help="schrijf het getrainde model (JSON) hierheen")

    def handle(self, *args, **opts):
        tune_sqlite_for_bulk()
        out = self.stdout
        already = PersonSourceRecord.objects.filter(source=opts["source"]).exists()
        if opts["reuse"] and already:
            out.write(f"register: bron '{opts['source']}' al geladen, niet opnieuw geïmporteerd")
        else:
            if already:
                removed = delete_source(opts["source"])
                out.write(f"register: {removed} personen van een eerdere run verwijderd")
            f, reader = read_csv(opts["registry"], REGISTRY_HEADER)

            def progress(n):
                if n % 100_000 == 0:
                    out.write(f"  {n} geïmporteerd ({time.perf_counter() - t0:.0f} s)")

            t0 = time.perf_counter()
            with f:
                result = import_registry(
                    reader, source=opts["source"], batch_size=opts["batch_size"], progress=progress
                )
            rate = result.persons / result.seconds if result.seconds else 0
            out.write(
                f"import: {result.persons} personen, {result.keys} sleutels in {result.seconds:.1f} s "
                f"({rate:.0f} rijen/s)"
            )
            with connection.cursor() as cur:
                cur.execute("ANALYZE")  # fresh statistics for the planner after a bulk load
        model: Weights = HAND_WEIGHTS
        if not opts["hand_weights"]:
            f, reader = read_csv(opts["queries"], QUERY_HEADER)
            with f:
                descriptions = [row for _, row in zip(range(opts["train_queries"]), reader, strict=False)]
            t1 = time.perf_counter()
            try:
                params = train_from_database(descriptions=descriptions, sample_queries=opts["train_queries"])
            except TooSmallToTrain as exc:
                out.write(f"model: {exc}")
            else:
                model = TrainedWeights(params)
                if opts["model_out"]:
                    with open(opts["model_out"], "w", encoding="utf-8") as mf:
                        json.dump(params, mf, ensure_ascii=False, indent=1)
                out.write(
                    f"model: getraind op {params['record_count']} personen en {params['query_count']} zoekvragen "
                    f"in {time.perf_counter() - t1:.1f} s (aandeel bekend {params['prior_match']:.2f}, "
                    f"geheugen piek {peak_rss_mb():.0f} MB)"
                )
                stored = store_model(params, source=MatchModelSource.IMPORT)
                out.write(f"model: opgeslagen als versie {stored.version} (bron import)")
        latencies: list[float] = []
        too_little = 0
        f, reader = read_csv(opts["queries"], QUERY_HEADER)
        with f, open(opts["out"], "w", encoding="utf-8") as res:
            for row in reader:
                qid = row.pop("query_id")
                t = time.perf_counter()
                cands = find_candidates(row, limit=opts["limit"], model=model)
                ms = (time.perf_counter() - t) * 1000
                latencies.append(ms)
                too_little += cands.too_little
                line = {
                    "query_id": qid,
                    "candidates": [{"record_id": c.record_id, "score": c.score, "verdict": c.verdict} for c in cands],
                    "too_little": cands.too_little,
                    "ms": round(ms, 3),
                }
                res.write(json.dumps(line, ensure_ascii=False) + "\n")
        latencies.sort()
        n = len(latencies)
        out.write(
            f"zoekvragen: {n}, p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
            f"max {latencies[-1] if n else 0:.1f} ms; te weinig om op te zoeken: {too_little}"
        )
        out.write(f"geheugen: piek {peak_rss_mb():.0f} MB (RSS) · database: {connection.vendor}")
        sys.stdout.flush()
