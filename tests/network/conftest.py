import pytest

from tests.factories import CasusFactory, MeldingFactory, OrganisationFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.cases.models import CaseMember

from .factories import ServiceFactory


@pytest.fixture
def fact(db):
    return OrganisationFactory(name="GGZ FACT Test", kind="ggz", runs_meldpunt=False, does_bemoeizorg=False)


@pytest.fixture
def service(fact):
    return ServiceFactory(organisation=fact, name="FACT-team Test", type="ggz")


@pytest.fixture
def fact_partner(fact):
    return UserFactory(username="fact_partner", role=Role.PARTNER, organisation=fact)


@pytest.fixture
def casus(users, ggd):
    casus = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"])
    CaseMember.objects.create(casus=casus, user=users["duo"], role=CaseMember.Role.DUO)
    return casus


@pytest.fixture
def melding(casus, users, ggd):
    return MeldingFactory(
        meldpunt=ggd,
        created_by=users["meldpunt"],
        person=casus.person,
        casus=casus,
        status="getrieerd",
        melder_email="buur@example.org",
        melder_wants_feedback=True,
        description="GEHEIM-MELDING: buurman schreeuwt elke nacht over stemmen.",
    )
