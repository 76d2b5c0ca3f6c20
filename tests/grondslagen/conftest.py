"""Fixtures for task, ground and consent: one running casus of the GGD with a duo,
a housing corporation and helpers that go through the real services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CasusFactory, OrganisationFactory, UserFactory
from vangnet.accounts.roles import Role
from vangnet.grondslagen import services


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
def person(casus):
    return casus.person


@pytest.fixture
def corporatie(db):
    return OrganisationFactory(
        name="Woonstichting Test", kind="woningcorporatie", runs_meldpunt=False, does_bemoeizorg=False
    )


@pytest.fixture
def corporatie_partner(corporatie):
    return UserFactory(username="woonconsulent", role=Role.PARTNER, organisation=corporatie)


def object_to(person, by, organisation=None, kind="", task="", **kwargs):
    """Record an objection through the service."""
    return services.record_consent(
        person,
        soort="bezwaar",
        organisation=organisation,
        organisation_kind=kind,
        task=task,
        how="mondeling",
        given_on=kwargs.pop("given_on", timezone.localdate()),
        by=by,
        **kwargs,
    )


def consent(person, by, organisation=None, kind="", task="", **kwargs):
    return services.record_consent(
        person,
        soort="toestemming",
        organisation=organisation,
        organisation_kind=kind,
        task=task,
        how="schriftelijk",
        given_on=kwargs.pop("given_on", timezone.localdate()),
        by=by,
        **kwargs,
    )
