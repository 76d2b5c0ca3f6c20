"""Synthetic Dutch person data with ground truth, for the person-matching benchmark.

    python -m bench.persons.generate --records 100000 --queries 10000 --absent-share 0.3 \
        --seed 42 --out-dir bench/out/persons [--dedup-records 50000] [--profile independent]

Writes ``registry.csv``, ``queries.csv``, ``truth.csv`` and ``query_meta.csv`` (which variations
each query got, for diagnosis), and with ``--dedup-records`` also ``dedup_registry.csv`` and
``dedup_truth.csv``. Output is deterministic for a given seed, profile (and reference date).
The rates and frequencies come from a ``GeneratorSettings`` profile (``settings.py``):
``standard`` is the tuning set, ``independent`` the test set that is never used while tuning.

The model: a population of households (singles, couples, families with children, a parent living
with an adult son of the same name, ...) with addresses, phone numbers and BSNs. Registry rows are
clean renderings of registered people; queries are noisy renderings (as a melding would describe
the person: by neighbours, police, GP, housing corporation or street outreach) of either a
registered person or of a person who is not in the registry: a relative of a registered person
(same surname and address; including a son with the father's names, or a twin), a namesake with a
very common name and a similar birth year, or an unrelated person.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import math
import os
import random
import sys
import time
import unicodedata
from bisect import bisect
from datetime import date
from functools import lru_cache
from itertools import accumulate

from vangnet.persons.matching.csv_contract import QUERY_HEADER, REGISTRY_HEADER

from . import data as D
from .settings import PROFILES as SETTINGS_PROFILES
from .settings import STANDARD, GeneratorSettings

TRUTH_HEADER = ["query_id", "record_id"]
META_HEADER = ["query_id", "absent_kind", "source", "variations"]
DEDUP_TRUTH_HEADER = ["record_id_a", "record_id_b"]

DEFAULT_REFERENCE_DATE = date(2026, 7, 1)

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


class Sampler:
    """Weighted choice with precomputed cumulative weights (fast: one random() and a bisect)."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, pairs):
        pairs = [(item, float(w)) for item, w in pairs if w > 0]
        self.items = [item for item, _ in pairs]
        self.cum = list(accumulate(w for _, w in pairs))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random):
        return self.items[bisect(self.cum, rng.random() * self.total)]


