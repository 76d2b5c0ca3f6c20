"""Batch deduplication of a registry: proposed duplicate pairs for review.

Same features, blocking keys and scoring as the triage search, plus a few blocking
passes of its own (a duplicate may share nothing but a birth date, or its house, or
a sound-alike surname and an initial, or have its names swapped). Blocks that are too
big to say anything (a common surname alone, a postcode) are skipped, since the pairs
in them share a more specific key as well."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .features import Features, record_keys
from .model import TrainedWeights, pair_probability
from .scoring import HAND_WEIGHTS, Weights, _name_conflict, compare, probability

MAX_BLOCK = 60
# Largest block per extra pass (a sound-alike surname with an initial is the widest).
MAX_EXTRA_BLOCK = {"I": 25}


def swapped(f: Features) -> Features | None:
    """The record read with given name and surname swapped (None when one is missing)."""
    if not f.given or not f.surnames:
        return None
    surnames = frozenset(f.given[:1])
    from .names import phonetic

    given = tuple(sorted(f.surnames, key=len, reverse=True)[:1])
    return replace(f, given=given, surnames=surnames, surname_phonetics=frozenset(phonetic(s) for s in surnames))


def dedup_keys(f: Features) -> set[str]:
    """The triage keys (among them birth date alone, and postcode with house number) plus
    a sound-alike surname with the first initial, also for the names read swapped."""
    # The triage's street and town keys ("l", "w") are too wide for pairing everyone.
    keys = {k for k in record_keys(f) if k[0] not in "lw"}
    # Birth date alone ("d") and postcode with house number ("a") are triage keys already.
    extra: set[str] = set()
    if f.given:
        for ph in f.surname_phonetics:
            extra.add(f"I{ph}|{f.given[0][0]}")
    s = swapped(f)
    if s is not None:
        for ph in s.surname_phonetics:
            for g in s.given:
                extra.add(f"I{ph}|{g[0]}")
    return keys | extra


def candidate_pairs(features: list[Features], max_block: int = MAX_BLOCK) -> set[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        for k in dedup_keys(f):
            blocks[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        limit = MAX_EXTRA_BLOCK.get(key[0], max_block)
        if 1 < len(members) <= limit:
            for x in range(len(members)):
                a = members[x]
                for b in members[x + 1 :]:
                    pairs.add((a, b))
    return pairs


def pair_score(a: Features, b: Features, swapped_a: Features | None = None, model: Weights = HAND_WEIGHTS) -> float:
    """The summed weight of a pair: both directions, and a with its names swapped."""
    ab = compare(a, b, model)
    best = max(ab.score, compare(b, a, model).score)
    if swapped_a is not None and _name_conflict(ab):
        best = max(best, compare(swapped_a, b, model).score - model.swap_penalty)
    return best


def duplicate_pairs(
    ids: list[str],
    features: list[Features],
    threshold: float = 0.5,
    max_block: int = MAX_BLOCK,
    model: Weights | None = None,
) -> Iterator[tuple[str, str, float]]:
    """(id_a, id_b, score) for every candidate pair scoring at least ``threshold`` (0..1):
    with a trained model (``model``; the caller passes the active one) the probability that
    both are one person."""
    model = HAND_WEIGHTS if model is None else model
    trained = model if isinstance(model, TrainedWeights) else None
    swaps: dict[int, Features | None] = {}
    for a, b in candidate_pairs(features, max_block):
        if a not in swaps:
            swaps[a] = swapped(features[a])
        weight = pair_score(features[a], features[b], swaps[a], model)
        score = round(pair_probability(weight, trained), 4) if trained else probability(weight)
        if score >= threshold:
            ia, ib = sorted((ids[a], ids[b]))
            yield ia, ib, score


def load(rows: Iterable[dict], to_features) -> tuple[list[str], list[Features]]:
    ids, feats = [], []
    for r in rows:
        ids.append(r.get("record_id", ""))
        feats.append(to_features(r))
    return ids, feats
