"""Fixtures for the crisis tests: one running casus of the GGD with a duo, started
ten days ago, and helpers that go through the real services."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.crisis import services

CARD = {
    "early_signs": "Slaapt niet, praat over stemmen",
    "what_helps": "Rustig praten, zus bellen",
    "what_not": "Geen politie in uniform aan de deur",
    "who_to_call": "Zus Anja 06 11 22 33 44",
    "agreed_with_person": False,
    "agreed_on": None,
    "copy_holders": "",
}


@pytest.fixture
def casus(users, ggd, team):
    """'bemoeizorger' is casusregisseur, 'duo' the duo partner."""
    return CasusFactory(
        organisation=ggd,
        team=team,
        casusregisseur=users["bemoeizorger"],
        opened_at=timezone.now() - timedelta(days=10),
        members=[users["duo"]],
    )


def hours_ago(n: float) -> datetime:
    return timezone.now() - timedelta(hours=n)


def save(casus, by, version=0, **values):
    return services.save_card(casus, expected_version=version, values={**CARD, **values}, by=by)


def episode(casus, by, at=None, kind="crisisdienst", what="Crisisdienst gebeld door de zus", feedback=""):
    return services.record_episode(
        casus, kind=kind, at=at or hours_ago(2), what_happened=what, feedback=feedback, by=by
    )
