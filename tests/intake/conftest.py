"""Fixtures for the intake tests: a region with gemeenten and a valid form post."""

import pytest

from tests.factories import GemeenteFactory, OrganisationFactory, UserFactory
from vangnet.accounts.models import Role


@pytest.fixture
def region(ggd, other_org, police):
    """GGD serves Noordstad and Zuiddorp, the other GGD serves Oosthaven;
    the police team works in Zuiddorp, so its meldingen go to the GGD."""
    noord = GemeenteFactory(name="Noordstad")
    zuid = GemeenteFactory(name="Zuiddorp")
    oost = GemeenteFactory(name="Oosthaven")
    ggd.gemeenten.set([noord, zuid])
    other_org.gemeenten.set([oost])
    police.gemeenten.set([zuid])
    return {"noord": noord, "zuid": zuid, "oost": oost}


@pytest.fixture
def corporation(db):
    return OrganisationFactory(
        name="Woonstichting Thuis", kind="woningcorporatie", runs_meldpunt=False, does_bemoeizorg=False
    )


@pytest.fixture
def other_partner(corporation):
    return UserFactory(username="corporatie", role=Role.PARTNER, organisation=corporation)
