"""Pairwise comparison of a query with a candidate record.

Each field lands on one *level* of its comparison ("achternaam gelijk", "geboortedatum
wijkt één cijfer af", ...), which carries a weight (evidence for or against "same person",
Fellegi-Sunter) and is the reason the worker reads. Family levels (another given name on
the same birth date; the same names a generation apart at one house) are levels of their
own. The weights come from a model (see ``model``): estimated from the registry once it has
been trained, else the hand-set ``LEVELS`` below, checked with the benchmark under
bench/persons."""

import math
from dataclasses import dataclass, field
from typing import Protocol

from rapidfuzz.distance import JaroWinkler, Levenshtein

from .features import Features
from .names import name_group

# Verdict thresholds on the summed hand-set weight (the untrained model).
MATCH_SCORE = 13.0
POSSIBLE_SCORE = 6.0
# A "match" also needs a clear lead over the runner-up, so two similar people
# (father and son, twins) never both look certain.
MATCH_MARGIN = 4.0
# Living at the same house is strong evidence; relatives there are told apart by name, sex and age.
ADDRESS_WEIGHT = 4.5
# Given name and surname typed in each other's field: a small penalty on the swapped reading.
SWAP_PENALTY = 1.0
# Exact birth date and the same house, without a given-name conflict (see compare).
DOB_ADDRESS_BONUS = 1.5


@dataclass(frozen=True)
class Level:
    code: str
    label: str  # the reason as the worker reads it
    weight: float  # hand-set weight of the untrained model


def _levels(*rows: tuple[str, str, float]) -> dict[str, Level]:
    return {code: Level(code, label, weight) for code, label, weight in rows}


