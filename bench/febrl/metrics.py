"""Precision / recall / F1 for predicted pairs, the decision rules both systems share, and a
best-F1 sweep over score thresholds. Plain Python, no pandas."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def prf(predicted: set, truth: set) -> dict:
    tp = len(predicted & truth)
    fp = len(predicted) - tp
    fn = len(truth) - tp
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def best_f1(scored: Iterable[tuple[tuple, float]], n_truth: int, truth: set) -> dict:
    """Sweep every threshold over scored candidate pairs (each pair once): predicted = pairs with
    score >= threshold. Returns the threshold with the highest F1 and its figures."""
    items = sorted(scored, key=lambda x: -x[1])
    best = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": n_truth, "threshold": None}
    tp = fp = 0
    i = 0
    while i < len(items):
        score = items[i][1]
        # take all ties at this score together
        while i < len(items) and items[i][1] == score:
            if items[i][0] in truth:
                tp += 1
            else:
                fp += 1
            i += 1
        p = tp / (tp + fp)
        r = tp / n_truth if n_truth else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best["f1"]:
            best = {"precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": n_truth - tp, "threshold": score}
    return best


def top1_per_query(candidates: Mapping[str, list[tuple[str, float, str]]]) -> dict[str, tuple[str, float, str]]:
    """query_id -> its best candidate (record_id, score, verdict); candidates already best first
    or not: the highest score wins, the earlier one on ties."""
    out = {}
    for qid, cands in candidates.items():
        if not cands:
            continue
        best = cands[0]
        for c in cands[1:]:
            if c[1] > best[1]:
                best = c
        out[qid] = best
    return out


def link_pairs_top1(top1: Mapping[str, tuple[str, float, str]], accept) -> set[tuple[str, str]]:
    """Pairs (record_id, query_id) for queries whose top candidate passes ``accept(score, verdict)``."""
    return {(rid, qid) for qid, (rid, score, verdict) in top1.items() if accept(score, verdict)}


def link_top1_scored(top1: Mapping[str, tuple[str, float, str]]) -> list[tuple[tuple[str, str], float]]:
    return [((rid, qid), score) for qid, (rid, score, _v) in top1.items()]


def recall_at_k(
    candidates: Mapping[str, list[tuple[str, float, str]]], truth: set[tuple[str, str]], k: int = 5
) -> float:
    """Share of true (record, query) links whose record is among the query's first k candidates."""
    if not truth:
        return 0.0
    found = 0
    for rid, qid in truth:
        ranked = sorted(candidates.get(qid, []), key=lambda c: -c[1])[:k]
        if any(c[0] == rid for c in ranked):
            found += 1
    return found / len(truth)


def norm_pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)