def bsn_check_ok(bsn: str) -> bool:
    """The 11-proef for a 9-digit BSN."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(bsn[:8], range(9, 1, -1), strict=True)) - int(bsn[8])
    return total % 11 == 0


@lru_cache(maxsize=100_000)
def strip_diacritics(s: str) -> str:
    s = "".join(D.ASCII_FALLBACK.get(c, c) for c in s)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def has_diacritics(s: str) -> bool:
    return not s.isascii()


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(_KEYBOARD_ROWS):
    for _i, _c in enumerate(_row):
        near = []
        if _i > 0:
            near.append(_row[_i - 1])
        if _i + 1 < len(_row):
            near.append(_row[_i + 1])
        for _rr in (_r - 1, _r + 1):
            if 0 <= _rr < len(_KEYBOARD_ROWS):
                other = _KEYBOARD_ROWS[_rr]
                for _j in (_i - 1, _i, _i + 1):
                    if 0 <= _j < len(other):
                        near.append(other[_j])
        _NEIGHBOURS[_c] = "".join(near)
_OCR = (
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("d", "cl"),
    ("vv", "w"),
    ("w", "vv"),
    ("e", "c"),
    ("c", "e"),
    ("h", "b"),
    ("n", "h"),
    ("i", "l"),
    ("l", "i"),
    ("u", "v"),
    ("ii", "u"),
    ("o", "a"),
    ("a", "o"),
)


def _match_case(template: str, c: str) -> str:
    return c.upper() if template.isupper() else c


def typo(s: str, rng: random.Random) -> str:
    """One realistic character-level error: keyboard slip, deletion, doubling, transposition, OCR."""
    if len(s) < 3:
        return s
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    if len(letters) < 3:
        return s
    # Errors are rarer on the first letter.
    i = rng.choice(letters[1:]) if rng.random() < 0.85 else letters[0]
    c = s[i]
    r = rng.random()
    if r < 0.3:
        near = _NEIGHBOURS.get(c.lower())
        if near:
            return s[:i] + _match_case(c, rng.choice(near)) + s[i + 1 :]
        return s[:i] + s[i + 1 :]
    if r < 0.5:
        return s[:i] + s[i + 1 :]
    if r < 0.65:
        return s[:i] + c + s[i:]
    if r < 0.85:
        j = i + 1 if i + 1 < len(s) and s[i + 1].isalpha() else i - 1
        a, b = sorted((i, j))
        return s[:a] + s[b] + s[a] + s[b + 1 :]
    for old, new in rng.sample(_OCR, len(_OCR)):
        k = s.find(old, 1)
        if k >= 0:
            return s[:k] + new + s[k + len(old) :]
    return s[:i] + s[i + 1 :]


def spelling_swap(s: str, rng: random.Random) -> str | None:
    """A Dutch spelling confusion (ij/y, ei/ij, dt/d, ck/k, ...) if one applies."""
    low = s.lower()
    options = [(old, new) for old, new in D.SURNAME_SPELLING_SWAPS if old in low]
    if not options:
        return None
    # ij/y and ei/ij are by far the most common confusions.
    ij = [o for o in options if o[0] in ("ij", "ei", "y")]
    old, new = rng.choice(ij) if ij and rng.random() < 0.7 else rng.choice(options)
    k = low.find(old)
    repl = new.capitalize() if s[k].isupper() else new
    if old == "ij" and new == "y" and s[k : k + 2] == "IJ":
        repl = "Y"
    return s[:k] + repl + s[k + len(old) :]


def initials(names: tuple[str, ...], style: int) -> str:
    letters = [n[0].upper() for n in names if n]
    if style == 0:
        return "".join(f"{c}." for c in letters)
    if style == 1:
        return f"{letters[0]}."
    if style == 2:
        return "".join(letters)
    return " ".join(f"{c}." for c in letters)


# ---------------------------------------------------------------------------------------------
# Population model
# ---------------------------------------------------------------------------------------------

# Adult age bands (Dutch population pyramid, rough), years.
ADULT_AGE = Sampler(
    [
        ((18, 25), 8.5),
        ((25, 30), 6.5),
        ((30, 35), 6.5),
        ((35, 40), 6.2),
        ((40, 45), 6.0),
        ((45, 50), 6.5),
        ((50, 55), 7.3),
        ((55, 60), 7.3),
        ((60, 65), 6.8),
        ((65, 70), 6.0),
        ((70, 75), 5.6),
        ((75, 80), 4.2),
        ((80, 85), 2.6),
        ((85, 90), 1.4),
        ((90, 100), 0.6),
    ]
)

_CLASSIC_M_WEIGHTS = {
    "Johannes": 14,
    "Cornelis": 9,
    "Hendrik": 6,
    "Hendrikus": 3,
    "Pieter": 5,
    "Petrus": 6,
    "Jacobus": 7,
    "Jacob": 2,
    "Theodorus": 3,
    "Gerardus": 4,
    "Gerrit": 3,
    "Adrianus": 4,
    "Antonius": 5,
    "Franciscus": 3,
    "Wilhelmus": 4,
    "Willem": 4,
    "Josephus": 3,
    "Nicolaas": 2,
    "Martinus": 2,
    "Bernardus": 2,
    "Hermanus": 2,
    "Marinus": 2,
    "Leonardus": 1,
    "Lambertus": 1,
    "Albertus": 2,
    "Dirk": 3,
    "Jan": 6,
    "Klaas": 3,
    "Arie": 2,
    "Gijsbertus": 1,
    "Everardus": 1,
    "Aloysius": 1,
    "Henricus": 2,
    "Paulus": 1,
    "Matthijs": 1,
    "Christiaan": 1,
    "Alexander": 1,
    "Sebastiaan": 1,
    "Maximiliaan": 0.3,
    "Laurentius": 0.5,
    "Engelbertus": 0.3,
}
_CLASSIC_V_WEIGHTS = {
    "Maria": 14,
    "Johanna": 10,
    "Wilhelmina": 6,
    "Elisabeth": 5,
    "Margaretha": 4,
    "Catharina": 5,
    "Petronella": 4,
    "Cornelia": 6,
    "Hendrika": 4,
    "Geertruida": 3,
    "Adriana": 4,
    "Antonia": 3,
    "Jacoba": 3,
    "Anna": 6,
    "Alida": 2,
    "Theodora": 1,
    "Francisca": 1,
    "Gerarda": 1,
    "Hermina": 1,
    "Josephina": 1,
    "Helena": 2,
    "Christina": 2,
    "Aaltje": 1,
    "Grietje": 1,
    "Neeltje": 1,
    "Jantje": 1,
    "Elisabetha": 1,
    "Magdalena": 1,
    "Susanna": 1,
}
CLASSIC = {
    "M": Sampler(_CLASSIC_M_WEIGHTS.items()),
    "V": Sampler((k, v) for k, v in _CLASSIC_V_WEIGHTS.items() if " " not in k),
}
NICK = {"M": {k: Sampler(v) for k, v in D.NICKNAMES_M.items()}, "V": {k: Sampler(v) for k, v in D.NICKNAMES_V.items()}}
NICK_ALL = {**D.NICKNAMES_M, **D.NICKNAMES_V}


def _cumulative(*shares: float) -> tuple[float, ...]:
    # Rounded so that e.g. 0.035 + 0.015 is the literal 0.05 the thresholds were written as.
    return tuple(round(x, 10) for x in accumulate(shares))


def _top_surnames(s: GeneratorSettings) -> list[tuple[tuple[str, str], float]]:
    """The common surnames with their weights: the counted curve, optionally flattened and reordered."""
    names = [(p, b) for p, b, _ in D.TOP_SURNAMES]
    counts = [c for _, _, c in D.TOP_SURNAMES]
    if s.surname_top_reorder:
        jitter = random.Random("vangnet-persons-surname-order")
        keys = [(i + 1) * math.exp(jitter.gauss(0, s.surname_top_reorder)) for i in range(len(names))]
        names = [names[i] for i in sorted(range(len(names)), key=keys.__getitem__)]
    return [(n, c**s.surname_top_exponent) for n, c in zip(names, counts, strict=True)]


class Tables:
    """Samplers and thresholds derived from one GeneratorSettings, built once per run."""

    def __init__(self, s: GeneratorSettings):
        self.s = s

        def zipf(names, offset=s.given_zipf_offset, exponent=s.given_zipf_exponent):
            return Sampler((n, 1.0 / (i + offset) ** exponent) for i, n in enumerate(names))

        self.origins = Sampler(s.origin_weights)
        self.bsn_share = dict(s.bsn_share_by_origin)
        self.modern = {
            ("M", 0): zipf(D.MODERN_M_1955),
            ("M", 1): zipf(D.MODERN_M_1975),
            ("M", 2): zipf(D.MODERN_M_1995),
            ("V", 0): zipf(D.MODERN_V_1955),
            ("V", 1): zipf(D.MODERN_V_1975),
            ("V", 2): zipf(D.MODERN_V_1995),
        }
        self.foreign_given = {o: {"M": zipf(m), "V": zipf(v)} for o, (m, v) in D.FOREIGN_GIVEN.items()}
        # The foreign surname lists are short: a steeper curve would make Nowak the most common
        # surname in the country, so they keep one curve in every profile.
        self.foreign_surname = {o: zipf(names, 3, 0.6) for o, names in D.FOREIGN_SURNAMES.items()}
        top = _top_surnames(s)
        self.top_surname = Sampler(top)
        self.top_surname_set = frozenset(n for n, _ in top[:120])
        self.tail_surname = Sampler(
            (pb, 1.0 / (i + s.surname_tail_offset) ** s.surname_tail_exponent) for i, pb in enumerate(D.TAIL_SURNAMES)
        )
        self.sources = Sampler(s.query_sources)
        self.sources_homeless = Sampler(s.query_sources_homeless)
        self.source_fields = dict(s.source_fields)
        self.given_style = {source: Sampler(w) for source, w in s.given_styles}
        self.prefix_style = Sampler(s.prefix_styles)
        self.registry_given = _cumulative(s.registry_given_full, s.registry_given_roep)
        self.registry_prefix = _cumulative(s.registry_prefix_joined, s.registry_prefix_capitalised)
        self.case = _cumulative(s.upper_case, s.lower_case)
        self.dob_errors = _cumulative(s.dob_day_month_swap, s.dob_year_error, s.dob_day_error, s.dob_wrong)
        self.bsn_errors = _cumulative(s.bsn_digit_error, s.bsn_transposition)
        self.diacritics = _cumulative(s.diacritics_dropped, s.umlaut_transcribed)
        self.registry_sex_kept = round(1 - s.registry_sex_missing, 10)


STANDARD_TABLES = Tables(STANDARD)

CITY = Sampler((i, c[4]) for i, c in enumerate(D.CITIES))
BIG_CITIES = frozenset(i for i, c in enumerate(D.CITIES) if c[4] >= 370)
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
ADDITIONS = ("", "-1", "-2", "-3", "-4", "-H", "A", "B", "C", "D", " bis")


def _build_city_streets():
    """Fixed geography: per city a set of streets, each with a postcode area and letter base."""
    rng = random.Random(1234567)
    out = []
    for low, high, pop in ((c[2], c[3], c[4]) for c in D.CITIES):
        n = min(len(D.STREETS), int(60 + pop * 1.1))
        names = rng.sample(D.STREETS, n)
        streets = []
        for idx, name in enumerate(names):
            kind = next((k for k in D.STREET_TYPE_WEIGHTS if name.endswith(k)), "straat")
            weight = D.STREET_TYPE_WEIGHTS.get(kind, 10) * (0.3 + rng.random())
            streets.append((name, rng.randint(low, high), rng.randrange(380), weight, idx))
        out.append((streets, Sampler((s, s[3]) for s in streets)))
    return out


CITY_STREETS = _build_city_streets()


def postcode_for(digits: int, letter_base: int, number: int) -> str:
    idx = (letter_base + number // 24) % 400
    letters = POSTCODE_LETTERS[idx // 20] + POSTCODE_LETTERS[idx % 20]
    if letters in ("SA", "SD", "SS"):
        letters = "SB"
    return f"{digits} {letters}"


class Person:
    __slots__ = (
        "address",
        "bsn",
        "city",
        "dob",
        "given",
        "homeless",
        "jrsr",
        "origin",
        "partner",
        "phone",
        "prefix",
        "rel_bsn",
        "roep",
        "sex",
        "shelter",
        "surname",
        "twin",
        "uses_partner",
    )

    def __init__(self):
        self.partner = None
        self.uses_partner = False
        self.jrsr = ""
        self.twin = False
        self.rel_bsn = ""
        self.shelter = False
        self.homeless = False
        self.phone = ""
        self.bsn = ""

    def age(self, ref_ord: int) -> int:
        return int((ref_ord - self.dob) / 365.2425)


class Population:
    """Generates households of people, deterministically from a random.Random."""

    BSN_MULT = 39916801  # coprime with 60,000,000: k -> BSN prefix is a permutation

    def __init__(self, rng: random.Random, reference: date, tables: Tables = STANDARD_TABLES):
        self.rng = rng
        self.t = tables
        self.s = tables.s
        self.ref = reference
        self.ref_ord = reference.toordinal()
        self.bsn_k = 0
        self.bsn_offset = rng.randrange(60_000_000)
        self.used_addresses: set[int] = set()
        self._mobile_used: set[int] = set()

    # -- basic attributes -----------------------------------------------------------------
    def new_bsn(self) -> str:
        while True:
            k = self.bsn_k
            self.bsn_k += 1
            prefix = 10_000_000 + (self.BSN_MULT * k + self.bsn_offset) % 60_000_000
            digits = str(prefix)
            s = sum(int(c) * w for c, w in zip(digits, range(9, 1, -1), strict=True)) % 11
            if s != 10:
                return digits + str(s)

    def dob_for_age(self, age_years: float) -> int:
        return self.ref_ord - int((age_years + self.rng.random()) * 365.2425)

    def adult_age(self) -> float:
        lo, hi = ADULT_AGE(self.rng)
        return lo + self.rng.random() * (hi - lo)

    def surname(self, origin: str) -> tuple[str, str]:
        rng, t = self.rng, self.t
        if origin == "NL":
            return t.top_surname(rng) if rng.random() < self.s.surname_top_share else t.tail_surname(rng)
        if origin == "SR" and rng.random() < 0.25:
            return t.top_surname(rng) if rng.random() < 0.4 else t.tail_surname(rng)
        return "", t.foreign_surname[origin](rng)

    def female_form(self, origin: str, surname: str) -> str:
        if origin == "PL":
            for m, f in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
                if surname.endswith(m):
                    return surname[: -len(m)] + f
        return surname

    def given_names(self, origin: str, sex: str, dob: int) -> tuple[tuple[str, ...], str]:
        """Official given names and roepnaam."""
        rng = self.rng
        year = date.fromordinal(dob).year
        if origin != "NL" and not (origin == "SR" and rng.random() < 0.3):
            pool = self.t.foreign_given[origin][sex]
            n = 1 if origin in ("TR", "MA") or rng.random() < 0.55 else 2
            names = [pool(rng)]
            while len(names) < n:
                nm = pool(rng)
                if nm not in names:
                    names.append(nm)
            return tuple(names), names[0]
        _, p_classic, era = next(e for e in self.s.given_name_eras if year < e[0])
        n = 1 + (rng.random() < 0.65) + (rng.random() < 0.3)
        if rng.random() < p_classic:
            names = [CLASSIC[sex](rng)]
            while len(names) < n:
                nm = CLASSIC[sex](rng)
                if nm not in names:
                    names.append(nm)
            nick = NICK[sex]
            source = names[1] if len(names) > 1 and rng.random() < self.s.roep_from_middle_name else names[0]
            roep = nick[source](rng) if source in nick else source
            return tuple(names), roep
        modern = self.t.modern[(sex, era)]
        first = modern(rng)
        names = [first]
        while len(names) < n:
            nm = CLASSIC[sex](rng) if rng.random() < 0.6 else modern(rng)
            if nm not in names:
                names.append(nm)
        return tuple(names), first

    def new_address(self, city: int | None = None) -> tuple[str, str, str, int]:
        rng = self.rng
        if city is None:
            city = CITY(rng)
        streets, pick = CITY_STREETS[city]
        big = city in BIG_CITIES
        for _ in range(50):
            name, digits, letter_base, _w, street_idx = pick(rng)
            number = 1 + int(260 * rng.random() ** 1.7)
            r = rng.random()
            addition = 0
            if big and r < 0.4:
                addition = rng.choice((1, 2, 3, 4, 5, 1, 2, 3, 5))
            elif r < 0.1:
                addition = rng.randint(6, 9)
            elif r < 0.11:
                addition = 10
            key = ((city * 2000 + street_idx) * 300 + number) * 11 + addition
            if key not in self.used_addresses:
                self.used_addresses.add(key)
                break
        addition = ADDITIONS[addition]
        return (name, f"{number}{addition}", postcode_for(digits, letter_base, number), city)

    def shelter_address(self, city: int) -> tuple[str, str, str, int]:
        streets, _ = CITY_STREETS[city]
        name, digits, letter_base, _w, _i = streets[0]
        return (D.SHELTER_STREETS[city % len(D.SHELTER_STREETS)], "1", postcode_for(digits, letter_base, 1), city)

    def mobile(self) -> str:
        rng = self.rng
        return f"06-{rng.randint(1, 6)}{rng.randrange(10_000_000):07d}"

    def landline(self, city: int) -> str:
        code = D.CITIES[city][5]
        width = 10 - len(code)
        first = self.rng.randint(2, 9)
        return f"{code}-{first}{self.rng.randrange(10 ** (width - 1)):0{width - 1}d}"

    # -- people ---------------------------------------------------------------------------
    def person(self, origin: str, sex: str, age: float, surname: tuple[str, str] | None = None) -> Person:
        rng = self.rng
        p = Person()
        p.origin = origin
        p.sex = sex
        p.dob = self.dob_for_age(age)
        if origin in ("MA", "TR") and age > 45 and rng.random() < 0.12:
            # Registered with an unknown birth day: 1 January of the birth year.
            p.dob = date(date.fromordinal(p.dob).year, 1, 1).toordinal()
        p.given, p.roep = self.given_names(origin, sex, p.dob)
        prefix, base = surname if surname is not None else self.surname(origin)
        if sex == "V":
            base = self.female_form(origin, base)
        p.prefix, p.surname = prefix, base
        p_bsn = self.t.bsn_share.get(origin, self.s.bsn_share_other)
        if rng.random() < p_bsn:
            p.bsn = self.new_bsn()
        return p

    def household(self) -> list[Person]:
        """One household: people sharing an address (or a single homeless person)."""
        rng = self.rng
        s = self.s
        origin = self.t.origins(rng)
        city = CITY(rng)
        r = rng.random()
        members: list[Person]
        if r < 0.40:
            members = [self.person(origin, "M" if rng.random() < 0.52 else "V", self.adult_age())]
            single = members[0]
            p_homeless = s.homeless_share_eu if origin in ("PL", "RO", "EU") else s.homeless_share_other
            if rng.random() < p_homeless:
                single.homeless = True
                if single.bsn and rng.random() < s.homeless_bsn_loss:
                    single.bsn = ""
        elif r < 0.66:
            members = self._couple(origin)
        elif r < 0.89:
            members = self._couple(origin)
            members += self._children(members, origin)
        elif r < 0.96:
            members = self._single_parent(origin)
        else:
            members = self._parent_with_adult_child(origin)
        # Address, phone.
        homeless = members[0].homeless
        address = None if homeless else self.new_address(city)
        landline = self.landline(city) if rng.random() < 0.25 else ""
        for p in members:
            p.city = city
            if homeless:
                if rng.random() < s.shelter_share:
                    p.shelter = True
                    p.address = self.shelter_address(city)
                else:
                    p.address = None
            else:
                p.address = address
            age = p.age(self.ref_ord)
            if age >= 14:
                r2 = rng.random()
                if landline and ((age > 65 and r2 < 0.7) or r2 < 0.25):
                    p.phone = landline
                elif r2 < (s.mobile_share_homeless if homeless else s.mobile_share_other):
                    p.phone = self.mobile()
        if len(members) > 1:
            for p in members:
                others = [q for q in members if q is not p and q.bsn]
                if others:
                    p.rel_bsn = rng.choice(others).bsn
        return members

    def _couple(self, origin: str) -> list[Person]:
        rng = self.rng
        age_m = max(20.0, self.adult_age())
        age_v = max(18.0, age_m - rng.gauss(2, 3))
        same_sex = rng.random() < 0.03
        other_origin = origin if rng.random() < 0.85 else self.t.origins(rng)
        a = self.person(origin, "M", age_m)
        b = self.person(other_origin, "M" if same_sex else "V", age_v)
        a.partner = (b.prefix, b.surname)
        b.partner = (a.prefix, a.surname)
        year_v = date.fromordinal(b.dob).year
        if b.sex == "V" and origin == "NL":
            b.uses_partner = rng.random() < (0.55 if year_v < 1970 else 0.25)
        return [a, b]

    def _children(self, parents: list[Person], origin: str) -> list[Person]:
        rng = self.rng
        father, mother = parents
        mother_age = mother.age(self.ref_ord)
        n = 1 + (rng.random() < 0.6) + (rng.random() < 0.3) + (rng.random() < 0.08)
        kids: list[Person] = []
        kid_age = mother_age - rng.uniform(22, 37)
        surname = (father.prefix, father.surname) if rng.random() < 0.93 else (mother.prefix, mother.surname)
        made_junior = False
        while len(kids) < n and kid_age > 0:
            if kid_age > 30 and rng.random() < 0.7:
                kid_age -= rng.uniform(1, 4)
                continue
            sex = "M" if rng.random() < 0.51 else "V"
            kid = self.person(origin, sex, kid_age, surname)
            if sex == "M" and not made_junior and origin == "NL" and rng.random() < 0.08:
                # Son named after his father: same official names, different birth date.
                kid.given = father.given
                kid.roep = father.roep if rng.random() < 0.6 else kid.roep
                father.jrsr, kid.jrsr = "sr", "jr"
                made_junior = True
            kids.append(kid)
            if kid_age > 1 and rng.random() < 0.03 and len(kids) < n + 1:
                twin = self.person(origin, "M" if rng.random() < 0.51 else "V", kid_age, surname)
                twin.dob = kid.dob
                while twin.given == kid.given:
                    twin.given, twin.roep = self.given_names(origin, twin.sex, twin.dob)
                kid.twin = twin.twin = True
                kids.append(twin)
            kid_age -= rng.uniform(1, 5)
        return kids

    def _single_parent(self, origin: str) -> list[Person]:
        rng = self.rng
        sex = "V" if rng.random() < 0.85 else "M"
        age = max(24.0, min(60.0, self.adult_age()))
        parent = self.person(origin, sex, age)
        ex = self.surname(origin)
        parent.partner = ex
        if sex == "V" and origin == "NL" and rng.random() < 0.15:
            parent.uses_partner = True
        father_surname = ex if sex == "V" and rng.random() < 0.8 else (parent.prefix, parent.surname)
        kids = []
        kid_age = parent.age(self.ref_ord) - rng.uniform(20, 38)
        for _ in range(1 + (rng.random() < 0.5) + (rng.random() < 0.15)):
            if kid_age <= 0:
                break
            kids.append(self.person(origin, "M" if rng.random() < 0.51 else "V", kid_age, father_surname))
            kid_age -= rng.uniform(1, 5)
        return [parent] + kids

    def _parent_with_adult_child(self, origin: str) -> list[Person]:
        rng = self.rng
        sex = "M" if rng.random() < 0.6 else "V"
        parent = self.person(origin, sex, rng.uniform(62, 88))
        child_age = parent.age(self.ref_ord) - rng.uniform(22, 36)
        r = rng.random()
        if r < 0.35:
            # Adult son / daughter living with the parent, named after them (jr / sr).
            child = self.person(origin, sex, child_age, (parent.prefix, parent.surname))
            child.given = parent.given
            if rng.random() < 0.5:
                child.roep = parent.roep
            parent.jrsr, child.jrsr = "sr", "jr"
            return [parent, child]
        child = self.person(origin, "M" if rng.random() < 0.5 else "V", child_age, (parent.prefix, parent.surname))
        if r < 0.75:
            return [parent, child]
        sibling = self.person(
            origin, "M" if rng.random() < 0.5 else "V", child_age - rng.uniform(1, 6), (parent.prefix, parent.surname)
        )
        return [child, sibling]

    def namesake(self, src: Person) -> Person:
        """Someone else with the same (common) surname, often the same first name, similar age."""
        rng = self.rng
        p = self.person(src.origin, src.sex, 30, (src.prefix, src.surname))
        p.surname = src.surname
        shift = rng.uniform(0.3, 6) * (1 if rng.random() < 0.5 else -1)
        p.dob = src.dob + int(shift * 365.2425)
        if p.dob > self.ref_ord - 18 * 365:
            p.dob = src.dob - int(abs(shift) * 365.2425)
        p.given, p.roep = self.given_names(src.origin, src.sex, p.dob)
        if rng.random() < 0.5:
            p.given = (src.given[0],) + p.given[1:]
            p.roep = src.roep if rng.random() < 0.7 else p.roep
        p.city = src.city if rng.random() < 0.35 else CITY(rng)
        p.address = self.new_address(p.city)
        p.phone = self.mobile() if rng.random() < 0.6 else ""
        return p


# ---------------------------------------------------------------------------------------------
# Rendering: registry rows (clean) and queries (noisy)
# ---------------------------------------------------------------------------------------------


def city_name(city: int, rng: random.Random | None = None) -> str:
    official, colloquial = D.CITIES[city][0], D.CITIES[city][1]
    if rng is not None and colloquial and rng.random() < 0.7:
        return colloquial
    return official


def joined_surname(prefix: str, surname: str) -> str:
    return f"{prefix} {surname}" if prefix else surname


def capitalised(prefix: str, surname: str) -> str:
    return f"{prefix[0].upper()}{prefix[1:]} {surname}" if prefix else surname


def registry_row(p: Person, record_id: str, rng: random.Random, t: Tables = STANDARD_TABLES) -> list[str]:
    s = t.s
    given_full, given_roep = t.registry_given
    r = rng.random()
    if r < given_full:
        given = " ".join(p.given)
    elif r < given_roep:
        given = p.roep
    else:
        given = initials(p.given, 0)
    prefix, surname = p.prefix, p.surname
    if p.uses_partner and p.partner and rng.random() < s.registry_partner_name:
        surname = f"{joined_surname(*p.partner)}-{joined_surname(prefix, surname)}"
        prefix = ""
    elif prefix:
        joined, capital = t.registry_prefix
        r = rng.random()
        if r < joined:
            prefix, surname = "", joined_surname(prefix, surname)
        elif r < capital:
            prefix, surname = "", capitalised(prefix, surname)
    sex = p.sex if rng.random() < t.registry_sex_kept else ""
    dob_missing = (
        p.homeless and rng.random() < s.registry_dob_missing_homeless
    ) or rng.random() < s.registry_dob_missing
    dob = "" if dob_missing else date.fromordinal(p.dob).isoformat()
    if p.address:
        street, number, postcode, city = p.address
        city_s = city_name(city)
    else:
        street = number = postcode = ""
        city_s = city_name(p.city) if rng.random() < s.registry_city_homeless else ""
    return [record_id, given, prefix, surname, sex, dob, p.bsn, street, number, postcode, city_s, p.phone]


INITIAL_STYLE = Sampler([(0, 60), (1, 25), (2, 8), (3, 7)])
_ABBREV_PREFIX = {
    "van de": ("vd", "v.d.", "v/d", "v. d."),
    "van den": ("vd", "v.d.", "v/d", "v.d", "vd."),
    "van der": ("vd", "v.d.", "v/d", "v. d."),
    "van": ("v.", "v"),
    "van 't": ("v.'t", "vt"),
}
_WRONG_PREFIX = {
    "van den": ("van de", "van der"),
    "van de": ("van den", "van der"),
    "van der": ("van de", "van den"),
    "de": ("den",),
    "van": ("van de",),
    "ter": ("ten", "te"),
    "ten": ("ter",),
    "te": ("ter",),
    "van 't": ("van het", "van t"),
    "in 't": ("in het", "int"),
}


def _other_nickname(p: Person, rng: random.Random) -> str:
    first = p.given[0]
    options = [n for n, _ in NICK_ALL.get(first, ()) if n != p.roep]
    options += [v for v in D.NAME_SPELLING_VARIANTS.get(first, ()) if v != p.roep]
    return rng.choice(options) if options else p.roep


def render_surname(
    prefix: str, surname: str, rng: random.Random, tags: list[str], t: Tables = STANDARD_TABLES
) -> tuple[str, str]:
    if not prefix:
        return "", surname
    style = t.prefix_style(rng)
    if style != "standard":
        tags.append(f"prefix_{style}")
    if style == "standard":
        return prefix, surname
    if style == "joined":
        return "", f"{prefix} {surname}"
    if style == "capitalised":
        return "", capitalised(prefix, surname)
    if style == "inverted":
        return "", (f"{surname}, {prefix}" if rng.random() < 0.7 else f"{surname} {prefix}")
    if style == "abbreviated" and prefix in _ABBREV_PREFIX:
        return "", f"{rng.choice(_ABBREV_PREFIX[prefix])} {surname}"
    if style == "fused":
        glued = prefix.replace(" ", "").replace("'", "")
        r = rng.random()
        if r < 0.5:
            return "", glued.capitalize() + surname.lower()
        if r < 0.8:
            return "", glued.capitalize() + surname
        return "", " ".join(w.capitalize() for w in prefix.split()) + " " + surname
    if style == "wrong_prefix" and prefix in _WRONG_PREFIX:
        return rng.choice(_WRONG_PREFIX[prefix]), surname
    if style == "dropped":
        return "", surname
    return prefix, surname


def _house_number_variant(number: str, rng: random.Random) -> str:
    digits = "".join(c for c in number if c.isdigit())
    rest = number[len(digits) :]
    if not rest:
        return number
    rest = rest.strip()
    if rest.startswith("-"):
        floor = rest[1:]
        roman = {"1": "I", "2": "II", "3": "III", "4": "IV"}
        options = [f"{digits} {floor}", f"{digits}-{floor.lower()}", f"{digits}{floor}"]
        if floor in roman:
            options += [f"{digits}-{roman[floor]}", f"{digits} {roman[floor]}", f"{digits} {floor}hg"]
        if floor == "H":
            options += [f"{digits} hs", f"{digits}-huis", f"{digits}"]
        return rng.choice(options)
    return rng.choice((f"{digits} {rest}", f"{digits}-{rest.lower()}", f"{digits}{rest.lower()}", digits))


def _phone_variant(phone: str, rng: random.Random) -> str:
    digits = phone.replace("-", "")
    r = rng.random()
    if digits.startswith("06"):
        if r < 0.35:
            return digits
        if r < 0.5:
            return f"06 {digits[2:]}"
        if r < 0.65:
            return f"+31 6 {digits[2:]}"
        if r < 0.75:
            return f"+316{digits[2:]}"
        if r < 0.85:
            return f"06-{digits[2:6]} {digits[6:]}"
        return phone
    if r < 0.4:
        return digits
    if r < 0.55:
        return "+31" + digits[1:]
    return phone


def _date_variant(dob: int, rng: random.Random, tags: list[str], t: Tables) -> str:
    d = date.fromordinal(dob)
    swap, year, day, wrong = t.dob_errors
    r = rng.random()
    if r < swap:
        if d.day <= 12 and d.day != d.month:
            tags.append("dob_day_month_swap")
            return date(d.year, d.day, d.month).isoformat()
        return d.isoformat()
    if r < year:
        tags.append("dob_year_error")
        y = d.year
        s = str(y)
        candidates = [y + 1, y - 1, int(s[:2] + s[3] + s[2]), y + 10, y - 10]
        y2 = rng.choice([c for c in candidates if c != y and 1900 < c < 2026])
        try:
            return date(y2, d.month, d.day).isoformat()
        except ValueError:
            return date(y2, d.month, 28).isoformat()
    if r < day:
        tags.append("dob_day_error")
        day = d.day + rng.choice((-1, 1, 10, -10))
        day = min(28, max(1, day))
        if day == d.day:
            day = 1 if d.day != 1 else 2
        return date(d.year, d.month, day).isoformat()
    if r < wrong:
        tags.append("dob_wrong")
        return date.fromordinal(dob + rng.randint(200, 3000) * rng.choice((-1, 1))).isoformat()
    return d.isoformat()


def _bsn_variant(bsn: str, rng: random.Random, tags: list[str], t: Tables) -> str:
    digit_error, transposition = t.bsn_errors
    r = rng.random()
    if r < digit_error:
        tags.append("bsn_digit_error")
        i = rng.randrange(9)
        new = rng.choice([c for c in "0123456789" if c != bsn[i]])
        return bsn[:i] + new + bsn[i + 1 :]
    if r < transposition:
        i = rng.randrange(8)
        if bsn[i] != bsn[i + 1]:
            tags.append("bsn_transposition")
            return bsn[:i] + bsn[i + 1] + bsn[i] + bsn[i + 2 :]
    return bsn


def _street_variant(street: str, rng: random.Random, tags: list[str]) -> str:
    r = rng.random()
    if r < 0.1:
        for old, new in rng.sample(D.STREET_ABBREVIATIONS, len(D.STREET_ABBREVIATIONS)):
            if old in street:
                tags.append("street_abbreviated")
                return street.replace(old, new, 1)
    elif r < 0.13:
        tags.append("street_typo")
        return typo(street, rng)
    elif r < 0.15:
        tags.append("street_case")
        return street.lower()
    return street


def _postcode_variant(postcode: str, rng: random.Random, tags: list[str]) -> str:
    r = rng.random()
    if r < 0.3:
        return postcode.replace(" ", "")
    if r < 0.4:
        return postcode.replace(" ", "").lower()
    if r < 0.42:
        tags.append("postcode_error")
        digits = list(postcode[:4])
        i = rng.randrange(1, 4)
        digits[i] = rng.choice([c for c in "0123456789" if c != digits[i]])
        return "".join(digits) + postcode[4:]
    return postcode


def _foreign_variant(name: str, rng: random.Random, tags: list[str], t: Tables) -> str:
    if has_diacritics(name):
        dropped, transcribed = t.diacritics
        r = rng.random()
        if r < dropped:
            tags.append("no_diacritics")
            return strip_diacritics(name)
        if r < transcribed and any(c in D.UMLAUT_TRANSCRIPTION for c in name):
            tags.append("umlaut_transcribed")
            return strip_diacritics("".join(D.UMLAUT_TRANSCRIPTION.get(c, c) for c in name))
    return name


def render_query(p: Person, pop: Population, rng: random.Random) -> tuple[list[str], str, list[str]]:
    """A melding's description of person ``p``: fields (without query_id), source and variation tags."""
    t, s = pop.t, pop.s
    tags: list[str] = []
    source = (t.sources_homeless if p.homeless else t.sources)(rng)
    p_dob, p_age, p_addr, p_bsn, p_sex, p_phone = t.source_fields[source]
    age = p.age(pop.ref_ord)
    description_only = source == "straat" and rng.random() < s.description_only

    # Given names.
    style = "none" if description_only else t.given_style[source](rng)
    if style == "full":
        given = " ".join(p.given)
    elif style == "first":
        given = p.given[0]
    elif style == "roep":
        given = p.roep
    elif style == "nick":
        given = _other_nickname(p, rng)
    elif style == "init":
        given = initials(p.given, INITIAL_STYLE(rng))
    else:
        given = ""
    if style != "full":
        tags.append(f"given_{style}")
    if given and style in ("full", "first", "roep") and rng.random() < s.given_spelling_variant:
        first = given.split()[0]
        variants = D.NAME_SPELLING_VARIANTS.get(first)
        if variants:
            tags.append("given_spelling_variant")
            given = given.replace(first, rng.choice(variants), 1)

    # Surname.
    if description_only or rng.random() < (s.no_surname_street if source == "straat" else s.no_surname_other):
        prefix, surname = "", ""
        tags.append("no_surname")
    else:
        prefix, surname = p.prefix, p.surname
        if p.partner:
            if p.uses_partner:
                use = s.partner_name_user
            else:
                use = s.partner_name_woman if p.sex == "V" else s.partner_name_man
            if rng.random() < use:
                tags.append("partner_name")
                r = rng.random()
                pp, ps = p.partner
                if r < 0.5:
                    prefix, surname = pp, ps
                elif r < 0.9:
                    prefix, surname = "", f"{joined_surname(pp, ps)}-{joined_surname(prefix, surname)}"
                else:
                    prefix, surname = "", f"{joined_surname(prefix, surname)}-{joined_surname(pp, ps)}"
        has_ij = "ij" in surname or "ei" in surname or "y" in surname
        swap_rate = s.surname_spelling_ij if has_ij else s.surname_spelling_other
        if rng.random() < swap_rate:
            swapped = spelling_swap(surname, rng)
            if swapped:
                tags.append("surname_spelling")
                surname = swapped
        if rng.random() < s.surname_typo:
            tags.append("surname_typo")
            surname = typo(surname, rng)
            if rng.random() < s.surname_second_typo:
                surname = typo(surname, rng)
        surname = _foreign_variant(surname, rng, tags, t)
        prefix, surname = render_surname(prefix, surname, rng, tags, t)
        if p.jrsr and p.sex == "M" and rng.random() < 0.2:
            tags.append("jrsr_suffix")
            surname = f"{surname} {p.jrsr}."
    if given:
        if rng.random() < s.given_typo:
            tags.append("given_typo")
            given = typo(given, rng)
        given = _foreign_variant(given, rng, tags, t)
    upper, lower = t.case
    r = rng.random()
    if r < upper:
        tags.append("upper_case")
        given, prefix, surname = given.upper(), prefix.upper(), surname.upper()
    elif r < lower:
        tags.append("lower_case")
        given, prefix, surname = given.lower(), prefix.lower(), surname.lower()
    if given and surname and rng.random() < s.names_swapped:
        tags.append("names_swapped")
        given, surname = joined_surname(prefix, surname), given
        prefix = ""

    # Sex.
    sex = ""
    if rng.random() < p_sex:
        sex = p.sex
        if rng.random() < s.sex_wrong:
            tags.append("sex_wrong")
            sex = "V" if sex == "M" else "M"

    # Date of birth or an estimated age.
    dob_s = approx = ""
    r = rng.random()
    if r < p_dob:
        dob_s = _date_variant(p.dob, rng, tags, t)
    elif r < p_dob + p_age:
        tags.append("approx_age")
        bias = 2.0 if p.homeless else 0.0
        est = age + rng.gauss(bias, 6 if source == "straat" else 4)
        est = 5 * round(est / 5) if rng.random() < 0.5 else round(est)
        approx = str(max(16, int(est)))
    else:
        tags.append("no_dob")

    # BSN.
    bsn = ""
    if p.bsn and rng.random() < p_bsn:
        bsn = _bsn_variant(p.bsn, rng, tags, t)
        if p.rel_bsn and rng.random() < s.bsn_of_relative:
            tags.append("bsn_of_relative")
            bsn = p.rel_bsn

    # Address.
    street = number = postcode = city = ""
    if not description_only and rng.random() < p_addr:
        address = p.address
        if address is None or rng.random() < s.old_address:
            address = pop.new_address(p.city if rng.random() < 0.5 else None)
            tags.append("old_address")
        st, n, pc, c = address
        street = _street_variant(st, rng, tags)
        if rng.random() < s.house_number_given:
            number = n if rng.random() < s.house_number_as_registered else _house_number_variant(n, rng)
        else:
            tags.append("no_house_number")
        if rng.random() < (s.postcode_given_corporation if source == "woningcorporatie" else s.postcode_given_other):
            postcode = _postcode_variant(pc, rng, tags)
        if rng.random() < s.city_given:
            city = city_name(c, rng)
            if rng.random() < 0.05:
                city = city.upper()

    # An outreach worker knows the town where the person is seen, even without an address.
    if source == "straat" and not city and p.city is not None and rng.random() < s.town_only:
        city = city_name(p.city, rng)
        tags.append("town_only")

    # Phone.
    phone = ""
    if p.phone and rng.random() < p_phone:
        if rng.random() < s.new_phone:
            tags.append("new_phone")
            phone = pop.mobile()
        else:
            phone = _phone_variant(p.phone, rng)

    # Place description (street outreach, occasionally others).
    description = ""
    if (
        description_only
        or (source == "straat" and rng.random() < s.place_description_street)
        or rng.random() < s.place_description_other
    ):
        word = "man" if p.sex == "M" else "vrouw"
        est = 5 * round((age + rng.gauss(2, 5)) / 5)
        description = f"{word}, ~{max(20, est)}, {rng.choice(D.PLACE_DESCRIPTIONS)}"
        tags.append("description_only" if description_only else "place_description")
        if description_only and not approx and not dob_s:
            approx = str(max(20, est))
    return (
        [given, prefix, surname, sex, dob_s, approx, bsn, street, number, postcode, city, phone, description],
        source,
        tags,
    )


