"""Pairwise comparison of a query with a candidate record.

Each field contributes a weight (evidence for or against "same person"), in the
spirit of Fellegi-Sunter, and a reason the worker can read. The weights are
set by hand from what the fields mean and checked with the benchmark under
bench/persons; they are constants here so a change shows up in review."""

from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler, Levenshtein

from .features import Features
from .names import name_group

# Verdict thresholds on the summed weight.
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


@dataclass
class Comparison:
    score: float = 0.0
    # Evidence beyond name and address (BSN, birth date, fitting age, phone): without it a
    # father and the son named after him at the same address look the same, so no "match".
    identifying: bool = False
    agree: list[str] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)

    def add(self, weight: float, reason: str):
        self.score += weight
        if weight > 0:
            self.agree.append(reason)
        elif weight < 0:
            self.conflict.append(reason)


def _surname(c: Comparison, q: Features, r: Features):
    if not q.surnames or not r.surnames:
        return
    if q.surnames & r.surnames:
        c.add(5.0, "achternaam gelijk")
    elif q.surname_phonetics & r.surname_phonetics:
        c.add(4.0, "achternaam klinkt gelijk")
    else:
        best = max(JaroWinkler.normalized_similarity(a, b) for a in q.surnames for b in r.surnames)
        edits = min(Levenshtein.distance(a, b) for a in q.surnames for b in r.surnames)
        if edits <= 1 or best >= 0.94:
            c.add(3.0, "achternaam bijna gelijk (tikfout?)")
        elif edits <= 2 and best >= 0.85:
            c.add(1.5, "achternaam lijkt op elkaar")
        elif same_address(q, r):
            # At the same house a different surname is often the partner's name.
            c.add(-1.0, "achternaam verschilt (partnernaam?)")
        else:
            c.add(-4.0, "achternaam verschilt")


def _given(c: Comparison, q: Features, r: Features):
    if not q.given or not r.given:
        return
    qf = q.given[0]
    if len(qf) == 1:  # only initials in the query
        if all(any(rg.startswith(qi) for rg in r.given) for qi in q.given if len(qi) == 1):
            c.add(1.0, "voorletters passen")
        else:
            c.add(-3.0, "voorletters verschillen")
        return
    if qf == r.given[0]:
        c.add(3.5, "voornaam gelijk")
        return
    if all(len(rg) == 1 for rg in r.given):  # only initials registered
        if r.given[0] == qf[0]:
            c.add(1.0, "voorletter past")
        else:
            c.add(-3.0, "voorletter verschilt")
        return
    if qf in r.given:
        c.add(3.0, "roepnaam is een van de voornamen")
        return
    group = name_group(qf)
    if any(rg in group for rg in r.given):
        c.add(2.5, "roepnaam/bijnaam past bij voornaam")
        return
    sim = (
        max(JaroWinkler.normalized_similarity(qf, rg) for rg in r.given if len(rg) > 1)
        if any(len(rg) > 1 for rg in r.given)
        else 0
    )
    edits = min(Levenshtein.distance(qf, rg) for rg in r.given)
    if sim >= 0.92 or edits <= 1:
        c.add(2.0, "voornaam bijna gelijk (tikfout?)")
    elif (
        len(qf) >= 4
        and len(r.given[0]) > 1
        and Levenshtein.distance(qf, r.given[0]) <= 2
        and JaroWinkler.normalized_similarity(qf, r.given[0]) >= 0.85
    ):
        # Only against the first (usual) given name: a sibling's first name may well look
        # like one of this person's middle names.
        c.add(1.0, "voornaam lijkt op elkaar (tikfout?)")
    elif r.given[0].startswith(qf[0]):
        c.add(-1.5, "voornaam verschilt (zelfde voorletter)")
    else:
        c.add(-3.5, "voornaam verschilt")


