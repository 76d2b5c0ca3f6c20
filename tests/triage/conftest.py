"""Fixtures for the triage tests: a melding at the GGD meldpunt and a valid decision post."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import MeldingFactory, PersonFactory
from vangnet.intake.models import Melding

VALID_BSN = "111222333"  # passes the elfproef


@pytest.fixture
def make_melding(ggd, users):
    def make(**kwargs):
        kwargs.setdefault("meldpunt", ggd)
        kwargs.setdefault("created_by", users["meldpunt"])
        kwargs.setdefault("given_names", "Jan")
        kwargs.setdefault("surname", "Jansen")
        return MeldingFactory(**kwargs)

    return make


@pytest.fixture
def melding(make_melding):
    return make_melding(
        given_names="Jan",
        surname="van den Berg",
        date_of_birth=datetime.date(1970, 5, 17),
        received_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 10, 0)),
    )


@pytest.fixture
def known_person(db):
    """The same man, registered earlier with the tussenvoegsel in its own field."""
    return PersonFactory(
        given_names="Jan", tussenvoegsel="van den", surname="Berg", date_of_birth=datetime.date(1970, 5, 17)
    )


def decision_post(melding: Melding, **overrides) -> dict:
    data = {
        "version": melding.version,
        "person": "nieuw",
        "acute_danger": "nee",
        "already_in_care": "onbekend",
        "already_in_care_detail": "",
        "known_to_partners": "nee",
        "known_to_partners_detail": "",
        "outcome": "geen_actie",
        "reason": "Melder is gerustgesteld, buurman is op vakantie geweest.",
        "referred_to": "",
        "casusregisseur": "",
        "team": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
