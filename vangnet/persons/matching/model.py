"""The matcher's model: Fellegi-Sunter weights estimated from the registry it serves (issue 14).

A pair of person descriptions is compared field by field; each field lands on one *level*
(``scoring.LEVELS``: "achternaam gelijk", "geboortedatum wijkt één cijfer af", ...). Each
level has two probabilities, estimated without any truth:

- ``u``: how often the level occurs for two different people: random pairs of the registry;
  the same house and the same birth date counted over all its pairs; for an exact name the
  name's own frequency (a shared "de Jong" says less than a shared
  "Zwaanswijk"): the term frequencies.
- ``m``: how often it occurs when both describe the same person: EM (expectation
  maximisation) on the descriptions the registry was asked about (meldingen; in the benchmark
  the query file) with the persons they resemble, or, without enough of those, on the
  registry's own blocked pairs (deduplication). A registry without duplicates holds no pair of
  the same person, so it alone cannot say how people are written twice. As in Splink, each
  round of EM takes the pairs that agree on one thing (the names, the birth date) and
  estimates the others. The hand-set weights are the prior (a few pseudo-pairs), so a small
  registry stays close to them. u is counted again without the random pairs the first model
  sees as one person.

The weight of a level is log2(m / u), the evidence in bits. The family levels (another given
name on the same birth date at one house; the same names at one house without a birth date
or a generation apart) correct what the independent fields count twice: relatives share a
surname, a house and sometimes a birth date far more often than chance would have it. Their
weight is log2(chance / (chance + relatives)): the number of such pairs of different people
in the registry (counted per house, minus the duplicates EM expects there) against the number
chance alone would make, shrunk towards a Dutch default rate for a small registry. A registry
without households (FEBRL) gets no correction; a Dutch one with twins and juniors does.

A verdict is a probability: each candidate's odds are the prior (the share of descriptions
that are about a registered person, over the registry size) times 2^weight, and the
candidates of one query share the probability mass with "none of them", so a runner-up that
fits almost as well pulls the best one below the ``match`` threshold by itself.

``params`` (the stored form, JSON):
    {"format": "fs-1", "trained_at": iso, "record_count": int, "pair_count": int,
     "query_count": int, "iterations": int, "prior_match": float,
     "comparisons": {name: {"label": str, "levels": [{"code", "label", "m", "u", "weight"}]}},
     "family": [{"code", "label", "observed", "expected", "weight"}],
     "thresholds": {"match": 0.99, "possible": float}}
plus "tf" (name frequencies), "pair_prior" (dedup) and "swap_penalty".
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .features import Features
from .scoring import (
    AGE_OFF,
    GIVEN_CONFLICTS,
    GIVEN_FITS,
    HOUSE,
    HOUSE_OR_POSTCODE,
    LEVELS,
    SURNAME_FITS,
    Comparison,
    compare,
)

FORMAT = "fs-1"
FIELD_COMPARISONS = [name for name in LEVELS if name != "familie"]
COMPARISON_LABELS = {
    "bsn": "BSN",
    "achternaam": "Achternaam",
    "voornaam": "Voornaam",
    "geboortedatum": "Geboortedatum of leeftijd",
    "geslacht": "Geslacht",
    "adres": "Adres",
    "telefoon": "Telefoon",
}
MATCH_PROBABILITY = 0.99
POSSIBLE_PROBABILITY = 0.02

# How strongly the hand-set weights hold m in place (pseudo-pairs of the same person).
PRIOR_PAIRS = 20.0
# The hand-set weights read as bits: a hand weight w becomes m ∝ u · 2^(w · HAND_BITS).
HAND_BITS = 1.5
# The Dutch default rate of relatives counts as this many pairs seen (a Gamma prior): a
# registry of a few dozen people leans on it, one of thousands without households (FEBRL)
# overrules it. At 0.1 a registry that shows no household at all still expected a tenth of a
# relative pair, which held back FEBRL's duplicates at one house by 9 bits; the Dutch sets,
# full of households, give the same figures at either value.
FAMILY_PRIOR_PAIRS = 0.01
# Pairs of different people with each family pattern, per registered person, in a Dutch
# registry of households (twins, juniors named after their father).
FAMILY_DEFAULT_RATE = {
    "tweeling": 0.004,
    "namen_adres_zonder_datum": 0.003,
    "generatie": 0.003,
    "datum_adres": 0.0,
    "datum_adres_partner": 0.0,
    "huishouden": 0.5,
}
# Which field levels each family pattern is made of (for its chance expectation).
FAMILY_PARTS = {
    "tweeling": {"achternaam": "gelijk", "geboortedatum": "gelijk", "voornaam": "verschilt", "adres": "gelijk"},
    "datum_adres": {"achternaam": "gelijk", "geboortedatum": "gelijk", "voornaam": "gelijk", "adres": "gelijk"},
    "datum_adres_partner": {"geboortedatum": "gelijk", "achternaam": "partnernaam", "adres": "gelijk"},
    "namen_adres_zonder_datum": {"achternaam": "gelijk", "voornaam": "gelijk", "adres": "gelijk"},
    "generatie": {"achternaam": "gelijk", "voornaam": "gelijk", "adres": "gelijk", "geboortedatum": "verschilt"},
    "huishouden": {"achternaam": "gelijk", "adres": "gelijk"},
}
# A family pattern is about classes of levels (the surname fits, the same house): its m is
# the probability of the class for one person, whichever level of it the pair is on.
LEVEL_CLASSES = {
    "achternaam": [SURNAME_FITS],
    "voornaam": [GIVEN_FITS, GIVEN_CONFLICTS],
    "adres": [HOUSE_OR_POSTCODE],
    "geboortedatum": [AGE_OFF | {"verschilt"}],
}
TF_LIMIT = 5000  # names kept with their frequency; rarer ones count as seen once
# Fewer descriptions than this and EM runs on the registry's own pairs (see ``train``).
MIN_DESCRIPTIONS = 200
SWAP_PENALTY_BITS = 2.0
MAX_HOUSEHOLD = 25


class TrainedWeights:
    """Weights from a trained ``params`` dict (see the module docstring)."""

    trained = True

    def __init__(self, params: dict[str, Any]):
        self.params = params
        self.swap_penalty = float(params.get("swap_penalty", SWAP_PENALTY_BITS))
        self._w: dict[tuple[str, str], float] = {}
        self._m: dict[tuple[str, str], float] = {}
        self._m_nested: dict[str, dict[str, float]] = defaultdict(dict)
        for comp, spec in params["comparisons"].items():
            for lv in spec["levels"]:
                self._w[(comp, lv["code"])] = float(lv["weight"])
                self._m[(comp, lv["code"])] = float(lv["m"])
                self._m_nested[comp][lv["code"]] = float(lv["m"])
        self._family_u_bits = {fam["code"]: math.log2(max(float(fam["u"]), 1e-300)) for fam in params.get("family", [])}
        self._tf = {comp: dict(values) for comp, values in params.get("tf", {}).items()}
        self._tf_floor = 1.0 / max(1, int(params.get("record_count", 1)))
        self.prior_bits = math.log2(float(params.get("prior_match", 0.5)) / max(1, int(params["record_count"])))
        self.pair_prior_bits = math.log2(max(float(params.get("pair_prior", 1e-6)), 1e-12))
        thresholds = params.get("thresholds", {})
        self.match_probability = float(thresholds.get("match", MATCH_PROBABILITY))
        self.possible_probability = float(thresholds.get("possible", POSSIBLE_PROBABILITY))

    def family(self, code: str, c: Comparison) -> float:
        """A family level replaces what its fields added (name frequencies included: a son is
        named after his father whatever the name) by the pattern's own evidence: how often
        one person shows it (m of its fields) against how often relatives in the registry do
        (u of the pattern). It only ever takes evidence away."""
        u_bits = self._family_u_bits.get(code)
        if u_bits is None or c.levels.get("adres") not in HOUSE_OR_POSTCODE:
            return 0.0
        fields = [name for name in FAMILY_PARTS[code] if name in c.levels]
        m_bits = sum(math.log2(self._class_m(name, c.levels[name])) for name in fields)
        return min(0.0, m_bits - u_bits - sum(c.parts[name] for name in fields))

    def _class_m(self, comparison: str, code: str) -> float:
        return class_m(self._m_nested, comparison, code)

    def weight(self, comparison: str, code: str, value: str = "") -> float:
        if value and code == "gelijk" and comparison in self._tf:
            u = self._tf[comparison].get(value, self._tf_floor)
            return math.log2(self._m[(comparison, code)] / u)
        return self._w.get((comparison, code), 0.0)


# --- counting levels -----------------------------------------------------------------


def _pattern(c: Comparison) -> tuple[str | None, ...]:
    return tuple(c.levels.get(name) for name in FIELD_COMPARISONS)


# A level that exists only next to another field's level takes its u from the level it
# refines: "another surname at the same house" is a differing surname; the house is counted
# by the address comparison already.
U_AS = {("achternaam", "partnernaam"): "verschilt"}
# Seen fewer times than this among random pairs: too rare to estimate, the prior weight holds.
MIN_SEEN = 3
# ... unless it is common for one person: then rare by chance is just what makes it strong.
MIN_M = 0.001


def _random_pairs(
    records: Sequence[Features], queries: Sequence[Features], rng: random.Random, pairs: int
) -> list[Comparison]:
    """Random pairs: a description and a registered person when there are descriptions (how
    the registry is asked), else two registered people (deduplication)."""
    n = len(records)
    left = queries if queries else records
    out = []
    for _ in range(pairs if n > 1 else 0):
        a, b = rng.randrange(len(left)), rng.randrange(n)
        if not queries and a == b:
            continue
        out.append(compare(left[a], records[b]))
    return out


def _level_u(random_pairs: Iterable[Comparison]) -> tuple[Probabilities, dict[str, Counter]]:
    """u per level: the share of random pairs of different people on that level, and the counts."""
    counts: dict[str, Counter] = {name: Counter() for name in FIELD_COMPARISONS}
    for c in random_pairs:
        for name, code in c.levels.items():
            if name in counts:
                counts[name][code] += 1
    for (name, code), like in U_AS.items():
        counts[name][code] = counts[name][like]
    u: dict[str, dict[str, float]] = {}
    for name, levels in LEVELS.items():
        if name == "familie":
            continue
        total = sum(counts[name].values())
        # Half a pair per level: a level never seen by chance is rare, not impossible.
        u[name] = {code: (counts[name][code] + 0.5) / (total + 0.5 * len(levels)) for code in levels}
    return u, counts


@dataclass
class RegistrySummary:
    """What the model needs from the whole registry beyond a sample of it: its size, the
    name frequencies and the family patterns counted per house. Built in one pass, so a
    registry of a million persons need not be held in memory (``trained`` streams it)."""

    record_count: int = 0
    surnames: Counter = field(default_factory=Counter)
    given: Counter = field(default_factory=Counter)
    households: Counter = field(default_factory=Counter)
    birth_dates: Counter = field(default_factory=Counter)
    housed: int = 0  # persons with a house (postcode or street, and a number)
    house_pairs: int = 0  # pairs of persons registered at one house

    def add_person(self, f: Features) -> None:
        self.record_count += 1
        self.surnames.update(f.surnames)
        if f.given and len(f.given[0]) > 1:
            self.given[f.given[0]] += 1
        if f.dob:
            self.birth_dates[f.dob] += 1

    def add_house(self, members: Sequence[Features]) -> None:
        """Count the house's pairs, and the family patterns among them."""
        self.housed += len(members)
        self.house_pairs += len(members) * (len(members) - 1) // 2
        if not 1 < len(members) <= MAX_HOUSEHOLD:
            return
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                lv = compare(a, b).levels
                fam = lv.get("familie")
                if fam:
                    self.households[fam] += fam != "huishouden"
                if lv.get("achternaam") not in SURNAME_FITS:
                    continue
                # Every pattern below is a household sharing a surname; and the registry's dates
                # are known, so "no date" is read as "the same names at one house".
                self.households["huishouden"] += 1
                if lv.get("voornaam") in GIVEN_FITS and fam != "namen_adres_zonder_datum":
                    self.households["namen_adres_zonder_datum"] += 1

    def term_frequencies(self) -> dict[str, dict[str, float]]:
        n = max(1, self.record_count)
        return {
            "achternaam": {k: v / n for k, v in self.surnames.most_common(TF_LIMIT) if v > 1},
            "voornaam": {k: v / n for k, v in self.given.most_common(TF_LIMIT) if v > 1},
        }


