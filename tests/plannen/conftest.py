"""Fixtures for the plan van aanpak: a running casus of the GGD with a duo, started
ten days ago, and a plan on it with an action for the worker and one for the police."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import CasusFactory, OrganisationFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.plannen import services


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


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


@pytest.fixture
def ggz(db):
    return OrganisationFactory(name="FACT Testregio", kind="ggz", runs_meldpunt=False, does_bemoeizorg=False)


@pytest.fixture
def ggz_partner(ggz):
    return UserFactory(username="ggz_partner", role=Role.PARTNER, organisation=ggz)


@pytest.fixture
def goal(casus, users):
    return services.set_goal(casus, text="Ik wil mijn huis houden", own_words=True, by=users["duo"])


@pytest.fixture
def worker_action(goal, users):
    return services.add_action(
        goal, description="Samen naar de woningcorporatie", owner_user=users["duo"], due_date=days(7), by=users["duo"]
    )


@pytest.fixture
def police_action(goal, users, police):
    return services.add_action(
        goal, description="Wijkagent loopt langs", owner_organisation=police, due_date=days(3), by=users["duo"]
    )