# Every comparison and its levels. A field missing on either side gives no level at all.
LEVELS: dict[str, dict[str, Level]] = {
    "bsn": _levels(("gelijk", "BSN gelijk", 12.0), ("verschilt", "BSN verschilt", -12.0)),
    "achternaam": _levels(
        ("gelijk", "achternaam gelijk", 5.0),
        ("klinkt_gelijk", "achternaam klinkt gelijk", 4.0),
        ("bijna", "achternaam bijna gelijk (tikfout?)", 3.0),
        ("lijkt", "achternaam lijkt op elkaar", 1.5),
        # At the same house a different surname is often the partner's name.
        ("partnernaam", "achternaam verschilt (partnernaam?)", -1.0),
        ("verschilt", "achternaam verschilt", -4.0),
    ),
    "voornaam": _levels(
        ("voorletters_passen", "voorletters passen", 1.0),
        ("voorletters_verschillen", "voorletters verschillen", -3.0),
        ("gelijk", "voornaam gelijk", 3.5),
        ("voorletter_past", "voorletter past", 1.0),
        ("voorletter_verschilt", "voorletter verschilt", -3.0),
        ("een_van", "roepnaam is een van de voornamen", 3.0),
        ("bijnaam", "roepnaam/bijnaam past bij voornaam", 2.5),
        ("bijna", "voornaam bijna gelijk (tikfout?)", 2.0),
        ("lijkt", "voornaam lijkt op elkaar (tikfout?)", 1.0),
        ("verschilt_voorletter", "voornaam verschilt (zelfde voorletter)", -1.5),
        ("verschilt", "voornaam verschilt", -3.5),
    ),
    "geboortedatum": _levels(
        ("gelijk", "geboortedatum gelijk", 5.5),
        ("omgedraaid", "geboortedatum gelijk met dag en maand omgedraaid", 3.5),
        ("een_cijfer", "geboortedatum wijkt één cijfer af", 2.5),
        ("deels", "geboortedatum deels gelijk", 0.5),
        ("verschilt", "geboortedatum verschilt", -7.0),
        # An age guessed by a neighbour or outreach worker: often 5, sometimes 10 years off.
        ("leeftijd_past", "leeftijd past", 1.5),
        ("leeftijd_ongeveer", "leeftijd past ongeveer", 1.0),
        ("leeftijd_wat_af", "leeftijd wijkt wat af", 0.0),
        ("leeftijd_af", "leeftijd wijkt af", -1.5),
        ("leeftijd_sterk_af", "leeftijd wijkt sterk af", -3.0),
        ("leeftijd_niet", "leeftijd past niet", -5.0),
        # A birth year known to a year or so (an estimated birth year in the registry).
        ("jaar_past", "leeftijd past", 1.5),
        ("jaar_ongeveer", "leeftijd past ongeveer", 0.5),
        ("jaar_af", "leeftijd wijkt af", -2.0),
        ("jaar_niet", "leeftijd past niet", -5.0),
    ),
    "geslacht": _levels(("gelijk", "geslacht gelijk", 0.5), ("verschilt", "geslacht verschilt", -4.0)),
    "adres": _levels(
        ("gelijk", "zelfde adres", ADDRESS_WEIGHT),
        # The same house by number and postcode or street, with another part written otherwise
        # (street, town, postcode): as strong untrained; trained, the registry says how much
        # the parts that agree add (independent evidence in FEBRL, following from the postcode
        # in a Dutch registry).
        ("huis", "zelfde adres", ADDRESS_WEIGHT),
        ("toevoeging", "zelfde huisnummer, toevoeging wijkt af", ADDRESS_WEIGHT - 1.0),
        ("postcode", "zelfde postcode", 1.0),
        ("straat", "zelfde straat", 1.0),
        ("woonplaats", "zelfde woonplaats", 0.3),
        ("anders", "ander adres", 0.0),
    ),
    "telefoon": _levels(("gelijk", "zelfde telefoonnummer", 3.0), ("anders", "ander telefoonnummer", 0.0)),
    # Family levels: patterns of several fields that relatives at one house share. Their
    # trained weight corrects what the independent fields above count twice (see model).
    "familie": _levels(
        ("tweeling", "andere voornaam bij dezelfde geboortedatum (tweeling?)", -3.0),
        # Born on the same day and living in the same house, with a given name that does
        # not conflict: only a typo or another surname (partner name) keeps this from a match.
        ("datum_adres", "geboortedatum en adres gelijk", DOB_ADDRESS_BONUS),
        # The same, with the -1 for another surname at this house undone: the partner name.
        ("datum_adres_partner", "geboortedatum en adres gelijk", DOB_ADDRESS_BONUS + 1.0),
        # Untrained, these two are the "no match without a birth date" rule and the -7 for
        # another birth date; trained, they get weights of their own.
        ("namen_adres_zonder_datum", "zelfde namen en adres zonder geboortedatum (vader en zoon?)", 0.0),
        ("generatie", "zelfde namen en adres, een generatie verschil in geboortedatum (vader en zoon?)", 0.0),
        # Trained only: a surname and a house are what a household shares.
        ("huishouden", "zelfde achternaam en adres (huisgenoot?)", 0.0),
    ),
}

GIVEN_CONFLICTS = frozenset({"verschilt", "verschilt_voorletter", "voorletter_verschilt", "voorletters_verschillen"})
SURNAME_FITS = frozenset({"gelijk", "klinkt_gelijk", "bijna"})
GIVEN_FITS = frozenset({"gelijk", "een_van", "bijnaam", "bijna"})
# An estimated age that is a generation off: the father for a report about his son.
AGE_OFF = frozenset({"leeftijd_af", "leeftijd_sterk_af", "leeftijd_niet", "jaar_af", "jaar_niet"})


class Weights(Protocol):
    """Where a level's weight comes from: the hand-set table or a trained model."""

    trained: bool
    swap_penalty: float

    def weight(self, comparison: str, code: str, value: str = "") -> float: ...

    def family(self, code: str, c: "Comparison") -> float: ...


class HandWeights:
    trained = False
    swap_penalty = SWAP_PENALTY

    def weight(self, comparison: str, code: str, value: str = "") -> float:
        return LEVELS[comparison][code].weight

    def family(self, code: str, c: "Comparison") -> float:
        return LEVELS["familie"][code].weight


HAND_WEIGHTS = HandWeights()


