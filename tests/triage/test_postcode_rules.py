"""Triage's exact lookup compares postcodes with the one identity rule
(vangnet.core.identity). Its old private normalise_postcode only removed white
space: '00-950' did not meet '00950', and text without a digit counted as a postcode."""

import pytest

from tests.factories import MeldingFactory, PersonFactory
from vangnet.triage import services

pytestmark = pytest.mark.django_db

SAME = "zelfde postcode"


def _reasons(melding_postcode, person_postcode):
    melding = MeldingFactory(given_names="Jan", surname="Visser", postcode=melding_postcode)
    person = PersonFactory(given_names="Jan", surname="Visser", postcode=person_postcode)
    return [str(r) for r in services._exact_reasons(melding, person)], melding, person


@pytest.mark.parametrize(
    ("melding_pc", "person_pc", "same"),
    [
        ("1234 AB", "1234AB", True),
        ("1234 AB", "1234 ab", True),
        ("00-950", "00950", True),  # the old variant said: different
        ("geen", "GEEN", False),  # no digit: the old variant said "same postcode"
        ("1234 AB", "1234 AC", False),
    ],
)
def test_same_postcode_reason(melding_pc, person_pc, same):
    reasons, _m, _p = _reasons(melding_pc, person_pc)
    assert (SAME in reasons) is same


@pytest.mark.parametrize("stored", ["1234AB", "1234 AB"])
def test_exact_lookup_finds_both_ways_of_writing_a_dutch_postcode(stored):
    _r, melding, person = _reasons("1234 AB", stored)
    melding.date_of_birth = None
    found = services.Person.objects.filter(services._exact_lookup(melding))
    assert person in found


def test_exact_lookup_ignores_a_postcode_without_digits():
    _r, melding, person = _reasons("geen", "geen")
    melding.date_of_birth = None
    melding.bsn = ""
    assert services._exact_lookup(melding) is None