def dedup_duplicate_row(p: Person, record_id: str, pop: Population, rng: random.Random) -> list[str]:
    """The same person as entered by another organisation: formatting differences and some errors."""
    tags: list[str] = []
    r = rng.random()
    if r < 0.5:
        given = " ".join(p.given)
    elif r < 0.65:
        given = p.given[0]
    elif r < 0.85:
        given = p.roep
    else:
        given = initials(p.given, 0)
    prefix, surname = p.prefix, p.surname
    if p.partner and p.uses_partner and rng.random() < 0.3:
        prefix, surname = "", f"{joined_surname(*p.partner)}-{joined_surname(prefix, surname)}"
    if rng.random() < 0.05:
        swapped = spelling_swap(surname, rng)
        surname = swapped or surname
    if rng.random() < 0.06:
        surname = typo(surname, rng)
    if rng.random() < 0.04:
        given = typo(given, rng)
    t = pop.t
    surname = _foreign_variant(surname, rng, tags, t)
    prefix, surname = render_surname(prefix, surname, rng, tags, t)
    given = _foreign_variant(given, rng, tags, t)
    sex = p.sex if rng.random() < 0.9 else ""
    dob = _date_variant(p.dob, rng, tags, t) if rng.random() < 0.9 else ""
    bsn = ""
    if p.bsn and rng.random() < 0.6:
        bsn = p.bsn if rng.random() < 0.97 else _bsn_variant(p.bsn, rng, tags, t)
    street = number = postcode = city = ""
    address = p.address
    if rng.random() < 0.2:
        address = pop.new_address(p.city if rng.random() < 0.5 else None)
    if address and rng.random() < 0.92:
        s, n, pc, c = address
        street = s if rng.random() < 0.9 else _street_variant(s, rng, tags)
        number = n if rng.random() < 0.7 else _house_number_variant(n, rng)
        postcode = pc if rng.random() < 0.6 else _postcode_variant(pc, rng, tags)
        city = city_name(c, rng if rng.random() < 0.3 else None)
    phone = ""
    if p.phone and rng.random() < 0.5:
        phone = pop.mobile() if rng.random() < 0.1 else _phone_variant(p.phone, rng)
    return [record_id, given, prefix, surname, sex, dob, bsn, street, number, postcode, city, phone]


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------


