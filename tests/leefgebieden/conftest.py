"""Fixtures for the life-domain tests: one running casus of the GGD with a duo,
started ten days ago, and a way to record a picture through the real service."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.leefgebieden import services


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


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def record(casus, by, day=None, note="", **scores):
    """A picture with ``domain=score`` or ``domain=(score, text)``."""
    values = {d: (v if isinstance(v, tuple) else (v, "")) for d, v in scores.items()}
    return services.record_picture(casus, assessed_on=day or timezone.localdate(), scores=values, note=note, by=by)
