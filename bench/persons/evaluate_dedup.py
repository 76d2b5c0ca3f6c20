"""Score proposed duplicate pairs against the generator's dedup ground truth.

    python -m bench.persons.evaluate_dedup --pairs pairs.csv --truth bench/out/persons/dedup_truth.csv \
        [--threshold 0.8] [--json]

``pairs.csv`` has the header ``record_id_a,record_id_b,score`` (score may be empty); pairs are
unordered, repeated pairs and self-pairs are ignored. With ``--threshold`` only pairs scoring at
least that are counted. The output also gives the best F1 over all score thresholds.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def read_truth(path: str) -> set[tuple[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return {_pair(r["record_id_a"].strip(), r["record_id_b"].strip()) for r in csv.DictReader(f)}


def read_pairs(path: str) -> dict[tuple[str, str], float]:
    """Proposed pairs with their best score (missing score counts as +inf: always proposed)."""
    pairs: dict[tuple[str, str], float] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            a, b = r["record_id_a"].strip(), r["record_id_b"].strip()
            if not a or not b or a == b:
                continue
            raw = (r.get("score") or "").strip()
            score = float(raw) if raw else float("inf")
            key = _pair(a, b)
            if score > pairs.get(key, float("-inf")):
                pairs[key] = score
    return pairs


def _prf(tp: int, n_proposed: int, n_true: int) -> dict:
    precision = tp / n_proposed if n_proposed else None
    recall = tp / n_true if n_true else None
    f1 = 2 * tp / (n_proposed + n_true) if (n_proposed + n_true) else None
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate(pairs: dict[tuple[str, str], float], truth: set[tuple[str, str]], threshold: float | None = None) -> dict:
    selected = {k for k, s in pairs.items() if threshold is None or s >= threshold}
    tp = len(selected & truth)
    out = {
        "true_pairs": len(truth),
        "proposed_pairs": len(selected),
        "true_positives": tp,
        "false_positives": len(selected) - tp,
        "false_negatives": len(truth) - tp,
        **_prf(tp, len(selected), len(truth)),
        "threshold": threshold,
    }
    # Best F1 over thresholds: walk the proposals from highest score down.
    ranked = sorted(pairs.items(), key=lambda kv: kv[1], reverse=True)
    best = {"f1": None, "threshold": None, "precision": None, "recall": None}
    tp = 0
    for i, (key, score) in enumerate(ranked, start=1):
        tp += key in truth
        if i < len(ranked) and ranked[i][1] == score:
            continue  # only evaluate at the end of a run of equal scores
        fig = _prf(tp, i, len(truth))
        if fig["f1"] is not None and (best["f1"] is None or fig["f1"] > best["f1"]):
            best = {**fig, "threshold": score if score != float("inf") else None}
    out["best"] = best
    return out


def _fmt(v) -> str:
    return "n/a" if v is None else f"{100 * v:.2f} %"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate proposed duplicate pairs against dedup_truth.csv")
    parser.add_argument("--pairs", required=True, help="pairs.csv: record_id_a,record_id_b,score")
    parser.add_argument("--truth", required=True, help="dedup_truth.csv from the generator")
    parser.add_argument("--threshold", type=float, help="only count pairs with score >= threshold")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    fig = evaluate(read_pairs(args.pairs), read_truth(args.truth), args.threshold)
    if args.json:
        print(json.dumps(fig, indent=2))
    else:
        print(
            f"true pairs {fig['true_pairs']}, proposed {fig['proposed_pairs']}: "
            f"TP {fig['true_positives']}, FP {fig['false_positives']}, FN {fig['false_negatives']}\n"
            f"precision {_fmt(fig['precision'])}, recall {_fmt(fig['recall'])}, F1 {_fmt(fig['f1'])}\n"
            f"best F1 over thresholds: {_fmt(fig['best']['f1'])} at score >= {fig['best']['threshold']} "
            f"(precision {_fmt(fig['best']['precision'])}, recall {_fmt(fig['best']['recall'])})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
