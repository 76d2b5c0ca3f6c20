"""Dutch identity rules, in one place: postcode, BSN, phone number.

Two kinds of function for each: a *display* form (what a form stores and a
worker reads: "1234 AB") and a *key* (what the matcher and the exact lookup
compare: "1234AB"). Pure Python, no Django: the matcher core imports this too.
"""

import re
import unicodedata
from functools import lru_cache

# --- postcode ------------------------------------------------------------------

# Dutch postcodes run from 1000 to 9999, then two letters; a space is optional when typed.
_DUTCH_POSTCODE = re.compile(r"([1-9][0-9]{3})\s*([A-Za-z]{2})")
_NOT_ALNUM_UPPER = re.compile(r"[^0-9A-Z]")


def dutch_postcode(value: str) -> str | None:
    """'1234ab' and ' 1234  AB ' as '1234 AB' (the display form); "" for nothing typed;
    None when the text is not a Dutch postcode."""
    value = (value or "").strip()
    if not value:
        return ""
    match = _DUTCH_POSTCODE.fullmatch(value)
    return f"{match.group(1)} {match.group(2).upper()}" if match else None


def _strip_accents(value: str) -> str:
    # The same letters as the matcher's names.strip_accents: a foreign postcode typed with them still meets.
    value = value.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    value = value.replace("æ", "ae").replace("Æ", "AE").replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def postcode_key(value: str) -> str:
    """The comparable form of any postcode: its letters and digits in capitals, so
    '1234 ab' = '1234AB', a Polish '00-950' = '00950', a British 'SW1A 1AA' =
    'SW1A1AA'. Text without a digit ('onbekend') or of an odd length is no postcode: ""."""
    token = _NOT_ALNUM_UPPER.sub("", _strip_accents("".join((value or "").split()).upper()))
    if 3 <= len(token) <= 10 and any(ch.isdigit() for ch in token):
        return token
    return ""


def postcode_variants(value: str) -> list[str]:
    """The ways a stored postcode may be written, for a database lookup, the key first:
    the key, for a Dutch postcode its display form ('1234AB', '1234 AB'), and the text
    as typed without spaces (a registry may keep '00-950'). No key: no postcode, []."""
    key = postcode_key(value)
    if not key:
        return []
    variants = [key, dutch_postcode(key) or key, "".join((value or "").split()).upper()]
    return list(dict.fromkeys(variants))


# --- BSN -------------------------------------------------------------------------


def is_valid_bsn(value: str) -> bool:
    """The BSN elfproef (11-proef): 9 digits, weights 9..2 and -1 for the last digit,
    sum divisible by 11. 000000000 passes the sum but is no BSN."""
    if not value or len(value) != 9 or not value.isdigit() or value == "000000000":
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def _with_leading_zero(digits: str) -> str:
    # A BSN that starts with 0 is often written (and exported by spreadsheets) with 8 digits.
    return "0" + digits if len(digits) == 8 and digits.isdigit() else digits


def normalise_bsn(value: str) -> str:
    """A BSN from a registry or a search box: every non-digit dropped, 8 digits get the
    leading 0. Check the result with ``is_valid_bsn``."""
    return _with_leading_zero("".join(c for c in (value or "") if c.isdigit()))


def normalise_typed_bsn(value: str) -> str:
    """A BSN typed into a form: only the separators people type (spaces, dots, dashes)
    are removed, so a letter stays and fails ``is_valid_bsn`` instead of vanishing."""
    return _with_leading_zero(re.sub(r"[\s.\-]", "", value or ""))


# --- phone -----------------------------------------------------------------------

_PHONE_ALLOWED = re.compile(r"\+?[0-9 ()\-.]+")
_NOT_DIGIT = re.compile(r"\D")


def display_phone(value: str) -> str:
    """The number as typed, with runs of white space made one space."""
    return " ".join((value or "").split())


def is_plausible_phone(value: str) -> bool:
    """Digits with the usual separators and an optional leading +, 6 to 15 digits
    ('06 12345678', '+31 20 1234567', '(020) 123 4567')."""
    value = display_phone(value)
    digits = sum(c.isdigit() for c in value)
    return bool(_PHONE_ALLOWED.fullmatch(value)) and 6 <= digits <= 15


@lru_cache(maxsize=100_000)
def phone_key(value: str) -> str:
    """The comparable form: the last 9 digits, so '06-12345678', '+31 6 12345678' and
    '0031612345678' meet. Fewer than 9 digits: no key."""
    digits = _NOT_DIGIT.sub("", value or "")
    return digits[-9:] if len(digits) >= 9 else ""