def _exact_u(u: Probabilities, counts: dict[str, Counter], summary: RegistrySummary) -> None:
    """u of "the same house" and "the same birth date" counted over all of the registry's
    pairs rather than the random sample. Among 200,000 random pairs a few (0-5) share a house,
    so the sample decided these strongest weights by chance, and a registry where nobody
    shares a house (FEBRL) got the sample's floor instead of its own. The house's levels share
    its u as they share the sample's pairs at one house."""

    def share(pairs: float, persons: int) -> float:
        return max(pairs, 0.5) / max(1.0, persons * (persons - 1) / 2)  # half a pair: rare, not impossible

    house = share(summary.house_pairs, summary.housed)
    seen = {code: counts["adres"][code] + 0.5 for code in HOUSE}
    for code, c in seen.items():
        u["adres"][code] = house * c / sum(seen.values())
    same_day = sum(k * (k - 1) // 2 for k in summary.birth_dates.values())
    u["geboortedatum"]["gelijk"] = share(same_day, sum(summary.birth_dates.values()))


def house_key(f: Features) -> str:
    """The house a record lives at ('' when unknown): postcode or street, and the number."""
    if f.house_digits and (f.postcode or f.street):
        return f"{f.postcode or f.street}|{f.house_digits}"
    return ""


def summarise(records: Sequence[Features]) -> RegistrySummary:
    summary = RegistrySummary()
    houses: dict[str, list[Features]] = defaultdict(list)
    for f in records:
        summary.add_person(f)
        key = house_key(f)
        if key:
            houses[key].append(f)
    for members in houses.values():
        summary.add_house(members)
    return summary


def _prior_m(u: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """The hand-set weights as m-probabilities: m ∝ u · 2^(w · HAND_BITS)."""
    m: dict[str, dict[str, float]] = {}
    for name, levels in u.items():
        raw = {code: p * 2 ** (LEVELS[name][code].weight * HAND_BITS) for code, p in levels.items()}
        total = sum(raw.values())
        m[name] = {code: v / total for code, v in raw.items()}
    return m


def _block_pairs(records: Sequence[Features], rng: random.Random, limit: int) -> list[tuple[int, int]]:
    from .dedup import candidate_pairs

    pairs = sorted(candidate_pairs(list(records)))
    if len(pairs) > limit:
        pairs = rng.sample(pairs, limit)
    return pairs


# --- EM --------------------------------------------------------------------------------


def _tempered(levels: dict[str, float], power: float = 0.5) -> dict[str, float]:
    raw = {code: p**power for code, p in levels.items()}
    total = sum(raw.values())
    return {code: v / total for code, v in raw.items()}


def _em(
    patterns: Counter,
    u: dict[str, dict[str, float]],
    m0: dict[str, dict[str, float]],
    family_bits: dict[str, float],
    iterations: int,
    use: frozenset[str] = frozenset(FIELD_COMPARISONS),
    estimate: frozenset[str] | None = None,
    queries: Sequence[Sequence[tuple[tuple[str | None, ...], str | None]]] = (),
) -> tuple[dict[str, dict[str, float]], float, float]:
    """m, λ (the share of same-person pairs) and the expected number of same-person pairs;
    u stays fixed, m starts from and is held by the prior ``m0``. Only the comparisons in
    ``use`` count (the ones the pairs were not selected on); those in ``estimate`` (default:
    ``use``) are estimated.

    With ``queries`` (each description's pairs), a description is at most one of its
    candidates: they share one person's worth of probability with "none of them", as the
    verdict does. Without that, every namesake of a common name counted as the person,
    and EM learned that one person's birth date often differs."""
    estimate = use if estimate is None else estimate
    # Start from a tempered prior: EM started from the hand-set weights themselves stays where
    # they put it (a replaced given name never gets the chance to count as the same person).
    m = {name: _tempered(levels) for name, levels in m0.items()}
    lam, expected = 0.05, 0.0
    keys = list(patterns)
    if queries:
        index = {key: i for i, key in enumerate(keys)}
        groups = [[index[key] for key in group] for group in queries if group]
        n_pairs = sum(len(g) for g in groups)
    else:
        n_pairs = sum(patterns.values())
    for _ in range(iterations):
        acc: dict[str, defaultdict[str, float]] = {name: defaultdict(float) for name in m}
        lam_bits = math.log2(lam / (1 - lam))
        bits_of = []
        for pattern, fam in keys:
            bits = lam_bits + family_bits.get(fam, 0.0)
            for name, code in zip(FIELD_COMPARISONS, pattern, strict=True):
                if code is not None and name in use:
                    bits += math.log2(m[name][code] / u[name][code])
            bits_of.append(max(-60.0, min(60.0, bits)))
        if queries:
            odds = [2.0**b for b in bits_of]
            weight_of = [0.0] * len(keys)
            for g in groups:
                total_odds = 1.0 + sum(odds[i] for i in g)
                for i in g:
                    weight_of[i] += odds[i] / total_odds
        else:
            weight_of = [n / (1.0 + 2.0 ** (-b)) for b, n in zip(bits_of, patterns.values(), strict=True)]
        expected = sum(weight_of)
        for (pattern, _fam), w in zip(keys, weight_of, strict=True):
            for name, code in zip(FIELD_COMPARISONS, pattern, strict=True):
                if code is not None and name in estimate:
                    acc[name][code] += w
        lam = min(0.999, max(1e-6, expected / max(1, n_pairs)))
        for name in estimate:
            total = sum(acc[name].values())
            m[name] = {
                code: (acc[name][code] + PRIOR_PAIRS * m0[name][code]) / (total + PRIOR_PAIRS) for code in m[name]
            }
    return m, lam, expected


def class_m(m: Probabilities, comparison: str, code: str) -> float:
    """m of the class of levels ``code`` belongs to (``LEVEL_CLASSES``), else of the level."""
    for cls in LEVEL_CLASSES.get(comparison, ()):
        if code in cls:
            return sum(m[comparison].get(other, 0.0) for other in cls)
    return m[comparison][code]


def _family_weights(
    summary: RegistrySummary,
    u: Probabilities,
    m: Probabilities,
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Each family level's weight: chance against the registry's own relatives (see above).

    Pairs at one house are counted per pattern. Some are one person entered twice: those are
    taken off by way of the pairs with the same names and birth date at one house, which are
    nearly all duplicates, and m (how often one person shows the rest of the pattern)."""
    n = summary.record_count
    observed = summary.households
    anchor = FAMILY_PARTS["datum_adres"]
    anchor_m = math.prod(class_m(m, name, level) for name, level in anchor.items() if name != "adres")
    duplicates_at_home = observed["datum_adres"] / max(anchor_m, 1e-9)
    all_pairs = n * (n - 1) / 2
    weights: dict[str, float] = {}
    rows: list[dict[str, Any]] = []
    for code, parts in FAMILY_PARTS.items():
        chance = all_pairs * math.prod(u[name][level] for name, level in parts.items())
        same_person = duplicates_at_home * math.prod(
            class_m(m, name, level) for name, level in parts.items() if name != "adres"
        )
        relatives = 0.0 if code == "datum_adres" else max(0.0, observed[code] - same_person)
        default = FAMILY_DEFAULT_RATE[code]
        if default:
            rate = (FAMILY_PRIOR_PAIRS + relatives) / (FAMILY_PRIOR_PAIRS / default + n)
        else:
            rate = relatives / max(1, n)
        expected_relatives = rate * n
        weight = min(0.0, math.log2((chance + 1e-9) / (chance + expected_relatives + 1e-9)))
        weights[code] = weight
        u_pattern = (chance + expected_relatives) / max(1.0, all_pairs)
        rows.append(
            {
                "code": code,
                "label": LEVELS["familie"][code].label,
                "observed": int(observed[code]),
                "expected": round(chance, 4),
                "duplicates": round(same_person, 2),
                "relatives": round(expected_relatives, 2),
                "u": u_pattern,
                "weight": round(weight, 3),
            }
        )
    return weights, rows


def _family_key(c: Comparison) -> str | None:
    return c.levels.get("familie")


# Splink's way: EM on pairs selected by one field, estimating the others. Pairs that share
# the names say how dates and addresses differ for one person; pairs born on one day say how
# the names do. Each comparison's m is the mean over the rounds that estimated it.
# Each round: which pairs, the comparisons that count in its E-step (all but the ones the pairs
# were selected on), and the ones it estimates.
EM_ROUNDS: tuple[tuple[Callable[[dict[str, str]], bool], frozenset[str], frozenset[str]], ...] = (
    # Pairs sharing the names: how one person's date, sex and phone differ. Not the address: a
    # father and his namesake son share the house as well.
    (
        lambda lv: lv.get("achternaam") in SURNAME_FITS and lv.get("voornaam") in GIVEN_FITS,
        frozenset({"geboortedatum", "geslacht", "telefoon", "bsn", "adres"}),
        frozenset({"geboortedatum", "geslacht", "telefoon", "bsn"}),
    ),
    # Pairs born on one day: how the names and the address differ. Twins at one house look like
    # one person here; the family levels (counted on the registry) take them apart afterwards.
    (
        lambda lv: lv.get("geboortedatum") in ("gelijk", "omgedraaid"),
        frozenset({"achternaam", "voornaam", "adres", "geslacht", "telefoon", "bsn"}),
        frozenset({"achternaam", "voornaam", "adres", "geslacht", "telefoon", "bsn"}),
    ),
)
# Pairs with the same BSN (valid by the elfproef) are one person nearly always: where there are
# enough of them, they say how one person's names and date differ, and a twin (another BSN) does
# not pass for a person whose given name was written otherwise. Only for a registry's own pairs
# (deduplication): there duplicates and twins share a house, while the descriptions of a clean
# registry are told from relatives by the family levels. Without BSNs (FEBRL) the rounds above
# decide.
BSN_ROUND = (
    lambda lv: lv.get("bsn") == "gelijk",
    frozenset({"achternaam", "voornaam", "geboortedatum", "adres", "geslacht", "telefoon"}),
    frozenset({"achternaam", "voornaam", "geboortedatum"}),
)
MIN_BSN_PAIRS = 50


def _blocked_em(
    pairs: list[tuple[Comparison, int]],
    u: dict[str, dict[str, float]],
    m0: dict[str, dict[str, float]],
    family_bits: dict[str, float],
    iterations: int,
    bsn_round: bool = False,
) -> dict[str, dict[str, float]]:
    estimates: dict[str, list[dict[str, float]]] = defaultdict(list)
    for selects, use, estimate in EM_ROUNDS:
        chosen = [((_pattern(c), _family_key(c)), qi) for c, qi in pairs if selects(c.levels)]
        patterns: Counter = Counter(key for key, _ in chosen)
        if sum(patterns.values()) < 50:
            continue
        by_query: dict[int, list] = defaultdict(list)
        for key, qi in chosen:
            if qi >= 0:
                by_query[qi].append(key)
        m, _lam, _expected = _em(patterns, u, m0, family_bits, iterations, use, estimate, list(by_query.values()))
        for comp in estimate:
            estimates[comp].append(m[comp])
    selects, use, estimate = BSN_ROUND
    patterns = Counter((_pattern(c), _family_key(c)) for c, _ in pairs if selects(c.levels))
    if bsn_round and sum(patterns.values()) >= MIN_BSN_PAIRS:
        m, _lam, _expected = _em(patterns, u, m0, family_bits, iterations, use, estimate)
        for comp in estimate:
            estimates[comp] = [m[comp]]
    out = {}
    for comp in FIELD_COMPARISONS:
        rounds = estimates.get(comp) or [m0[comp]]
        out[comp] = {code: sum(r[code] for r in rounds) / len(rounds) for code in m0[comp]}
    return out


Probabilities = dict[str, dict[str, float]]


def _level_weights(m: Probabilities, u: Probabilities, u_counts: dict[str, Counter]) -> Probabilities:
    """log2(m/u) per level; the prior weight for a level that neither chance nor one person
    described twice produces often enough to estimate."""
    return {
        name: {
            code: (
                math.log2(m[name][code] / u[name][code])
                if u_counts[name][code] >= MIN_SEEN or m[name][code] >= MIN_M
                else LEVELS[name][code].weight * HAND_BITS
            )
            for code in LEVELS[name]
        }
        for name in FIELD_COMPARISONS
    }


def _pair_bits(c: Comparison, weights: Probabilities, family_bits: dict[str, float]) -> float:
    bits = family_bits.get(c.levels.get("familie") or "", 0.0)
    for name, code in c.levels.items():
        if name != "familie":
            bits += weights[name][code]
    return bits


def _expected_same(pairs: list[tuple[Comparison, int]], weights: Probabilities, family_bits: dict[str, float]) -> float:
    """How many of the registry's blocked pairs are one person (the duplicates)."""
    lam = 1e-3
    for _ in range(20):
        total = sum(
            1.0
            / (1.0 + 2.0 ** -max(-60.0, min(60.0, math.log2(lam / (1 - lam)) + _pair_bits(c, weights, family_bits))))
            for c, _ in pairs
        )
        lam = min(0.999, max(1e-9, total / max(1, len(pairs))))
    return total


def _share_present(
    pairs: list[tuple[Comparison, int]], weights: Probabilities, family_bits: dict[str, float], n: int
) -> float:
    """The share of descriptions about a registered person: EM on that one number, each
    description's candidates sharing the probability with "none of them"."""
    by_query: dict[int, list[float]] = defaultdict(list)
    for c, qi in pairs:
        by_query[qi].append(_pair_bits(c, weights, family_bits))
    present = 0.5
    for _ in range(30):
        prior = math.log2(present / n)
        total = 0.0
        for bits in by_query.values():
            odds = sum(2.0 ** max(-200.0, min(200.0, prior + b)) for b in bits)
            total += odds / (1.0 + odds)
        present = min(0.99, max(0.01, total / max(1, len(by_query))))
    return present


def train(
    records: Sequence[Features],
    query_pairs: Iterable[tuple[Features, Sequence[Features]]] = (),
    *,
    seed: int = 0,
    u_pairs: int = 200_000,
    block_pairs: int = 300_000,
    iterations: int = 25,
    summary: RegistrySummary | None = None,
) -> dict[str, Any]:
    """Estimate ``params`` from the registry's features and, optionally, descriptions with
    their retrieved candidates (``query_pairs``: (query, [candidate features])). No truth.

    ``records`` may be a sample of the registry when ``summary`` describes all of it."""
    rng = random.Random(seed)  # noqa: S311 - sampling pairs, not secrets
    query_pairs = list(query_pairs)
    queries = [q for q, _ in query_pairs]
    summary = summarise(records) if summary is None else summary
    random_pairs = _random_pairs(records, queries, rng, u_pairs)
    u, u_counts = _level_u(random_pairs)
    _exact_u(u, u_counts, summary)
    tf = summary.term_frequencies()
    m0 = _prior_m(u)
    # EM needs pairs that include the same person written twice. The descriptions the
    # registry was asked about have them (most are about someone registered); a registry
    # without duplicates has none, and EM on its pairs would learn "shares a key" instead
    # of "same person". So: the descriptions when there are enough, else the registry's own
    # blocked pairs (deduplication, where the registry's duplicates are the point).
    pairs: list[tuple[Comparison, int]] = []
    source = "meldingen" if len(query_pairs) >= MIN_DESCRIPTIONS else "register"
    if source == "meldingen":
        pairs = [(compare(q, r), i) for i, (q, candidates) in enumerate(query_pairs) for r in candidates]
    else:
        pairs = [(compare(records[a], records[b]), -1) for a, b in _block_pairs(records, rng, block_pairs)]
    m = m0
    fam_w: dict[str, float] = {}
    fam_rows: list[dict[str, Any]] = []
    n = summary.record_count
    present, duplicates = 0.5, 0.0
    for _round in range(2):
        m = _blocked_em(pairs, u, m0, fam_w, iterations, bsn_round=source == "register")
        weights = _level_weights(m, u, u_counts)
        # Second round: the E-step knows that relatives at one house are not the same person.
        fam_w, fam_rows = _family_weights(summary, u, m)
        present = _share_present(pairs, weights, fam_w, n) if source == "meldingen" else 0.5
        duplicates = _expected_same(pairs, weights, fam_w) if source == "register" else 0.0
        # Random pairs hold a few of the same person (in the benchmark every description is
        # about someone registered: one in n random pairs). Left in, they make agreeing on
        # everything look common among strangers; so u is counted again without them.
        prior = math.log2(present / n) if source == "meldingen" else math.log2(max(duplicates, 1.0) / (n * n / 2))
        u, u_counts = _level_u(c for c in random_pairs if prior + _pair_bits(c, weights, fam_w) < 0)
        _exact_u(u, u_counts, summary)
        m0 = _prior_m(u)
    weights = _level_weights(m, u, u_counts)
    comparisons = {
        name: {
            "label": COMPARISON_LABELS[name],
            "levels": [
                {
                    "code": code,
                    "label": LEVELS[name][code].label,
                    "m": m[name][code],
                    "u": u[name][code],
                    "weight": round(weights[name][code], 3),
                }
                for code in LEVELS[name]
            ],
        }
        for name in FIELD_COMPARISONS
    }
    return {
        "format": FORMAT,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "record_count": n,
        "pair_count": len(pairs),
        "query_count": len(query_pairs),
        "em_source": source,
        "iterations": iterations * 2,
        "prior_match": round(min(0.95, max(0.05, present)), 4),
        "pair_prior": max(duplicates, 1.0) / max(1.0, n * (n - 1) / 2),
        "duplicates_expected": round(duplicates, 1),
        "comparisons": comparisons,
        "family": fam_rows,
        "tf": tf,
        "swap_penalty": SWAP_PENALTY_BITS,
        "thresholds": {"match": MATCH_PROBABILITY, "possible": POSSIBLE_PROBABILITY},
    }


# --- using a model ---------------------------------------------------------------------


def posterior(weights: Sequence[float], model: TrainedWeights) -> list[float]:
    """P(candidate i is the person) for one query's candidates, "none of them" included."""
    odds = [2.0 ** max(-200.0, min(200.0, model.prior_bits + w)) for w in weights]
    total = 1.0 + sum(odds)
    return [o / total for o in odds]


def pair_probability(weight: float, model: TrainedWeights) -> float:
    """P(two registered records are one person), for deduplication."""
    return 1.0 / (1.0 + 2.0 ** (-max(-200.0, min(200.0, model.pair_prior_bits + weight))))
