"""Fixtures for the requests tests: a person with a running casus of the GGD (so the GGD's
teamleider handles his requests), and a way to register a request through the service."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory
from vangnet.verzoeken import services


@pytest.fixture
def casus(users, ggd, team):
    casus = CasusFactory(
        organisation=ggd,
        team=team,
        casusregisseur=users["bemoeizorger"],
        opened_at=timezone.now() - timedelta(days=60),
        members=[users["duo"]],
    )
    MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], person=casus.person, casus=casus, status="getrieerd")
    return casus


@pytest.fixture
def person(casus):
    return casus.person


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def make(person, by, *, kind="correctie", received_on=None, text="Mijn geboortedatum klopt niet", **kw):
    return services.register_request(
        person,
        kind=kind,
        received_on=received_on or timezone.localdate(),
        channel=kw.pop("channel", "schriftelijk"),
        request_text=text,
        by=by,
        **kw,
    )


def grant(verzoek, by, **kw):
    verzoek.refresh_from_db()
    return services.decide_request(
        verzoek,
        expected_version=verzoek.version,
        outcome="toegewezen",
        decided_on=kw.pop("decided_on", timezone.localdate()),
        correction_done=kw.pop("correction_done", "Geboortedatum aangepast op melding"),
        by=by,
        **kw,
    )
