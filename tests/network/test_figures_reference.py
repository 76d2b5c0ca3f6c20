"""Issue 17: the days from proposal to intake are grouped in the database; on seeded random
referrals (proposals around local midnight and the summer-time change) the median and the
count equal the old computation (one row per referral into Python, kept as the reference)."""

import datetime
import random
import statistics
import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.network import services
from vangnet.network.models import Referral

from .factories import propose

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _reference(organisation):
    referrals = Referral.objects.filter(casus__organisation=organisation)
    durations = []
    for proposed_at, intake_on in referrals.exclude(intake_on=None).values_list("proposed_at", "intake_on"):
        assert intake_on is not None
        durations.append((intake_on - timezone.localdate(proposed_at)).days)
    return (statistics.median(durations) if durations else None), len(durations)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_median_days_to_intake_equals_the_reference(seed, ggd, users, service):
    rng = random.Random(seed)
    worker = users["bemoeizorger"]
    assert services.figures(ggd).median_days_to_intake is None
    for _ in range(rng.randint(3, 9)):
        referral = propose(CasusFactory(organisation=ggd, casusregisseur=worker), service, worker)
        proposed = datetime.datetime(2026, 3, 29, 0, 30, tzinfo=AMS) + timedelta(
            minutes=rng.choice([-120, -31, -1, 0, 1, 90, 60 * 24 * rng.randint(-200, 200)])
        )
        intake_on = timezone.localdate(proposed) + timedelta(days=rng.randint(0, 40)) if rng.random() < 0.8 else None
        Referral.objects.filter(pk=referral.pk).update(proposed_at=proposed, intake_on=intake_on)
    figs = services.figures(ggd)
    assert (figs.median_days_to_intake, figs.intake_count) == _reference(ggd)
    assert type(figs.median_days_to_intake) is type(_reference(ggd)[0])
