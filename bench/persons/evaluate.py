"""Score a matcher's results against the generator's ground truth.

    python -m bench.persons.evaluate --results results.jsonl --truth bench/out/persons/truth.csv \
        [--meta bench/out/persons/query_meta.csv] [--json] [--check]

``results.jsonl`` has one line per query:
``{"query_id": "...", "candidates": [{"record_id": "...", "score": 0.97, "verdict": "match"}, ...], "ms": 1.8}``
with candidates best first (the order given is used as the ranking). A query in the truth file
without a result line counts as a query with no candidates.

Figures:
- recall@1 / @5 / @10: of the queries that have a true person, the share with that person at rank 1 /
  among the first 5 / 10 candidates;
- match precision: of all candidates with verdict ``match`` (over all queries), the share that is
  the true person of that query;
- false-match rate: of the queries about people not in the registry, the share with any ``match``;
- true person's verdict: of the queries that have a true person, the share where that person is
  among the candidates with verdict ``match``, and with ``match`` or ``possible``;
- latency percentiles of ``ms`` (nearest-rank).

Queries with too little to search on (issue 14): a result line with ``"too_little": true`` is a
query without any identifying field (surname, date of birth, age, BSN, phone, or an address:
postcode, house number or street; ``csv_contract.IDENTIFYING_QUERY_FIELDS``). "Liam" alone, or a
sex, a town and "zwerft rond de haven", cannot single out one of 100,000 people whatever the
matcher does: it returns no candidates for them. The figures are then also given separately for
the queries with an identifying field and for the too-little ones, the recall@5 target is checked
on the former, and ``too_little`` counts them (and any such line that still has a ``match`` or
``possible`` candidate, which breaks the contract). For results without the flag, ``--queries``
(the queries CSV) makes the same split from the fields themselves.

With ``--meta`` (the generator's ``query_meta.csv``) the figures are also broken down per query
variation and per kind of absent person. ``--check`` exits with status 1 when the targets of
issue 3 are not met (recall@5 >= 0.99 (over the queries with an identifying field when the split
is known), match precision >= 0.995, false-match rate <= 0.005).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import defaultdict

from vangnet.persons.matching.csv_contract import IDENTIFYING_QUERY_FIELDS

TARGETS = {"recall_at_5": (">=", 0.99), "match_precision": (">=", 0.995), "false_match_rate": ("<=", 0.005)}


def read_truth(path: str) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as f:
        return {row["query_id"]: (row.get("record_id") or "").strip() for row in csv.DictReader(f)}


def read_results(path: str) -> dict[str, dict]:
    results: dict[str, dict] = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{lineno}: not valid JSON: {exc}") from exc
            results[str(obj["query_id"])] = obj
    return results


IDENTIFYING_FIELDS = IDENTIFYING_QUERY_FIELDS


def read_identifiable(path: str) -> dict[str, bool]:
    """query_id -> whether the query has at least one identifying field (as typed: the
    matcher's own flag in the results also discards a BSN failing the elfproef and the like)."""
    with open(path, newline="", encoding="utf-8") as f:
        return {
            row["query_id"]: any((row.get(k) or "").strip() for k in IDENTIFYING_FIELDS) for row in csv.DictReader(f)
        }


def read_meta(path: str) -> dict[str, dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return {row["query_id"]: row for row in csv.DictReader(f)}


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


class _Tally:
    def __init__(self):
        self.present = self.absent = 0
        self.hit1 = self.hit5 = self.hit10 = 0
        self.true_match = self.true_match_or_possible = 0
        self.absent_with_match = 0
        self.match_verdicts = self.match_correct = 0
        self.present_wrong_match = 0

    def add(self, truth: str, candidates: list[dict]) -> None:
        ids = [str(c.get("record_id", "")) for c in candidates]
        verdicts = [c.get("verdict", "") for c in candidates]
        matches = [rid for rid, v in zip(ids, verdicts, strict=True) if v == "match"]
        self.match_verdicts += len(matches)
        if truth:
            self.present += 1
            self.match_correct += sum(1 for rid in matches if rid == truth)
            if ids[:1] == [truth]:
                self.hit1 += 1
            if truth in ids[:5]:
                self.hit5 += 1
            if truth in ids[:10]:
                self.hit10 += 1
            true_verdicts = {v for rid, v in zip(ids, verdicts, strict=True) if rid == truth}
            if "match" in true_verdicts:
                self.true_match += 1
            if true_verdicts & {"match", "possible"}:
                self.true_match_or_possible += 1
            if any(rid != truth for rid in matches):
                self.present_wrong_match += 1
        else:
            self.absent += 1
            if matches:
                self.absent_with_match += 1

    def figures(self) -> dict:
        return {
            "queries": self.present + self.absent,
            "present": self.present,
            "absent": self.absent,
            "recall_at_1": _ratio(self.hit1, self.present),
            "recall_at_5": _ratio(self.hit5, self.present),
            "recall_at_10": _ratio(self.hit10, self.present),
            "match_verdicts": self.match_verdicts,
            "match_precision": _ratio(self.match_correct, self.match_verdicts),
            "false_match_rate": _ratio(self.absent_with_match, self.absent),
            "true_person_match": _ratio(self.true_match, self.present),
            "true_person_match_or_possible": _ratio(self.true_match_or_possible, self.present),
            "present_with_wrong_match": _ratio(self.present_wrong_match, self.present),
        }


def evaluate(
    results: dict[str, dict],
    truth: dict[str, str],
    meta: dict[str, dict] | None = None,
    identifiable: dict[str, bool] | None = None,
) -> dict:
    total = _Tally()
    by_identifiable: dict[bool, _Tally] = defaultdict(_Tally)
    by_tag: dict[str, _Tally] = defaultdict(_Tally)
    by_kind: dict[str, _Tally] = defaultdict(_Tally)
    by_source: dict[str, _Tally] = defaultdict(_Tally)
    missing = 0
    latencies: list[float] = []
    # The split by identifying field: the matcher's flag where the results carry it, else the
    # queries CSV (a query known to neither counts as one with an identifying field).
    split = identifiable is not None or any("too_little" in r for r in results.values())
    too_little = {"queries": 0, "present": 0, "absent": 0, "with_match_or_possible": 0}
    for qid, true_id in truth.items():
        result = results.get(qid)
        if result is None:
            missing += 1
            candidates: list[dict] = []
        else:
            candidates = result.get("candidates") or []
            if result.get("ms") is not None:
                latencies.append(float(result["ms"]))
        total.add(true_id, candidates)
        if split:
            if result is not None and "too_little" in result:
                has_field = not result["too_little"]
            else:
                has_field = identifiable.get(qid, True) if identifiable is not None else True
            by_identifiable[has_field].add(true_id, candidates)
            if not has_field:
                too_little["queries"] += 1
                too_little["present" if true_id else "absent"] += 1
                if any(c.get("verdict") in ("match", "possible") for c in candidates):
                    too_little["with_match_or_possible"] += 1
        if meta is not None and qid in meta:
            row = meta[qid]
            for tag in filter(None, (row.get("variations") or "").split(";")):
                by_tag[tag].add(true_id, candidates)
            if not true_id:
                by_kind[row.get("absent_kind") or "absent"].add(true_id, candidates)
            by_source[row.get("source") or ""].add(true_id, candidates)
    latencies.sort()
    out = total.figures()
    out["results_missing"] = missing
    out["results_not_in_truth"] = sum(1 for qid in results if qid not in truth)
    out["latency_ms"] = {
        "n": len(latencies),
        "mean": sum(latencies) / len(latencies) if latencies else None,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "max": latencies[-1] if latencies else None,
    }
    if split:
        out["identifiable"] = by_identifiable[True].figures()
        out["not_identifiable"] = by_identifiable[False].figures()
        out["too_little"] = too_little
    # Issue 14: the recall target is over the queries with an identifying field.
    target_figures = {**out, "recall_at_5": out["identifiable"]["recall_at_5"]} if split else out
    out["targets"] = {name: _meets(target_figures[name], op, bound) for name, (op, bound) in TARGETS.items()}
    if meta is not None:
        out["by_variation"] = {tag: t.figures() for tag, t in sorted(by_tag.items())}
        out["by_absent_kind"] = {kind: t.figures() for kind, t in sorted(by_kind.items())}
        out["by_source"] = {src: t.figures() for src, t in sorted(by_source.items())}
    return out


def _meets(value: float | None, op: str, bound: float) -> bool | None:
    if value is None:
        return None
    return value >= bound if op == ">=" else value <= bound


def _fmt(value, pct: bool = True) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float) and pct:
        return f"{100 * value:.2f} %"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def format_text(fig: dict) -> str:
    lines = [
        f"queries: {fig['queries']} ({fig['present']} with a true person, {fig['absent']} absent); "
        f"missing results: {fig['results_missing']}",
        f"recall@1:                         {_fmt(fig['recall_at_1'])}",
        f"recall@5:                         {_fmt(fig['recall_at_5'])}",
        f"recall@10:                        {_fmt(fig['recall_at_10'])}",
        f"match precision:                  {_fmt(fig['match_precision'])} ({fig['match_verdicts']} match verdicts)",
        f"false-match rate (absent):        {_fmt(fig['false_match_rate'])}",
        f"true person verdict match:        {_fmt(fig['true_person_match'])}",
        f"true person match or possible:    {_fmt(fig['true_person_match_or_possible'])}",
        f"present queries with wrong match: {_fmt(fig['present_with_wrong_match'])}",
    ]
    lat = fig["latency_ms"]
    lines.append(
        "latency ms: "
        + ", ".join(f"{k} {_fmt(lat[k], pct=False)}" for k in ("mean", "p50", "p95", "p99", "max"))
        + f" (n={lat['n']})"
    )
    lines.append(
        "targets: "
        + ", ".join(
            f"{name} {op} {bound}: {'ok' if fig['targets'][name] else ('n/a' if fig['targets'][name] is None else 'MISSED')}"
            for name, (op, bound) in TARGETS.items()
        )
    )
    if "identifiable" in fig:
        few = fig["too_little"]
        lines.append(
            f"too little to search on: {few['queries']} queries ({few['present']} with a true person, "
            f"{few['absent']} absent); with a match or possible candidate: {few['with_match_or_possible']}"
        )
        for key, label in (("identifiable", "with"), ("not_identifiable", "without")):
            f = fig[key]
            lines.append(
                f"recall@5 {label} an identifying field: {_fmt(f['recall_at_5'])} "
                f"(of {f['present']} present queries; match precision {_fmt(f['match_precision'])})"
            )
        lines.append("(the recall@5 target is checked on the queries with an identifying field)")
    if "by_variation" in fig:
        lines.append("")
        lines.append(
            f"{'variation (present queries)':<28} {'n':>6} {'recall@1':>9} {'recall@5':>9} {'match':>8} {'m/poss':>8}"
        )
        for tag, f in fig["by_variation"].items():
            if f["present"]:
                lines.append(
                    f"{tag:<28} {f['present']:>6} {_fmt(f['recall_at_1']):>9} {_fmt(f['recall_at_5']):>9} "
                    f"{_fmt(f['true_person_match']):>8} {_fmt(f['true_person_match_or_possible']):>8}"
                )
        lines.append("")
        lines.append(f"{'absent kind':<28} {'n':>6} {'false match':>12}")
        for kind, f in fig["by_absent_kind"].items():
            lines.append(f"{kind:<28} {f['absent']:>6} {_fmt(f['false_match_rate']):>12}")
        lines.append("")
        lines.append(f"{'source':<28} {'n':>6} {'recall@5':>9} {'false match':>12}")
        for src, f in fig["by_source"].items():
            lines.append(f"{src:<28} {f['queries']:>6} {_fmt(f['recall_at_5']):>9} {_fmt(f['false_match_rate']):>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate person-matching results against truth.csv")
    parser.add_argument("--results", required=True, help="results.jsonl from match_bench")
    parser.add_argument("--truth", required=True, help="truth.csv from the generator")
    parser.add_argument("--meta", help="query_meta.csv from the generator, for a breakdown per variation")
    parser.add_argument(
        "--queries",
        help="queries.csv, to split recall by whether a query has an identifying field (for results "
        "without the too_little flag)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit with status 1 if a target is missed")
    args = parser.parse_args(argv)
    fig = evaluate(
        read_results(args.results),
        read_truth(args.truth),
        read_meta(args.meta) if args.meta else None,
        read_identifiable(args.queries) if args.queries else None,
    )
    if args.json:
        print(json.dumps(fig, indent=2))
    else:
        print(format_text(fig))
    if args.check and not all(fig["targets"].values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
