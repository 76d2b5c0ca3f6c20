"""Name normalisation for the "is this person already known?" lookup at triage.

This is the simple exact/normalised lookup of the foundation; fuzzy matching
builds on these keys later."""

import re
import unicodedata

# Dutch surname prefixes (tussenvoegsels), longest first so "van der" wins over "van".
TUSSENVOEGSELS = sorted(
    [
        "van de", "van der", "van den", "van het", "van 't", "van", "de", "der", "den", "het", "'t",
        "te", "ten", "ter", "in 't", "in de", "in het", "op de", "op den", "op 't", "uit de", "uit den",
        "aan de", "aan den", "bij de", "la", "le", "du", "d'", "von", "zu", "vd", "v.d.",
    ],
    key=len,
    reverse=True,
)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l").replace("Ł", "L")


def fold(text: str) -> str:
    """Lowercase, no diacritics, only letters; ij and y treated alike."""
    text = strip_accents(text or "").lower()
    text = text.replace("ij", "y")
    return re.sub(r"[^a-z]", "", text)


def split_surname(surname: str, tussenvoegsel: str = "") -> tuple[str, str]:
    """Return (prefix, core surname), also when the prefix was typed into the surname."""
    s = " ".join((surname or "").replace(",", " ").split())
    prefix = " ".join((tussenvoegsel or "").split()).lower()
    if not prefix:
        low = s.lower()
        for tv in TUSSENVOEGSELS:
            if low.startswith(tv + " "):
                return tv, s[len(tv) + 1 :]
    return prefix, s


def surname_key(surname: str, tussenvoegsel: str = "") -> str:
    """Key that ignores how the tussenvoegsel was written: 'van de Berg' == 'Berg'."""
    _prefix, core = split_surname(surname, tussenvoegsel)
    return fold(core)


def given_key(given_names: str) -> str:
    first = (given_names or "").split()
    return fold(first[0]) if first else ""
