"""Dutch identity rules (vangnet.core.identity): postcode, BSN, phone.

There used to be three ``normalise_postcode``s: the matcher's key (features), the
intake form's display form, and triage's "remove white space, capitals". The key
and the display form live on; triage's variant is gone because it disagreed with
the key: it kept punctuation ('00-950' did not meet '00950') and called text
without a digit a postcode ('onbekend' = 'ONBEKEND' gave "zelfde postcode")."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vangnet.core import identity

# --- postcode ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "display"),
    [
        ("1234 AB", "1234 AB"),
        ("1234ab", "1234 AB"),
        (" 1234  ab ", "1234 AB"),
        ("9999zz", "9999 ZZ"),
        ("", ""),
        ("   ", ""),
        ("0123 AB", None),  # Dutch postcodes start at 1000
        ("1234 A", None),
        ("12345 AB", None),
        ("1234-AB", None),
        ("AB 1234", None),
        ("SW1A 1AA", None),
        ("onbekend", None),
    ],
)
def test_dutch_postcode_display(typed, display):
    assert identity.dutch_postcode(typed) == display


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("1234 AB", "1234AB"),
        ("1234ab", "1234AB"),
        ("2600", "2600"),  # Belgium, Australia
        ("00-950", "00950"),  # Poland
        ("SW1A 1AA", "SW1A1AA"),  # United Kingdom
        ("ŁÓDŹ 90-001", "LODZ90001"),
        ("x", ""),
        ("12", ""),  # too short
        ("onbekend", ""),  # no digit: no postcode
        ("", ""),
    ],
)
def test_postcode_key(typed, key):
    assert identity.postcode_key(typed) == key


@pytest.mark.parametrize(
    ("typed", "variants"),
    [
        ("1234 AB", ["1234AB", "1234 AB"]),
        ("1234ab", ["1234AB", "1234 AB"]),
        ("2600", ["2600"]),
        ("00-950", ["00950", "00-950"]),
        ("sw1a 1aa", ["SW1A1AA"]),
        ("onbekend", []),
        ("", []),
    ],
)
def test_postcode_variants_for_the_database_lookup(typed, variants):
    assert identity.postcode_variants(typed) == variants


def _old_matcher_key(value: str) -> str:
    """features.normalise_postcode before the move (with names.strip_accents), kept
    here to show the key did not change."""
    pc = "".join((value or "").split()).upper()
    if re.fullmatch(r"\d{4}[A-Z]{2}", pc):
        return pc
    text = pc.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    text = text.replace("æ", "ae").replace("Æ", "AE").replace("ı", "i")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    token = re.sub(r"[^0-9A-Z]", "", text)
    return token if 3 <= len(token) <= 10 and any(ch.isdigit() for ch in token) else ""


def _old_intake_display(value: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return ""
    m = re.match(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$", value)
    return f"{m.group(1)} {m.group(2).upper()}" if m else None


postcodeish = st.one_of(
    st.text(max_size=14),
    st.from_regex(r"\s*[0-9]{4}\s*[A-Za-z]{2}\s*", fullmatch=True),
    st.from_regex(r"[0-9A-Za-z \-.]{0,12}", fullmatch=True),
)


@given(postcodeish)
def test_key_is_the_matchers_old_key(value):
    assert identity.postcode_key(value) == _old_matcher_key(value)


@given(postcodeish)
def test_display_is_the_intake_forms_old_display(value):
    assert identity.dutch_postcode(value) == _old_intake_display(value)


@given(postcodeish)
def test_key_is_idempotent_and_display_and_key_agree(value):
    key = identity.postcode_key(value)
    assert identity.postcode_key(key) == key
    display = identity.dutch_postcode(value)
    if display:
        assert identity.postcode_key(display) == key
        assert identity.dutch_postcode(display) == display
        assert identity.postcode_variants(value) == [key, display]


# --- BSN ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bsn", "valid"),
    [
        ("111222333", True),
        ("123456782", True),
        ("012345672", True),
        ("123456789", False),
        ("000000000", False),  # passes the sum, is no BSN
        ("12345678", False),
        ("1234567820", False),
        ("12345678a", False),
        ("", False),
    ],
)
def test_elfproef(bsn, valid):
    assert identity.is_valid_bsn(bsn) is valid


@pytest.mark.parametrize(
    ("typed", "registry", "form"),
    [
        ("123456782", "123456782", "123456782"),
        ("1234.56.782", "123456782", "123456782"),
        ("123 456 782", "123456782", "123456782"),
        ("12345672", "012345672", "012345672"),  # leading 0 lost by a spreadsheet
        ("BSN: 123456782", "123456782", "BSN:123456782"),  # a form keeps the letters: refused
        ("12345678a", "012345678", "12345678a"),
        ("", "", ""),
    ],
)
def test_bsn_normalisation_for_registries_and_for_forms(typed, registry, form):
    assert identity.normalise_bsn(typed) == registry
    assert identity.normalise_typed_bsn(typed) == form


@given(st.integers(min_value=0, max_value=999_999_999))
def test_elfproef_matches_the_definition(n):
    bsn = f"{n:09d}"
    digits = [int(c) for c in bsn]
    weighted = sum(d * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True))
    assert identity.is_valid_bsn(bsn) is (weighted % 11 == 0 and n != 0)


@given(st.integers(min_value=1, max_value=999_999_999).map(lambda n: f"{n:09d}"))
def test_one_changed_digit_fails_the_elfproef(bsn):
    if not identity.is_valid_bsn(bsn):
        return
    for i in range(9):
        for d in "0123456789":
            if d != bsn[i]:
                assert not identity.is_valid_bsn(bsn[:i] + d + bsn[i + 1 :])


# --- phone -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "plausible", "key"),
    [
        ("06 12345678", True, "612345678"),
        ("06-12345678", True, "612345678"),
        ("+31 6 12345678", True, "612345678"),
        ("0031612345678", True, "612345678"),
        ("(020) 123 4567", True, "201234567"),
        ("112", False, ""),
        ("06 1234 567a", False, "061234567"),
        ("+31 20 1234567 8901234", False, "012345678901234"[-9:]),
        ("", False, ""),
    ],
)
def test_phone(typed, plausible, key):
    assert identity.is_plausible_phone(typed) is plausible
    assert identity.phone_key(typed) == key


@given(st.text(alphabet="0123456789 +-().", max_size=24))
def test_phone_key_is_the_last_nine_digits(value):
    digits = "".join(c for c in value if c.isdigit())
    assert identity.phone_key(value) == (digits[-9:] if len(digits) >= 9 else "")
    assert identity.display_phone(value) == " ".join(value.split())
