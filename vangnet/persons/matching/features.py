"""A person record (registry row, melding, or query) as comparable features,
and the blocking keys used to find candidates without scanning everyone."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from vangnet.core.identity import is_valid_bsn, normalise_bsn, phone_key, postcode_key

from .names import canonical_given, fold, given_tokens, phonetic, strip_accents, surname_variants


def _parse_date(value) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


_NOT_ALNUM = re.compile(r"[^0-9a-z]")


@lru_cache(maxsize=100_000)
def normalise_house_number(value: str) -> str:
    return _NOT_ALNUM.sub("", (value or "").lower())


_DIGITS = re.compile(r"\d+")
_STREET_ABBREVIATIONS = [
    ("str", "straat"),
    ("ln", "laan"),
    ("wg", "weg"),
    ("pln", "plein"),
    ("pr", "plein"),
    ("gr", "gracht"),
    ("kd", "kade"),
    ("sngl", "singel"),
]


@lru_cache(maxsize=100_000)
def house_digits(value: str) -> str:
    """The number itself: '12A', '12-2', '12 huis' and '12-H' all live at number 12."""
    m = _DIGITS.search(value or "")
    return m.group(0).lstrip("0") if m else ""


@lru_cache(maxsize=100_000)
def normalise_street(value: str) -> str:
    """Folded street with common abbreviations written out ('Eikenstr.' = 'Eikenstraat')."""
    s = fold(value)
    for abbr, full in _STREET_ABBREVIATIONS:
        if s.endswith(abbr) and not s.endswith(full):
            return s[: -len(abbr)] + full
    return s


# Towns known by two names; folded (see names.fold), official name -> name in use.
_CITY_ALIASES = {
    "sgravenhage": "denhaag",
    "shertogenbosch": "denbosch",
    "denhelder": "denhelder",
}


@lru_cache(maxsize=20_000)
def normalise_city(value: str) -> str:
    """Folded town name; "'s-Gravenhage" and "Den Haag" meet, and so do "Den Bosch" and
    "'s-Hertogenbosch"."""
    c = fold(value)
    return _CITY_ALIASES.get(c, c)


@dataclass
class Features:
    bsn: str = ""
    surnames: frozenset[str] = frozenset()  # folded core variants
    surname_phonetics: frozenset[str] = frozenset()
    given: tuple[str, ...] = ()  # folded given name tokens (initials are 1 letter)
    sex: str = ""
    dob: date | None = None
    birth_year: int | None = None  # from dob, or estimated
    year_uncertainty: int = 0  # 0 = exact year known
    postcode: str = ""
    house_number: str = ""
    house_digits: str = ""
    street: str = ""
    city: str = ""
    phone: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def first_given(self) -> str:
        return self.given[0] if self.given else ""


def features_from(
    *,
    given_names="",
    surname_prefix="",
    surname="",
    sex="",
    date_of_birth=None,
    approx_age=None,
    estimated_birth_year=None,
    bsn="",
    street="",
    house_number="",
    postcode="",
    city="",
    phone="",
    reference_year: int | None = None,
    **_ignored,
) -> Features:
    bsn = normalise_bsn(bsn or "")
    variants = surname_variants(surname or "", surname_prefix or "")
    dob = _parse_date(date_of_birth)
    birth_year, uncertainty = (dob.year, 0) if dob else (None, 0)
    if birth_year is None and estimated_birth_year:
        birth_year, uncertainty = int(estimated_birth_year), 3
    if birth_year is None and approx_age not in (None, ""):
        try:
            age = int(float(approx_age))
        except ValueError:
            age = None
        if age is not None and 0 <= age <= 120:
            birth_year, uncertainty = (reference_year or date.today().year) - age, 5
    sex = (sex or "").strip().upper()[:1]
    return Features(
        bsn=bsn if is_valid_bsn(bsn) else "",
        surnames=frozenset(variants),
        surname_phonetics=frozenset(phonetic(v) for v in variants),
        given=given_tokens(given_names or ""),
        sex=sex if sex in ("M", "V") else "",
        dob=dob,
        birth_year=birth_year,
        year_uncertainty=uncertainty,
        postcode=postcode_key(postcode),
        house_number=normalise_house_number(house_number),
        house_digits=house_digits(house_number),
        street=normalise_street(street),
        city=normalise_city(city),
        phone=phone_key(phone),
    )


def name_features(given=None, *, given_names=None, surname=None, surname_prefix="") -> dict:
    """Name fields for a variant of a record (another name the person is known by):
    only the parts given are returned, the rest stays as in the record."""
    out: dict = {}
    if given_names:
        out["given"] = given_tokens(given_names)
    elif given is not None:
        out["given"] = given
    if surname:
        variants = surname_variants(surname, surname_prefix or "")
        out["surnames"] = frozenset(variants)
        out["surname_phonetics"] = frozenset(phonetic(v) for v in variants)
    return out


def address_features(*, street="", house_number="", postcode="", city="") -> dict:
    """Address fields for a variant of a record (an earlier address)."""
    return {
        "postcode": postcode_key(postcode),
        "house_number": normalise_house_number(house_number),
        "house_digits": house_digits(house_number),
        "street": normalise_street(street),
        "city": normalise_city(city),
    }


def _given_canon(f: Features, limit: int = 2) -> set[str]:
    return {canonical_given(g) for g in f.given[:limit] if len(g) > 1}


def record_keys(f: Features) -> set[str]:
    """Blocking keys stored for a registry record."""
    keys: set[str] = set()
    if f.bsn:
        keys.add("b" + f.bsn)
    for ph in f.surname_phonetics:
        for g in _given_canon(f):
            keys.add(f"n{ph}|{g}")
        if f.birth_year:
            keys.add(f"y{ph}|{f.birth_year}")
    if f.dob:
        keys.add("d" + f.dob.isoformat())
        for g in _given_canon(f, 1):
            keys.add(f"g{g}|{f.birth_year}")
    for ph in f.surname_phonetics:
        keys.add("s" + ph)
    if f.postcode:
        keys.add("c" + f.postcode)
    if f.house_digits:
        # "204-1" is also written "2041": the number with its addition glued on is a key too.
        numbers = {f.house_digits}
        if f.house_number.isdigit() and f.house_number != f.house_digits:
            numbers.add(f.house_number)
        for n in numbers:
            if f.postcode:
                keys.add(f"a{f.postcode}|{n}")
            if len(f.street) >= 4:
                keys.add(f"t{f.street[:5]}|{n}")
    if len(f.street) >= 4 and f.city:
        # The street without a number (outreach: "woont ergens in de Lekweg").
        keys.add(f"l{f.street[:12]}|{f.city[:10]}")
    if f.city:
        # First name and town: street outreach often knows no more ("Sem, ~25, Hoorn"),
        # and homeless people are registered with only a town.
        for g in _given_canon(f, 1):
            keys.add(f"w{g}|{f.city[:10]}")
    if f.phone:
        keys.add("p" + f.phone)
    return keys


def query_keys(f: Features) -> set[str]:
    """Blocking keys to look up for a query: the record keys plus the variants
    a messy report needs (swapped day/month, a range of years for an estimated age)."""
    keys = record_keys(f)
    years: list[int] = []
    if f.birth_year:
        # Estimated ages are often 5-10 years off.
        spread = 10 if f.year_uncertainty >= 5 else (f.year_uncertainty or 1)
        years = list(range(f.birth_year - spread, f.birth_year + spread + 1))
    if f.dob and f.dob.day <= 12 and f.dob.day != f.dob.month:
        try:
            keys.add("d" + date(f.dob.year, f.dob.day, f.dob.month).isoformat())
        except ValueError:
            pass
    for ph in f.surname_phonetics:
        for y in years:
            keys.add(f"y{ph}|{y}")
    for g in _given_canon(f, 1):
        for y in years:
            keys.add(f"g{g}|{y}")
    return keys


# --- words of a place description ("slaapt bij het station", "portiek Lekweg") ------

# Words that say nothing about *where* (function words, the look of a person, verbs of
# staying): left out so "man ~40, slaapt bij het station" comes down to "station".
PLACE_STOPWORDS = frozenset(
    """
    aan achter af al als at bij binnen boven bu buiten daar dan de den der die dit door een en er
    het hier hy in is ja met na naar naast nabij ng nog of om onder ong ongeveer op over per rond
    te ten ter tegen tot tussen uit van vanaf via voor wel zo zyn
    man vrouw jongen meisje heer mevrouw meneer persoon iemand jaar jr oud oude jong jonge lang
    lange kort korte dik dikke dun dunne groot grote klein kleine baard snor jas rode zwarte blauwe
    kaal haar donker blond grijs ~
    slaapt sliep slapen zit zat zitten ligt lag liggen staat stond loopt liep woont verblyft
    verblyven vaak soms meestal overdag nachts avonds ochtends s gezien dakloos dakloze
    """.split()
)
_PLACE_SPLIT = re.compile(r"[^a-z]+")


def place_words(text: str) -> frozenset[str]:
    """The words of a place description that can find it again: folded like names
    (diacritics, ij/y), at least three letters, no stopwords. Pure Python."""
    words = set()
    for raw in _PLACE_SPLIT.split(strip_accents(text or "").lower()):
        w = fold(raw)
        if len(w) >= 3 and w not in PLACE_STOPWORDS and raw not in PLACE_STOPWORDS:
            words.add(w[:30])
    return frozenset(words)
