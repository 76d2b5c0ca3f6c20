"""Batch deduplication of a registry: proposed duplicate pairs for review.

Same features, blocking keys and scoring as the triage search; blocks that are too
big to say anything (a common surname alone, a postcode) are skipped, since the
pairs in them share a more specific key as well."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from .features import Features, record_keys
from .scoring import compare, probability

MAX_BLOCK = 60


def candidate_pairs(features: list[Features], max_block: int = MAX_BLOCK) -> set[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        for k in record_keys(f):
            blocks[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= max_block:
            for x in range(len(members)):
                a = members[x]
                for b in members[x + 1 :]:
                    pairs.add((a, b))
    return pairs


def duplicate_pairs(
    ids: list[str], features: list[Features], threshold: float = 0.5, max_block: int = MAX_BLOCK
) -> Iterator[tuple[str, str, float]]:
    """(id_a, id_b, score) for every candidate pair scoring at least ``threshold`` (0..1)."""
    for a, b in candidate_pairs(features, max_block):
        score = probability(max(compare(features[a], features[b]).score, compare(features[b], features[a]).score))
        if score >= threshold:
            ia, ib = sorted((ids[a], ids[b]))
            yield ia, ib, score


def load(rows: Iterable[dict], to_features) -> tuple[list[str], list[Features]]:
    ids, feats = [], []
    for r in rows:
        ids.append(r.get("record_id", ""))
        feats.append(to_features(r))
    return ids, feats
