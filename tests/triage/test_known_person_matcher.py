"""Triage asks the matcher: spelling variants are found, the verdict and reasons are shown,
family members are not confused, and merged-away records never come up."""

import datetime

from django.urls import reverse

from tests.factories import PersonFactory
from vangnet.persons import services as person_services
from vangnet.triage.services import find_known_persons


def test_police_spelling_and_nickname_are_found_as_match(make_melding, users):
    person = PersonFactory(
        given_names="Johannes",
        tussenvoegsel="van de",
        surname="Berg",
        date_of_birth=datetime.date(1962, 4, 5),
        postcode="1234AB",
        house_number="10",
    )
    melding = make_melding(
        given_names="Hans",
        surname="Vandeberg",
        date_of_birth=datetime.date(1962, 4, 5),
        postcode="1234 AB",
        house_number="10",
    )
    found = find_known_persons(melding, users["meldpunt"])
    assert found[0].person == person
    assert found[0].verdict == "match" and found[0].score > 0.9
    assert found[0].verdict_text == "waarschijnlijk dezelfde persoon"
    assert "geboortedatum gelijk" in found[0].agree


def test_father_and_son_at_one_address_are_told_apart(make_melding, users):
    father = PersonFactory(
        given_names="Kees",
        surname="de Jong",
        date_of_birth=datetime.date(1955, 1, 1),
        postcode="1234AB",
        house_number="3",
        sex="M",
    )
    son = PersonFactory(
        given_names="Kees",
        surname="de Jong",
        date_of_birth=datetime.date(1985, 7, 7),
        postcode="1234AB",
        house_number="3",
        sex="M",
    )
    melding = make_melding(
        given_names="Kees",
        surname="de Jong",
        date_of_birth=datetime.date(1985, 7, 7),
        postcode="1234AB",
        house_number="3",
        sex="M",
    )
    found = find_known_persons(melding, users["meldpunt"])
    assert found[0].person == son and found[0].verdict == "match"
    assert all(k.person != father or k.verdict != "match" for k in found)
    father_rows = [k for k in found if k.person == father]
    assert not father_rows or "geboortedatum verschilt" in father_rows[0].conflict


def test_estimated_age_only(make_melding, users):
    person = PersonFactory(
        given_names="Gerrit",
        surname="Visser",
        date_of_birth=datetime.date(1966, 3, 3),
        postcode="1234AB",
        house_number="8",
    )
    melding = make_melding(
        given_names="Gerrit",
        surname="Visser",
        estimated_age=60,
        date_of_birth=None,
        postcode="1234AB",
        house_number="8",
    )
    found = find_known_persons(melding, users["meldpunt"])
    assert found and found[0].person == person and found[0].verdict in ("match", "possible")


def test_merged_away_person_is_not_a_candidate(make_melding, users):
    keep = PersonFactory(given_names="Anna", surname="Smit", date_of_birth=datetime.date(1970, 1, 1))
    gone = PersonFactory(given_names="Anna", surname="Smit", date_of_birth=datetime.date(1970, 1, 1))
    person_services.merge_persons(keep, gone, by=users["teamleider"], reason="Dubbel geregistreerd bij import.")
    melding = make_melding(given_names="Anna", surname="Smit", date_of_birth=datetime.date(1970, 1, 1))
    assert [k.person for k in find_known_persons(melding, users["meldpunt"])] == [keep]


def test_triage_screen_shows_verdict_agreements_and_conflicts(make_melding, users, login):
    PersonFactory(
        given_names="Johannes", tussenvoegsel="van de", surname="Berg", date_of_birth=datetime.date(1962, 4, 5), sex="M"
    )
    melding = make_melding(given_names="Jan", surname="van de Berg", date_of_birth=datetime.date(1962, 4, 5), sex="V")
    html = login(users["meldpunt"]).get(reverse("triage:melding", args=[melding.pk])).content.decode()
    assert "Overeenkomsten" in html and "Verschillen" in html
    assert "geboortedatum gelijk" in html and "geslacht verschilt" in html
    assert "dezelfde persoon" in html
