"""Fixtures for the naasten tests: one running casus of the GGD with a duo, started
ten days ago, and a way to add a naaste through the real service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.naasten import services


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


def add(casus, by, name="Marja de Vries", relation="familie", consent="afspraken", is_melder=False, **kwargs):
    return services.add_naaste(
        casus, name=name, relation=relation, consent=consent, is_melder=is_melder, by=by, **kwargs
    )
