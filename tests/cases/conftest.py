"""Fixtures for the casus tests: one running casus of the GGD with a duo."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, PersonFactory
from vangnet.cases.models import Phase, PhaseChange


@pytest.fixture
def casus(users, ggd, team):
    """Run by the GGD: 'bemoeizorger' is casusregisseur, 'duo' is the duo partner.
    Started from one melding three days ago."""
    opened = timezone.now() - timedelta(days=3)
    person = PersonFactory(
        given_names="Jan",
        surname="Jansen",
        street="Dorpsstraat",
        house_number="12",
        postcode="1234AB",
        city="Noordstad",
    )
    casus = CasusFactory(
        person=person,
        organisation=ggd,
        team=team,
        casusregisseur=users["bemoeizorger"],
        opened_at=opened,
        members=[users["duo"]],
    )
    MeldingFactory(
        meldpunt=ggd,
        person=person,
        casus=casus,
        received_at=opened - timedelta(hours=2),
        reference="M-2026-00001",
        status="getrieerd",
    )
    PhaseChange.objects.create(
        casus=casus,
        from_phase="",
        to_phase=Phase.CONTACT_LEGGEN,
        reason="Bemoeizorg gestart na triage.",
        changed_by=users["meldpunt"],
        changed_at=opened,
    )
    return casus


@pytest.fixture
def attempt_data():
    """A valid quick-form post: a home visit, nobody home, an hour ago."""

    def make(**overrides):
        at = timezone.localtime() - timedelta(hours=1)
        data = {
            "type": "huisbezoek",
            "result": "geen_gehoor",
            "at": at.strftime("%Y-%m-%dT%H:%M"),
            "with_police": "nee",
            "note": "",
        }
        data.update(overrides)
        return data

    return make
