import pytest
from django.core.cache import caches
from django.test import Client

from tests.factories import GemeenteFactory, OrganisationFactory


@pytest.fixture
def region(db):
    """Two meldpunten, each with its own gemeente."""
    zuid = GemeenteFactory(name="Zuiddorp")
    noord = GemeenteFactory(name="Noordstad")
    meldpunt_zuid = OrganisationFactory(name="GGD Zuid", runs_meldpunt=True)
    meldpunt_zuid.gemeenten.add(zuid)
    meldpunt_noord = OrganisationFactory(name="GGD Noord", runs_meldpunt=True)
    meldpunt_noord.gemeenten.add(noord)
    caches["shared"].clear()
    return {"zuid": zuid, "noord": noord, "meldpunt_zuid": meldpunt_zuid, "meldpunt_noord": meldpunt_noord}


@pytest.fixture
def resident():
    return Client(REMOTE_ADDR="203.0.113.9")


ZORG = {
    "concerns": ["in-de-war", "huis-vies"],
    "description": "Mijn buurman roept 's nachts en zijn tuin ligt vol afval.",
    "danger": "nee",
}


def persoon(region):
    return {
        "person_name": "Jan de Vries",
        "person_description": "",
        "estimated_age": "60",
        "gemeente": str(region["noord"].pk),
        "postcode": "1234ab",
        "house_number": "12",
        "place_description": "",
    }


MELDER = {
    "anonymous": "naam",
    "melder_name": "Els Bakker",
    "relation": "buur",
    "relation_detail": "buurvrouw",
    "wants_feedback": "on",
    "email": "els@example.org",
    "phone": "",
}


def walk(client, region, *, zorg=None, melder=None):
    """The three steps, each posted with "Volgende stap"; returns the last response."""
    client.post("/melden/zorg/", {**(zorg or ZORG), "actie": "verder"})
    client.post("/melden/persoon/", {**persoon(region), "actie": "verder"})
    return client.post("/melden/over-u/", {**(melder or MELDER), "actie": "verder"})


def token(client):
    return client.session["publiek_melding"]["token"]
