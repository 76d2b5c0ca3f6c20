"""At triage: the register searched by hand (the search service, persons only) and a person
picked from it; a melding that only describes a place and a look gets no ranking (too
little to search on, issue 14) but the search by place finds who is known there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MeldingFactory, PersonFactory
from tests.triage.conftest import decision_post
from vangnet.audit.models import AccessLog
from vangnet.intake.models import Melding
from vangnet.persons.matching.search import find_candidates
from vangnet.triage.services import find_known_persons, melding_query, place_search, too_little_to_search

pytestmark = pytest.mark.django_db


def page(melding):
    return reverse("triage:melding", args=[melding.pk])


def search_url(melding):
    return reverse("triage:register_search", args=[melding.pk])


@pytest.fixture
def place_only(ggd, users):
    return MeldingFactory(
        meldpunt=ggd,
        created_by=users["meldpunt"],
        given_names="",
        surname="",
        sex="M",
        estimated_age=40,
        place_description="man ~40, slaapt bij het station",
    )


def test_a_place_and_a_look_get_no_ranking_but_the_place_search_finds_who_is_known_there(sw, place_only, users):
    assert too_little_to_search(place_only)
    assert find_known_persons(place_only, users["meldpunt"]) == []
    found = place_search(place_only, users["meldpunt"], place_only.place_description)
    assert [f.person.pk for f in found] == [sw["station_man"].pk]


def test_another_place_or_another_sex_is_no_candidate(sw, place_only):
    assert not find_candidates({**melding_query(place_only), "place_description": "slaapt in het park"})
    assert not find_candidates({**melding_query(place_only), "sex": "V"})


def test_an_age_far_off_is_no_candidate(sw, place_only):
    assert not find_candidates({**melding_query(place_only), "approx_age": 75})


def test_a_name_still_goes_through_the_name_rules(sw, place_only):
    """With a name, the place is no reason to find the man from the station."""
    found = find_candidates({**melding_query(place_only), "given_names": "Jan", "surname": "de Vries"})
    assert sw["station_man"].pk not in {c.person_id for c in found}


def test_the_triage_page_has_the_register_search(sw, users, login):
    html = login(users["meldpunt"]).get(page(sw["untriaged"])).content.decode()
    assert 'name="register_q"' in html and 'for="id_register_q"' in html
    assert search_url(sw["untriaged"]) in html


def test_register_search_htmx_lists_persons_to_pick_and_logs_each_in_one_insert(sw, users, login):
    client = login(users["meldpunt"])
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(search_url(sw["untriaged"]), {"register_q": "Jan de Vries"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="person" value="{sw["jan"].pk}"' in html
    rows = AccessLog.objects.filter(pk__gt=before, object_type="persoon", action=AccessLog.Action.READ)
    searched = [r for r in rows if "register doorzocht" in r.detail]
    assert [r.person_id for r in searched] == [str(sw["jan"].pk)]
    assert "Vries" not in searched[0].detail
    inserts = [
        q
        for q in ctx.captured_queries
        if q["sql"].startswith('INSERT INTO "audit_accesslog"') and "register doorzocht" in q["sql"]
    ]
    assert len(inserts) == 1


def test_register_search_without_javascript_shows_the_page_with_results(sw, users, login):
    data = decision_post(sw["untriaged"], register_q="1234 AB 12", register_search="1", reason="getypt")
    response = login(users["meldpunt"]).post(page(sw["untriaged"]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="person" value="{sw["jan"].pk}"' in html
    assert "getypt" in html  # what was typed is kept
    assert Melding.objects.get(pk=sw["untriaged"].pk).status == Melding.Status.TE_TRIEREN  # nothing decided


def test_a_picked_person_is_linked_like_a_candidate(sw, users, login):
    melding = sw["untriaged"]
    response = login(users["meldpunt"]).post(page(melding), decision_post(melding, person=sw["jan"].pk))
    assert response.status_code == 302
    assert Melding.objects.get(pk=melding.pk).person_id == sw["jan"].pk


def test_a_person_the_search_would_not_show_cannot_be_picked(sw, users, login):
    stranger = PersonFactory(given_names="Anna", surname="Onbekend")
    melding = sw["untriaged"]
    response = login(users["meldpunt"]).post(page(melding), decision_post(melding, person=stranger.pk))
    assert response.status_code == 200
    assert Melding.objects.get(pk=melding.pk).person is None


@pytest.mark.parametrize("person", ["99999999999999999999999", "-1", "x"])
def test_nonsense_person_ids_are_a_form_error(sw, users, login, person):
    melding = sw["untriaged"]
    response = login(users["meldpunt"]).post(page(melding), decision_post(melding, person=person))
    assert response.status_code == 200


def test_register_search_refused_for_other_meldpunt_and_bemoeizorger(sw, users, login):
    url = search_url(sw["untriaged"])
    refused = AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count()
    assert login(users["other_meldpunt"]).post(url, {"register_q": "Jan"}).status_code == 404
    assert login(users["bemoeizorger"]).post(url, {"register_q": "Jan"}).status_code == 403
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == refused + 2
