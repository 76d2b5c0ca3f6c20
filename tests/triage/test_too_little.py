"""Issue 14, decision 1 at triage: a melding with too little to search on gets no ranking but
an explanation, the register search and the search by place and description."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import MeldingFactory, PersonFactory
from vangnet.audit.models import AccessLog
from vangnet.intake.models import Melding
from vangnet.triage.services import find_known_persons, too_little_to_search

from .conftest import decision_post

pytestmark = pytest.mark.django_db

HEADING = "Te weinig gegevens om betrouwbaar te zoeken"
EXPLANATION = (
    "In de melding staat geen achternaam, geboortedatum, BSN of adres "
    "(postcode, huisnummer of straat). Met alleen een voornaam, het geslacht, een geschatte leeftijd, een "
    "woonplaats of een beschrijving passen te veel mensen even goed. Daarom toont Vangnet hier geen lijst van mogelijke personen."
)
ADVICE = (
    "Vraag de melder zo mogelijk naar een van deze gegevens en vul de melding aan. U kunt ook zelf zoeken "
    "in het register, of zoeken op plek en beschrijving: bij personen die bekend zijn met een omschrijving "
    "van hun verblijfplaats."
)


def page(melding):
    return reverse("triage:melding", args=[melding.pk])


def place_url(melding):
    return reverse("triage:place_search", args=[melding.pk])


@pytest.fixture
def harbour(ggd, users):
    """Two women known by the harbour: one the meldpunt has a melding about (she may see
    her), one only known elsewhere (need-to-know: not shown); and Liams the ranking would list."""
    greet = PersonFactory(
        given_names="Greet",
        surname="",
        date_of_birth=None,
        estimated_birth_year=1951,
        sex="V",
        place_description="Zwerft rond de haven, grijze jas",
    )
    MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], person=greet, status="getrieerd", surname="")
    stranger = PersonFactory(
        given_names="Anna", surname="", date_of_birth=None, sex="V", place_description="slaapt bij de haven"
    )
    liams = [PersonFactory(given_names="Liam", city="Hoorn") for _ in range(3)]
    return {"greet": greet, "stranger": stranger, "liams": liams}


@pytest.fixture
def bare(ggd, users):
    return MeldingFactory(
        meldpunt=ggd,
        created_by=users["meldpunt"],
        given_names="",
        surname="",
        sex="V",
        city="Hoorn",
        place_description="vrouw, ~75, zwerft rond de haven",
    )


@pytest.fixture
def liam(ggd, users):
    return MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], given_names="Liam", surname="", city="Hoorn")


def test_the_services_rank_nobody(harbour, bare, liam, users):
    assert too_little_to_search(bare) and too_little_to_search(liam)
    assert find_known_persons(bare, users["meldpunt"]) == []
    assert find_known_persons(liam, users["meldpunt"]) == []


def test_the_page_explains_and_offers_both_searches_instead_of_a_ranking(harbour, liam, users, login):
    response = login(users["meldpunt"]).get(page(liam))
    html = response.content.decode()
    assert response.context["too_little"] is True and response.context["candidates"] == []
    assert f'<h3 id="too-little-heading">{HEADING}</h3>' in html
    assert EXPLANATION in html and ADVICE in html
    assert "Geen bekende personen gevonden" not in html
    assert not any(f'name="person" value="{p.pk}"' in html for p in harbour["liams"])
    # The ways on, reachable from the message: complete the melding, the register search, the place search.
    assert f'href="{reverse("intake:correct", args=[liam.pk])}">Melding aanvullen</a>' in html
    assert 'href="#id_register_q"' in html and 'id="id_register_q"' in html
    assert 'href="#id_place_q"' in html and '<label for="id_place_q">Zoeken op plek en beschrijving</label>' in html
    assert f'hx-post="{place_url(liam)}"' in html
    assert 'aria-describedby="id_place_q_helptext"' in html
    # The new person is the default: nothing is suggested.
    assert response.context["form"]["person"].value() == "nieuw"


def test_a_melding_over_the_line_gets_no_message(harbour, ggd, users, login):
    melding = MeldingFactory(
        meldpunt=ggd, created_by=users["meldpunt"], given_names="Liam", surname="", postcode="1234AB", house_number="5"
    )
    html = login(users["meldpunt"]).get(page(melding)).content.decode()
    assert HEADING not in html and 'id="id_place_q"' not in html
    assert "Geen bekende personen gevonden" in html


def test_the_place_field_starts_with_the_meldings_description(harbour, bare, users, login):
    html = login(users["meldpunt"]).get(page(bare)).content.decode()
    assert 'name="place_q" id="id_place_q"' in html
    assert 'value="vrouw, ~75, zwerft rond de haven"' in html


def test_place_search_htmx_lists_whom_she_may_see_and_logs_them(harbour, bare, users, login):
    client = login(users["meldpunt"])
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.post(place_url(bare), {"place_q": "zwerft rond de haven"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bekend op deze plek: kies wie het is" in html
    assert f'name="person" value="{harbour["greet"].pk}"' in html
    assert f'value="{harbour["stranger"].pk}"' not in html  # no basis for her: need-to-know
    assert "plek gelijk, geslacht gelijk" in html
    reads = AccessLog.objects.filter(pk__gt=before, object_type="persoon", action=AccessLog.Action.READ)
    logged = [r for r in reads if "gezocht op plek en beschrijving" in r.detail]
    assert [r.person_id for r in logged] == [str(harbour["greet"].pk)]
    assert "haven" not in logged[0].detail  # what was typed is not logged


def test_place_search_without_a_match_or_without_text(harbour, bare, users, login):
    client = login(users["meldpunt"])
    html = client.post(place_url(bare), {"place_q": "onder de brug"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Niemand gevonden die bekend is op deze plek en die u mag inzien." in html
    html = client.post(place_url(bare), {"place_q": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "Vul een plek of beschrijving in om op te zoeken." in html


def test_place_search_without_javascript_then_pick_the_person(harbour, bare, users, login):
    client = login(users["meldpunt"])
    post = decision_post(bare, place_q="haven", place_search="1")
    response = client.post(page(bare), post)
    assert response.status_code == 200
    html = response.content.decode()
    assert HEADING in html and f'name="person" value="{harbour["greet"].pk}"' in html
    # A decision with an answer missing comes back with the place typed kept.
    post = decision_post(bare, person=str(harbour["greet"].pk), place_q="haven", acute_danger="")
    assert 'value="haven"' in client.post(page(bare), post).content.decode()
    response = client.post(page(bare), decision_post(bare, person=str(harbour["greet"].pk), place_q="haven"))
    assert response.status_code == 302
    assert Melding.objects.get(pk=bare.pk).person_id == harbour["greet"].pk


def test_place_search_is_refused_to_other_roles_and_other_meldpunten(bare, users, login):
    assert login(users["bemoeizorger"]).post(place_url(bare), {"place_q": "haven"}).status_code == 403
    assert login(users["other_meldpunt"]).post(place_url(bare), {"place_q": "haven"}).status_code == 404


def test_the_examples_of_the_issue(ggd, users):
    def melding(**kw):
        return MeldingFactory.build(meldpunt=ggd, **{"given_names": "", "surname": "", **kw})

    assert too_little_to_search(melding(given_names="Liam"))
    assert too_little_to_search(melding(sex="V", place_description="vrouw, ~75, zwerft rond de haven"))
    # The issue's own example: an estimated age in the age field does not single her out.
    assert too_little_to_search(melding(sex="V", estimated_age=75, place_description="zwerft rond de haven"))
    assert not too_little_to_search(melding(given_names="Liam", date_of_birth=datetime.date(2001, 2, 3)))
    assert not too_little_to_search(melding(given_names="Liam", bsn="111222333"))
    assert not too_little_to_search(melding(given_names="Liam", street="Havenkade"))