@dataclass
class Comparison:
    score: float = 0.0
    # Evidence beyond name and address (BSN, birth date, fitting age, phone): without it a
    # father and the son named after him at the same address look the same, so the untrained
    # model gives no "match". A trained model weighs that case as a family level instead.
    identifying: bool = False
    agree: list[str] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)
    parts: dict[str, float] = field(default_factory=dict)  # the weight each comparison added
    weights: Weights = HAND_WEIGHTS

    def add(self, weight: float, reason: str):
        self.score += weight
        if weight > 0:
            self.agree.append(reason)
        elif weight < 0:
            self.conflict.append(reason)

    def level(self, comparison: str, code: str, value: str = ""):
        """Record the level of one comparison (``value``: the shared name, for its frequency)."""
        self.levels[comparison] = code
        w = self.weights.family(code, self) if comparison == "familie" else self.weights.weight(comparison, code, value)
        self.parts[comparison] = w
        self.add(w, LEVELS[comparison][code].label)


def _surname(c: Comparison, q: Features, r: Features):
    if not q.surnames or not r.surnames:
        return
    shared = q.surnames & r.surnames
    if shared:
        c.level("achternaam", "gelijk", max(shared, key=len))
    elif q.surname_phonetics & r.surname_phonetics:
        c.level("achternaam", "klinkt_gelijk")
    else:
        best = max(JaroWinkler.normalized_similarity(a, b) for a in q.surnames for b in r.surnames)
        edits = min(Levenshtein.distance(a, b) for a in q.surnames for b in r.surnames)
        if edits <= 1 or best >= 0.94:
            c.level("achternaam", "bijna")
        elif edits <= 2 and best >= 0.85:
            c.level("achternaam", "lijkt")
        elif same_address(q, r):
            c.level("achternaam", "partnernaam")
        else:
            c.level("achternaam", "verschilt")


def _given(c: Comparison, q: Features, r: Features):
    if not q.given or not r.given:
        return
    qf = q.given[0]
    if len(qf) == 1:  # only initials in the query
        if all(any(rg.startswith(qi) for rg in r.given) for qi in q.given if len(qi) == 1):
            c.level("voornaam", "voorletters_passen")
        else:
            c.level("voornaam", "voorletters_verschillen")
        return
    if qf == r.given[0]:
        c.level("voornaam", "gelijk", qf)
        return
    if all(len(rg) == 1 for rg in r.given):  # only initials registered
        c.level("voornaam", "voorletter_past" if r.given[0] == qf[0] else "voorletter_verschilt")
        return
    if qf in r.given:
        c.level("voornaam", "een_van", qf)
        return
    group = name_group(qf)
    if any(rg in group for rg in r.given):
        c.level("voornaam", "bijnaam")
        return
    sim = (
        max(JaroWinkler.normalized_similarity(qf, rg) for rg in r.given if len(rg) > 1)
        if any(len(rg) > 1 for rg in r.given)
        else 0
    )
    edits = min(Levenshtein.distance(qf, rg) for rg in r.given)
    if sim >= 0.92 or edits <= 1:
        c.level("voornaam", "bijna")
    elif (
        len(qf) >= 4
        and len(r.given[0]) > 1
        and Levenshtein.distance(qf, r.given[0]) <= 2
        and JaroWinkler.normalized_similarity(qf, r.given[0]) >= 0.85
    ):
        # Only against the first (usual) given name: a sibling's first name may well look
        # like one of this person's middle names.
        c.level("voornaam", "lijkt")
    elif r.given[0].startswith(qf[0]):
        c.level("voornaam", "verschilt_voorletter")
    else:
        c.level("voornaam", "verschilt")