def _dob(c: Comparison, q: Features, r: Features):
    if q.dob and r.dob:
        c.identifying = True  # set back below when the dates conflict
        if q.dob == r.dob:
            c.add(5.5, "geboortedatum gelijk")
        elif (q.dob.year, q.dob.month, q.dob.day) == (r.dob.year, r.dob.day, r.dob.month):
            c.add(3.5, "geboortedatum gelijk met dag en maand omgedraaid")
        else:
            same = (q.dob.year == r.dob.year) + (q.dob.month == r.dob.month) + (q.dob.day == r.dob.day)
            digits = Levenshtein.distance(q.dob.isoformat(), r.dob.isoformat())
            if same == 2 and digits <= 1:
                c.add(2.5, "geboortedatum wijkt één cijfer af")
            elif same == 2:
                c.add(0.5, "geboortedatum deels gelijk")
            else:
                c.identifying = False
                c.add(-7.0, "geboortedatum verschilt")
        return
    if q.birth_year and r.birth_year and max(q.year_uncertainty, r.year_uncertainty) >= 5:
        # An age guessed by a neighbour or outreach worker: often 5, sometimes 10 years off.
        diff = abs(q.birth_year - r.birth_year)
        if diff <= 3:
            c.add(1.5, "leeftijd past")
            c.identifying = True
        elif diff <= 6:
            c.add(1.0, "leeftijd past ongeveer")
            c.identifying = True
        elif diff <= 9:
            c.add(0.0, "leeftijd wijkt wat af")
        elif diff <= 12:
            c.add(-1.5, "leeftijd wijkt af")
        elif diff <= 15:
            c.add(-3.0, "leeftijd wijkt sterk af")
        else:
            c.add(-5.0, "leeftijd past niet")
        return
    if q.birth_year and r.birth_year:
        diff = abs(q.birth_year - r.birth_year)
        allowed = max(q.year_uncertainty, r.year_uncertainty, 1)
        if diff <= max(1, allowed // 2):
            c.add(1.5, "leeftijd past")
            c.identifying = True
        elif diff <= allowed:
            c.add(0.5, "leeftijd past ongeveer")
        elif diff <= allowed + 3:
            c.add(-2.0, "leeftijd wijkt af")
        else:
            c.add(-5.0, "leeftijd past niet")


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


def _address(c: Comparison, q: Features, r: Features):
    if same_address(q, r):
        if q.house_number == r.house_number or not q.house_number[len(q.house_digits) :]:
            c.add(ADDRESS_WEIGHT, "zelfde adres")
        else:
            c.add(ADDRESS_WEIGHT - 1.0, "zelfde huisnummer, toevoeging wijkt af")
        return
    if q.postcode and r.postcode and q.postcode == r.postcode:
        c.add(1.0, "zelfde postcode")
        return
    if _same_street(q, r) and _same_place(q, r):
        c.add(1.0, "zelfde straat")
        return
    if q.city and r.city and (q.city == r.city or _town_prefix(q.city, r.city)):
        c.add(0.3, "zelfde woonplaats")


def compare(q: Features, r: Features) -> Comparison:
    c = Comparison()
    if q.bsn and r.bsn:
        if q.bsn == r.bsn:
            c.add(12.0, "BSN gelijk")
            c.identifying = True
        else:
            # Both pass the 11-proef, so this is not a typo: different people.
            c.add(-12.0, "BSN verschilt")
    _surname(c, q, r)
    _given(c, q, r)
    _dob(c, q, r)
    if q.dob and q.dob == r.dob and any(x.startswith(("voornaam verschilt", "voorletter")) for x in c.conflict):
        # Same surname and birth date but another first name: the classic twin.
        c.add(-3.0, "andere voornaam bij dezelfde geboortedatum (tweeling?)")
    if q.sex and r.sex:
        c.add(0.5 if q.sex == r.sex else -4.0, "geslacht gelijk" if q.sex == r.sex else "geslacht verschilt")
    _address(c, q, r)
    if (
        q.dob
        and q.dob == r.dob
        and "zelfde adres" in c.agree
        and not any(x.startswith(("voornaam verschilt", "voorletter", "geslacht")) for x in c.conflict)
    ):
        # Born on the same day and living in the same house, with a given name that does
        # not conflict: only a typo or another surname (partner name) keeps this from a match.
        # A different given name here is the twin rule above and gets nothing.
        bonus = DOB_ADDRESS_BONUS
        if "achternaam verschilt (partnernaam?)" in c.conflict and any(
            x.startswith(("voornaam", "roepnaam")) for x in c.agree
        ):
            bonus += 1.0  # the -1 for another surname at this house: here it is the partner name
        c.add(bonus, "geboortedatum en adres gelijk")
    if q.phone and r.phone and q.phone == r.phone:
        c.add(3.0, "zelfde telefoonnummer")
        c.identifying = True
    return c


def _name_conflict(c: Comparison) -> bool:
    return any(x.startswith(("achternaam verschilt", "voornaam verschilt", "voorletter")) for x in c.conflict)


def compare_best(queries: list[Features], variants: list[Features]) -> Comparison:
    """The best comparison of the query forms (as typed, names swapped) with the
    record's variants (as registered, other names, earlier addresses)."""
    best: Comparison | None = None
    for qi, q in enumerate(queries):
        if qi and best is not None and not _name_conflict(best):
            break  # the names fit as typed: reading them swapped cannot do better
        for v in variants:
            c = compare(q, v)
            if qi:
                c.add(-SWAP_PENALTY, "voornaam en achternaam omgedraaid")
            via = v.extra.get("via") if v.extra else None
            if via:
                c.agree.append(f"gevonden via {via}")
            if best is None or c.score > best.score:
                best = c
    return best if best is not None else Comparison()


def verdict(score: float, runner_up: float | None, identifying: bool = True) -> str:
    if identifying and score >= MATCH_SCORE and (runner_up is None or score - runner_up >= MATCH_MARGIN):
        return "match"
    if score >= POSSIBLE_SCORE:
        return "possible"
    return "none"


def probability(score: float) -> float:
    """Map the summed weight to 0..1 for display and the benchmark contract."""
    import math

    return round(1.0 / (1.0 + math.exp(-(score - (MATCH_SCORE - 2.0)) / 2.0)), 4)
