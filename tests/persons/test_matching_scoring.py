"""Pairwise scoring: family members kept apart, typical variations still rank the true person first."""

import pytest

from vangnet.persons.matching.features import features_from
from vangnet.persons.matching.scoring import MATCH_SCORE, compare, verdict

TRUE = dict(
    given_names="Johannes Cornelis",
    surname_prefix="van de",
    surname="Berg",
    sex="M",
    date_of_birth="1961-03-14",
    street="Dorpsstraat",
    house_number="12",
    postcode="1234 AB",
    city="Utrecht",
)
SON = {**TRUE, "date_of_birth": "1990-08-02"}
OTHERS = [
    SON,
    {**TRUE, "given_names": "Hendrik", "date_of_birth": "1963-05-01"},  # brother at the same address
    {**TRUE, "given_names": "Cornelia", "sex": "V", "date_of_birth": "1962-02-02"},  # wife
    {
        **TRUE,
        "street": "Kerkweg",
        "house_number": "3",
        "postcode": "2345 BC",
        "city": "Leiden",
        "date_of_birth": "1959-07-07",
    },  # namesake elsewhere
]


def rank_of_true(query: dict) -> int:
    q = features_from(**query, reference_year=2026)
    scores = [compare(q, features_from(**r)).score for r in [TRUE, *OTHERS]]
    return sorted(range(len(scores)), key=lambda i: -scores[i]).index(0)


@pytest.mark.parametrize(
    "query",
    [
        dict(given_names="Jan", surname="van de Berg", date_of_birth="1961-03-14"),
        dict(given_names="Kees", surname="Berg, van de", date_of_birth="1961-14-03"),
        dict(given_names="J.C.", surname="vd Berg", date_of_birth="1961-03-14", city="Utrecht"),
        dict(given_names="Johannes", surname="Vandenberg", approx_age="65", postcode="1234AB", house_number="12"),
        dict(given_names="Hans", surname="v.d. Bergh", date_of_birth="1961-03-14"),
        dict(given_names="JAN", surname="VAN DE BERG", date_of_birth="1961-03-41"),
        dict(
            given_names="Jan",
            surname="van de Berg",
            date_of_birth="1961-03-14",
            street="Dorpsstr.",
            house_number="12-A",
            city="Utrecht",
        ),
    ],
)
def test_true_person_ranks_first(query):
    assert rank_of_true(query) == 0


def test_father_and_son_are_separated_by_birth_date():
    father = features_from(**TRUE)
    son = features_from(**SON)
    c = compare(father, son)
    assert c.score < MATCH_SCORE
    assert "geboortedatum verschilt" in c.conflict
    # With only the names and the address nobody gets an automatic match.
    q = features_from(given_names="Jan", surname="van de Berg", postcode="1234 AB", house_number="12")
    s_father, s_son = compare(q, father).score, compare(q, son).score
    assert verdict(max(s_father, s_son), min(s_father, s_son)) != "match"


def test_twins_are_not_matched():
    anna = features_from(
        given_names="Anna", surname="Jansen", sex="V", date_of_birth="1975-11-30", postcode="2345 BC", house_number="3"
    )
    maria = features_from(
        given_names="Maria", surname="Jansen", sex="V", date_of_birth="1975-11-30", postcode="2345 BC", house_number="3"
    )
    c = compare(anna, maria)
    assert c.score < MATCH_SCORE
    assert any("tweeling" in r for r in c.conflict)


def test_bsn_conflict_outweighs_everything():
    a = features_from(**TRUE, bsn="111222333")
    b = features_from(**TRUE, bsn="123456782")
    assert compare(a, b).score < MATCH_SCORE


def test_reasons_are_dutch_sentences():
    c = compare(
        features_from(given_names="Jan", surname="van de Berg", date_of_birth="1961-03-14"), features_from(**TRUE)
    )
    assert "achternaam gelijk" in c.agree and "geboortedatum gelijk" in c.agree


def test_name_and_address_alone_never_give_match():
    """Junior named after his father, living there too: without birth date, age, BSN or
    phone the registered father must not be a "match" for a report about the son."""
    father = features_from(**TRUE)
    q = features_from(given_names="Johannes", surname="van de Berg", sex="M", postcode="1234 AB", house_number="12")
    c = compare(q, father)
    assert c.score >= MATCH_SCORE and not c.identifying
    assert verdict(c.score, None, c.identifying) == "possible"
    with_dob = features_from(
        given_names="Johannes", surname="van de Berg", date_of_birth="1961-03-14", postcode="1234 AB", house_number="12"
    )
    c = compare(with_dob, father)
    assert verdict(c.score, None, c.identifying) == "match"