def _dob(c: Comparison, q: Features, r: Features):
    if q.dob and r.dob:
        c.identifying = True  # set back below when the dates conflict
        if q.dob == r.dob:
            c.level("geboortedatum", "gelijk")
        elif (q.dob.year, q.dob.month, q.dob.day) == (r.dob.year, r.dob.day, r.dob.month):
            c.level("geboortedatum", "omgedraaid")
        else:
            same = (q.dob.year == r.dob.year) + (q.dob.month == r.dob.month) + (q.dob.day == r.dob.day)
            digits = Levenshtein.distance(q.dob.isoformat(), r.dob.isoformat())
            if same == 2 and digits <= 1:
                c.level("geboortedatum", "een_cijfer")
            elif same == 2:
                c.level("geboortedatum", "deels")
            else:
                c.identifying = False
                c.level("geboortedatum", "verschilt")
        return
    if q.birth_year and r.birth_year and max(q.year_uncertainty, r.year_uncertainty) >= 5:
        diff = abs(q.birth_year - r.birth_year)
        if diff <= 6:
            c.identifying = True
        code = (
            "leeftijd_past"
            if diff <= 3
            else "leeftijd_ongeveer"
            if diff <= 6
            else "leeftijd_wat_af"
            if diff <= 9
            else "leeftijd_af"
            if diff <= 12
            else "leeftijd_sterk_af"
            if diff <= 15
            else "leeftijd_niet"
        )
        c.level("geboortedatum", code)
        return
    if q.birth_year and r.birth_year:
        diff = abs(q.birth_year - r.birth_year)
        allowed = max(q.year_uncertainty, r.year_uncertainty, 1)
        if diff <= max(1, allowed // 2):
            c.identifying = True
            c.level("geboortedatum", "jaar_past")
        elif diff <= allowed:
            c.level("geboortedatum", "jaar_ongeveer")
        elif diff <= allowed + 3:
            c.level("geboortedatum", "jaar_af")
        else:
            c.level("geboortedatum", "jaar_niet")


def _same_street(q: Features, r: Features) -> bool:
    if not q.street or not r.street:
        return False
    if q.street == r.street:
        return True
    return JaroWinkler.normalized_similarity(q.street, r.street) >= 0.9


def _town_prefix(a: str, b: str) -> bool:
    """ "Alphen" for "Alphen aan den Rijn"."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and long.startswith(short)


def _same_place(q: Features, r: Features) -> bool:
    """Same town, allowing a typo in the town or a postcode one character off."""
    if not q.city or not r.city or q.city == r.city or _town_prefix(q.city, r.city):
        return True
    if JaroWinkler.normalized_similarity(q.city, r.city) >= 0.9:
        return True
    return bool(q.postcode and r.postcode and Levenshtein.distance(q.postcode, r.postcode) <= 1)


def _same_number(q: Features, r: Features) -> bool:
    if not q.house_digits:
        return False
    if q.house_digits == r.house_digits:
        return True
    # "2041" for "204-1": the addition typed without its dash.
    return bool(r.house_number) and q.house_number == r.house_number


def same_address(q: Features, r: Features) -> bool:
    """Same house: postcode and number, or street (typos allowed) and number in the same place."""
    if not _same_number(q, r):
        return False
    if q.postcode and r.postcode and q.postcode == r.postcode:
        return True
    return _same_street(q, r) and _same_place(q, r)


def _has_address(f: Features) -> bool:
    return bool(f.postcode or f.street or f.city)


def _every_part_equal(q: Features, r: Features) -> bool:
    """Postcode, street and town equal wherever both have them (at least two of them)."""
    both = [(a, b) for a, b in ((q.postcode, r.postcode), (q.street, r.street), (q.city, r.city)) if a and b]
    return len(both) >= 2 and all(a == b for a, b in both)


HOUSE = frozenset({"gelijk", "huis", "toevoeging"})
# The house, or its postcode when the number is missing: where the family levels apply.
HOUSE_OR_POSTCODE = HOUSE | {"postcode"}


def _address(c: Comparison, q: Features, r: Features) -> None:
    if not _has_address(q) or not _has_address(r):
        return
    if same_address(q, r):
        if q.house_number == r.house_number or not q.house_number[len(q.house_digits) :]:
            c.level("adres", "gelijk" if _every_part_equal(q, r) else "huis")
        else:
            c.level("adres", "toevoeging")
    elif q.postcode and r.postcode and q.postcode == r.postcode:
        c.level("adres", "postcode")
    elif _same_street(q, r) and _same_place(q, r):
        c.level("adres", "straat")
    elif q.city and r.city and (q.city == r.city or _town_prefix(q.city, r.city)):
        c.level("adres", "woonplaats")
    else:
        c.level("adres", "anders")


def _family(c: Comparison, q: Features, r: Features) -> None:
    """The family levels: what relatives at one house have in common (see ``LEVELS``)."""
    lv = c.levels
    if q.dob and q.dob == r.dob and lv.get("voornaam") in GIVEN_CONFLICTS:
        c.level("familie", "tweeling")
    elif (
        q.dob
        and q.dob == r.dob
        and lv.get("adres") in ("gelijk", "huis")
        and lv.get("voornaam") not in GIVEN_CONFLICTS
        and lv.get("geslacht") != "verschilt"
    ):
        partner = lv.get("achternaam") == "partnernaam" and lv.get("voornaam") in GIVEN_FITS | {"lijkt"}
        c.level("familie", "datum_adres_partner" if partner else "datum_adres")
    if "familie" in lv or lv.get("adres") not in HOUSE_OR_POSTCODE or lv.get("achternaam") not in SURNAME_FITS:
        return
    if lv.get("voornaam") in GIVEN_FITS:
        age = lv.get("geboortedatum")
        if age is None and lv.get("bsn") != "gelijk" and lv.get("telefoon") != "gelijk":
            c.level("familie", "namen_adres_zonder_datum")
            return
        if age in AGE_OFF or (age == "verschilt" and q.dob and r.dob and 15 <= abs(q.dob.year - r.dob.year) <= 50):
            c.level("familie", "generatie")
            return
    c.level("familie", "huishouden")


def compare(q: Features, r: Features, weights: Weights = HAND_WEIGHTS) -> Comparison:
    c = Comparison(weights=weights)
    if q.bsn and r.bsn:
        if q.bsn == r.bsn:
            c.level("bsn", "gelijk")
            c.identifying = True
        else:
            # Both pass the 11-proef, so this is not a typo: different people.
            c.level("bsn", "verschilt")
    _surname(c, q, r)
    _given(c, q, r)
    _dob(c, q, r)
    if q.sex and r.sex:
        c.level("geslacht", "gelijk" if q.sex == r.sex else "verschilt")
    _address(c, q, r)
    if q.phone and r.phone:
        if q.phone == r.phone:
            c.level("telefoon", "gelijk")
            c.identifying = True
        else:
            c.level("telefoon", "anders")
    _family(c, q, r)
    if weights.trained:
        c.identifying = True  # the family levels weigh what the rule vetoed
    return c


def _name_conflict(c: Comparison) -> bool:
    return c.levels.get("achternaam") in ("verschilt", "partnernaam") or c.levels.get("voornaam") in GIVEN_CONFLICTS


def compare_best(queries: list[Features], variants: list[Features], weights: Weights = HAND_WEIGHTS) -> Comparison:
    """The best comparison of the query forms (as typed, names swapped) with the
    record's variants (as registered, other names, earlier addresses)."""
    best: Comparison | None = None
    for qi, q in enumerate(queries):
        if qi and best is not None and not _name_conflict(best):
            break  # the names fit as typed: reading them swapped cannot do better
        for v in variants:
            c = compare(q, v, weights)
            if qi:
                c.add(-weights.swap_penalty, "voornaam en achternaam omgedraaid")
            via = v.extra.get("via") if v.extra else None
            if via:
                c.agree.append(f"gevonden via {via}")
            if best is None or c.score > best.score:
                best = c
    return best if best is not None else Comparison(weights=weights)


def verdict(score: float, runner_up: float | None, identifying: bool = True) -> str:
    """The untrained model's verdict on summed hand-set weights."""
    if identifying and score >= MATCH_SCORE and (runner_up is None or score - runner_up >= MATCH_MARGIN):
        return "match"
    if score >= POSSIBLE_SCORE:
        return "possible"
    return "none"


def probability(score: float) -> float:
    """Map the summed hand-set weight to 0..1 for display and the benchmark contract."""
    return round(1.0 / (1.0 + math.exp(-(score - (MATCH_SCORE - 2.0)) / 2.0)), 4)