class Reservoir:
    """Uniform sample of fixed size from a stream (algorithm R)."""

    def __init__(self, size: int, rng: random.Random):
        self.size = size
        self.rng = rng
        self.items: list = []
        self.seen = 0

    def offer(self, item) -> None:
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(item)
        else:
            j = self.rng.randrange(self.seen)
            if j < self.size:
                self.items[j] = item


def _open_csv(path: str):
    f = open(path, "w", newline="", encoding="utf-8")
    return f, csv.writer(f, lineterminator="\n")


def _id_width(n: int) -> int:
    return max(6, len(str(n)))


def generate_main(
    records: int,
    queries: int,
    absent_share: float,
    seed: int,
    out_dir: str,
    reference: date = DEFAULT_REFERENCE_DATE,
    settings: GeneratorSettings = STANDARD,
) -> dict:
    """Write registry.csv, queries.csv, truth.csv and query_meta.csv; return counts."""
    t = STANDARD_TABLES if settings is STANDARD else Tables(settings)
    rng = random.Random(f"{settings.seed_label}-{seed}")
    aux = random.Random(f"{settings.seed_label}-aux-{seed}")
    pop = Population(rng, reference, t)
    n_absent = round(queries * absent_share)
    n_present = queries - n_absent
    if records == 0:
        n_present, n_absent = 0, queries
    n_rel = round(n_absent * settings.absent_relatives)
    n_rel_special = round(n_rel * settings.absent_relatives_special)
    n_rel -= n_rel_special
    n_ns = round(n_absent * settings.absent_namesakes)
    targets = set(aux.sample(range(records), min(n_present, records)))
    target_people: dict[int, Person] = {}
    relatives = Reservoir(n_rel, aux)
    relatives_special = Reservoir(n_rel_special, aux)
    namesake_sources = Reservoir(n_ns, aux)
    w_rel = min(0.5, 4.0 * (n_rel + 1) / max(records, 1))
    w_special = min(0.6, 0.3 + w_rel)
    width = _id_width(records)
    os.makedirs(out_dir, exist_ok=True)
    f, w = _open_csv(os.path.join(out_dir, "registry.csv"))
    w.writerow(REGISTRY_HEADER)
    written = 0
    ref_ord = pop.ref_ord
    rows = []
    while written < records:
        members = pop.household()
        withheld = None
        if len(members) > 1:
            adults = [m for m in members if m.age(ref_ord) >= 16]
            if len(adults) < 2:
                adults = []
            special = [m for m in adults if m.jrsr or m.twin]
            if special and aux.random() < w_special:
                withheld = aux.choice(special)
                relatives_special.offer((withheld, "relative_" + ("jrsr" if withheld.jrsr else "twin")))
            elif adults and aux.random() < w_rel:
                withheld = aux.choice(adults)
                relatives.offer((withheld, "relative"))
        for m in members:
            if m is withheld:
                continue
            age = m.age(ref_ord)
            if (age < 12 and rng.random() > 0.2) or (12 <= age < 18 and rng.random() > 0.5):
                continue
            if written >= records:
                break
            record_id = f"R{written + 1:0{width}d}"
            rows.append(registry_row(m, record_id, rng, t))
            if written in targets:
                target_people[written] = m
            if m.origin == "NL" and age >= 18 and (m.prefix, m.surname) in t.top_surname_set:
                namesake_sources.offer(m)
            written += 1
        if len(rows) >= 5000:
            w.writerows(rows)
            rows.clear()
    w.writerows(rows)
    f.close()

    # Absent people.
    absent: list[tuple[Person, str]] = list(relatives_special.items) + list(relatives.items)
    for src in namesake_sources.items:
        absent.append((pop.namesake(src), "namesake"))
    while len(absent) < n_absent:
        for m in pop.household():
            if len(absent) < n_absent and m.age(ref_ord) >= 16 and aux.random() < 0.6:
                absent.append((m, "unrelated"))
    absent = absent[:n_absent]

    items: list[tuple[Person, str, str]] = [
        (target_people[i], f"R{i + 1:0{width}d}", "") for i in sorted(target_people)
    ]
    items += [(p, "", kind) for p, kind in absent]
    aux.shuffle(items)
    qwidth = _id_width(len(items))
    fq, wq = _open_csv(os.path.join(out_dir, "queries.csv"))
    ft, wt = _open_csv(os.path.join(out_dir, "truth.csv"))
    fm, wm = _open_csv(os.path.join(out_dir, "query_meta.csv"))
    wq.writerow(QUERY_HEADER)
    wt.writerow(TRUTH_HEADER)
    wm.writerow(META_HEADER)
    for k, (p, record_id, kind) in enumerate(items, start=1):
        qid = f"Q{k:0{qwidth}d}"
        fields, source, tags = render_query(p, pop, rng)
        wq.writerow([qid, *fields])
        wt.writerow([qid, record_id])
        wm.writerow([qid, kind, source, ";".join(tags)])
    for fh in (fq, ft, fm):
        fh.close()
    return {"records": written, "queries": len(items), "present": len(target_people), "absent": len(absent)}


