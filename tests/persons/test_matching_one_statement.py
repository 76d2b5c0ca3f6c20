"""Issue 17: the key lookup, the candidates' fields and their other names and earlier
addresses are one statement (``_retrieve_and_fetch``); the rows the scorer gets are the
ones the three statements gave (``_fetch(_retrieve(...))``), aliases and addresses in id
order, also with quotes, accents and a person without any."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vangnet.persons.matching import search
from vangnet.persons.models import Person, PersonAddress, PersonAlias

pytestmark = pytest.mark.django_db


def _weights(query):
    return search._weighted_query_keys(search.query_features(query))


def _world():
    dob = date(1961, 4, 5)
    plain = Person.objects.create(given_names="Gerrit", surname="Smit", date_of_birth=dob)
    many = Person.objects.create(given_names="Gerardus", surname="Smit", date_of_birth=dob, postcode="1234AB")
    for given, prefix, surname in [("Ger", "", "Schoonhoven"), ("", "d'", "Éléonore"), ('G. "Gerrie"', "van", "Smit")]:
        PersonAlias.objects.create(person=many, given_names=given, prefix=prefix, surname=surname)
    for street, number, postcode, city in [
        ("Kade", "3", "1011AB", "Amsterdam"),
        ("Markt", "12a", "", "'s-Hertogenbosch"),
    ]:
        PersonAddress.objects.create(person=many, street=street, house_number=number, postcode=postcode, city=city)
    # An alias added first to the later person: the id order, not the person order, counts.
    PersonAlias.objects.create(person=plain, given_names="Gerry", surname="Smid")
    return plain, many


def _comparable(rows):
    return sorted((r["id"], r["external_id"], repr(r["variants"])) for r in rows)


@pytest.mark.parametrize(
    "query",
    [
        {"given_names": "Gerard", "surname": "Smit", "date_of_birth": "1961-04-05"},
        {"given_names": "Ger", "surname": "Schoonhoven"},
        {"surname": "Smit", "postcode": "1011AB", "house_number": "3"},
    ],
)
def test_one_statement_gives_the_rows_of_three(query):
    _world()
    weights = _weights(query)
    expected = search._fetch(search._retrieve(weights, search.CANDIDATE_POOL))
    with CaptureQueriesContext(connection) as ctx:
        got = search._retrieve_and_fetch(weights, search.CANDIDATE_POOL)
    assert len(ctx.captured_queries) == 1
    assert got and _comparable(got) == _comparable(expected)


def test_within_and_inactive_persons_as_before():
    plain, many = _world()
    weights = _weights({"given_names": "Gerard", "surname": "Smit"})
    within = Person.objects.filter(pk=many.pk)
    assert _comparable(search._retrieve_and_fetch(weights, 10, within)) == _comparable(
        search._fetch(search._retrieve(weights, 10, within))
    )
    assert [r["id"] for r in search._retrieve_and_fetch(weights, 10, within)] == [many.pk]
    assert search._retrieve_and_fetch({}, 10) == []
    # Made inactive without reindexing (its keys still there): left out by both.
    Person.objects.filter(pk=plain.pk).update(is_active=False)
    assert [r["id"] for r in search._retrieve_and_fetch(weights, 10)] == [many.pk]
    assert _comparable(search._retrieve_and_fetch(weights, 10)) == _comparable(
        search._fetch(search._retrieve(weights, 10))
    )
