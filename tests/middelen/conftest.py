"""Fixtures for the means tests: one running casus of the GGD with a duo, started
ten days ago, and helpers that go through the real services."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.middelen import services


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


def inzet(casus, by, approver, amount="150.00", day=None, purpose="Twee nachten pension", **kwargs):
    return services.record_inzet(
        casus,
        kind=kwargs.pop("kind", "time-out"),
        amount=Decimal(amount),
        purpose=purpose,
        approved_by=approver,
        spent_on=day or days_ago(1),
        by=by,
        **kwargs,
    )


def listing(casus, by, day=None, kind="beschermd-wonen", provider="Stichting Onderdak", **kwargs):
    return services.put_on_waiting_list(
        casus, kind=kind, provider=provider, listed_on=day or days_ago(5), by=by, **kwargs
    )
