"""Issue 14, decision 1: a query with nothing to single a person out by gets no ranking.

The rule reads the query alone: without a surname, a date of birth, a BSN, a phone number or
an address (postcode, house number or street) the matcher returns no candidate and sets
``too_little``. An estimated age does not count: the issue's own example of too little is
"vrouw, ~75, zwerft rond de haven"."""

from datetime import date

import pytest

from vangnet.persons.matching.csv_contract import IDENTIFYING_QUERY_FIELDS, QUERY_HEADER
from vangnet.persons.matching.search import Candidates, find_candidates, place_candidates, too_little
from vangnet.persons.models import Person

HAVEN = "vrouw, ~75, zwerft rond de haven"

TOO_LITTLE = {
    "a bare given name": {"given_names": "Liam"},
    "sex and a place, the age only in the description": {"sex": "V", "place_description": HAVEN},
    "given name, sex and town": {"given_names": "Liam", "sex": "M", "city": "Hoorn"},
    "nothing at all": {},
    "blanks only": {"given_names": "  ", "surname": " ", "phone": " ", "postcode": " "},
    "a BSN that fails the elfproef": {"given_names": "Liam", "bsn": "123456789"},
    "a date of birth that is no date": {"given_names": "Liam", "date_of_birth": "1970-02-31"},
    "an age that is no age": {"given_names": "Liam", "approx_age": "oud"},
    "only an age": {"approx_age": "75"},
    "the example with its age in the age field": {"sex": "V", "approx_age": 75, "place_description": HAVEN},
    "given name, age and town": {"given_names": "Sem", "approx_age": "25", "city": "Hoorn"},
}

JUST_OVER = {
    "only a surname": {"surname": "Bakker"},
    "only a date of birth": {"date_of_birth": "1970-05-17"},
    "only a BSN": {"bsn": "111222333"},
    "only a phone number": {"phone": "06-12345678"},
    "only a postcode and number": {"postcode": "1234 AB", "house_number": "12"},
    "only a postcode": {"postcode": "1234AB"},
    "only a street": {"street": "Dorpsstraat"},
    "only a house number": {"house_number": "12"},
    "given name and date of birth": {"given_names": "Sem", "date_of_birth": "2001-02-03", "city": "Hoorn"},
}


@pytest.mark.parametrize("query", TOO_LITTLE.values(), ids=TOO_LITTLE.keys())
def test_too_little_from_the_query_alone(query):
    assert too_little(query) is True


@pytest.mark.parametrize("query", JUST_OVER.values(), ids=JUST_OVER.keys())
def test_one_identifying_field_is_enough(query):
    assert too_little(query) is False


SAMPLE = {
    "given_names": "Liam",
    "surname_prefix": "van",
    "surname": "Dijk",
    "sex": "M",
    "date_of_birth": "2001-02-03",
    "approx_age": "25",
    "bsn": "111222333",
    "street": "Havenkade",
    "house_number": "3",
    "postcode": "1621 AB",
    "city": "Hoorn",
    "phone": "0612345678",
    "place_description": "slaapt bij de haven",
}


@pytest.mark.parametrize("name", [f for f in QUERY_HEADER if f != "query_id"])
def test_the_rule_is_the_field_list_of_the_contract(name):
    """The list the benchmark evaluation reads (``IDENTIFYING_QUERY_FIELDS``) is the rule:
    each of its fields alone is enough, any other field alone is not."""
    assert too_little({name: SAMPLE[name]}) is (name not in IDENTIFYING_QUERY_FIELDS)


def test_all_the_rest_together_is_still_too_little():
    rest = {k: v for k, v in SAMPLE.items() if k not in IDENTIFYING_QUERY_FIELDS}
    assert set(rest) == {"given_names", "surname_prefix", "sex", "approx_age", "city", "place_description"}
    assert too_little(rest) is True


@pytest.fixture
def liams(db):
    """Liams in Hoorn, and a woman known by the harbour: what the too-little queries would
    otherwise rank."""
    out = [
        Person.objects.create(
            given_names="Liam", surname=f"Bakker{i}", city="Hoorn", date_of_birth=date(2000, 1, i + 1)
        )
        for i in range(3)
    ]
    out.append(Person.objects.create(given_names="Greet", sex="V", place_description="zwerft rond de haven"))
    out.append(Person.objects.create(given_names="Liam", surname="Visser", phone="06-12345678"))
    return out


@pytest.mark.parametrize("query", TOO_LITTLE.values(), ids=TOO_LITTLE.keys())
def test_find_candidates_ranks_nobody_and_says_so(liams, query):
    found = find_candidates(query)
    assert isinstance(found, Candidates)
    assert found.too_little is True
    assert list(found) == []


def test_without_the_rule_these_would_have_been_found(liams):
    """The flag is what keeps them out: one field more and the same people come up."""
    found = find_candidates({"given_names": "Liam", "sex": "M", "city": "Hoorn", "date_of_birth": "2000-01-02"})
    assert found.too_little is False
    assert liams[1].pk in {c.person_id for c in found}
    # The place search stays available for the caller to offer.
    assert [c.person_id for c in place_candidates({"sex": "V", "place_description": HAVEN})] == [liams[3].pk]


def test_just_over_the_line_the_matcher_searches(liams):
    found = find_candidates({"phone": "06 1234 5678"})
    assert found.too_little is False
    assert [c.person_id for c in found] == [liams[4].pk]
    assert "zelfde telefoonnummer" in found[0].agree
    empty = find_candidates({"surname": "Nergens"})
    assert empty.too_little is False and list(empty) == []


def test_an_age_with_a_place_is_too_little_and_the_place_search_finds_her(liams):
    """The issue's example with 75 in the age field: no ranking; the place search (which the
    triage page offers) still finds the woman known by the harbour."""
    found = find_candidates({"sex": "V", "approx_age": 75, "place_description": HAVEN, "reference_year": 2026})
    assert found.too_little is True and list(found) == []
    assert [c.person_id for c in place_candidates({"sex": "V", "approx_age": 75, "place_description": HAVEN})] == [
        liams[3].pk
    ]