def generate_dedup(
    records: int,
    seed: int,
    out_dir: str,
    reference: date = DEFAULT_REFERENCE_DATE,
    dup_rate: float = 0.1,
    settings: GeneratorSettings = STANDARD,
) -> dict:
    """Write dedup_registry.csv (with injected duplicates) and dedup_truth.csv (all true pairs)."""
    t = STANDARD_TABLES if settings is STANDARD else Tables(settings)
    rng = random.Random(f"{settings.seed_label}-dedup-{seed}")
    pop = Population(rng, reference, t)
    width = _id_width(records)
    os.makedirs(out_dir, exist_ok=True)
    f, w = _open_csv(os.path.join(out_dir, "dedup_registry.csv"))
    ft, wt = _open_csv(os.path.join(out_dir, "dedup_truth.csv"))
    w.writerow(REGISTRY_HEADER)
    wt.writerow(DEDUP_TRUTH_HEADER)
    pending: list[tuple[int, int, int]] = []  # (emit at, sequence, cluster)
    clusters: dict[int, tuple[Person, list[str], int]] = {}  # cluster -> (person, ids, remaining)
    written = 0
    seq = 0
    pairs = 0
    window = max(50, min(records // 2, 20000))

    def emit(row: list[str]) -> None:
        nonlocal written
        w.writerow(row)
        written += 1

    def next_id() -> str:
        return f"D{written + 1:0{width}d}"

    def emit_duplicate(cluster: int) -> None:
        nonlocal pairs
        person, ids, remaining = clusters[cluster]
        rid = next_id()
        emit(dedup_duplicate_row(person, rid, pop, rng))
        for other in ids:
            wt.writerow(sorted((other, rid)))
            pairs += 1
        ids.append(rid)
        if remaining <= 1:
            del clusters[cluster]
        else:
            clusters[cluster] = (person, ids, remaining - 1)

    ref_ord = pop.ref_ord
    while written + len(pending) < records:
        for m in pop.household():
            if written + len(pending) >= records:
                break
            age = m.age(ref_ord)
            if age < 12 and rng.random() > 0.2:
                continue
            while pending and pending[0][0] <= written:
                emit_duplicate(heapq.heappop(pending)[2])
            rid = next_id()
            emit(registry_row(m, rid, rng, t))
            if rng.random() < dup_rate:
                n_dup = 1 + (rng.random() < 0.2) + (rng.random() < 0.05)
                n_dup = min(n_dup, records - written - len(pending))
                if n_dup > 0:
                    seq += 1
                    clusters[seq] = (m, [rid], n_dup)
                    for _ in range(n_dup):
                        heapq.heappush(pending, (written + rng.randint(1, window), seq, seq))
    while pending:
        emit_duplicate(heapq.heappop(pending)[2])
    f.close()
    ft.close()
    return {"dedup_records": written, "dedup_pairs": pairs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000, help="registry size")
    parser.add_argument("--queries", type=int, default=10_000, help="number of queries")
    parser.add_argument("--absent-share", type=float, default=0.3, help="share of queries about unknown people")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out-dir", default="bench/out/persons")
    parser.add_argument("--dedup-records", type=int, default=0, help="also write a dedup registry of N records")
    parser.add_argument("--dedup-rate", type=float, default=0.1, help="share of dedup people that get duplicates")
    parser.add_argument("--skip-main", action="store_true", help="only write the dedup files")
    parser.add_argument(
        "--profile",
        choices=sorted(SETTINGS_PROFILES),
        default="standard",
        help="generator settings (bench/persons/settings.py): 'standard' is the tuning set, "
        "'independent' the test set that is never used while tuning (default %(default)s)",
    )
    parser.add_argument(
        "--reference-date",
        type=date.fromisoformat,
        default=DEFAULT_REFERENCE_DATE,
        help="'today' for ages and approx_age (default %(default)s)",
    )
    args = parser.parse_args(argv)
    if not 0 <= args.absent_share <= 1:
        parser.error("--absent-share must be between 0 and 1")
    settings = SETTINGS_PROFILES[args.profile]
    started = time.perf_counter()
    if not args.skip_main:
        counts = generate_main(
            args.records, args.queries, args.absent_share, args.seed, args.out_dir, args.reference_date, settings
        )
        print(
            f"registry: {counts['records']} records; queries: {counts['queries']} "
            f"({counts['present']} present, {counts['absent']} absent, profile {args.profile}) -> {args.out_dir}",
            file=sys.stderr,
        )
    if args.dedup_records:
        counts = generate_dedup(
            args.dedup_records, args.seed, args.out_dir, args.reference_date, args.dedup_rate, settings
        )
        print(f"dedup registry: {counts['dedup_records']} records, {counts['dedup_pairs']} true pairs", file=sys.stderr)
    print(f"done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
