import pytest

from tests.factories import GemeenteFactory, OrganisationFactory, UserFactory
from vangnet.accounts.models import Role


@pytest.fixture
def region(ggd, police):
    """The GGD's meldpunt serves the police partner's werkgebied."""
    gemeente = GemeenteFactory(name="Gemeente Teststad")
    ggd.gemeenten.add(gemeente)
    police.gemeenten.add(gemeente)
    return gemeente


@pytest.fixture
def other_partner(police):
    return UserFactory(username="partner2", role=Role.PARTNER, organisation=police)


@pytest.fixture
def lonely_partner(db):
    """A partner whose organisation no meldpunt serves (and there are several meldpunten)."""
    org = OrganisationFactory(
        name="Woningcorporatie Nergens", kind="woningcorporatie", runs_meldpunt=False, does_bemoeizorg=False
    )
    return UserFactory(username="lonely", role=Role.PARTNER, organisation=org)
