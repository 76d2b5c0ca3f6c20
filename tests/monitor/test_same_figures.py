"""Issue 17: the figures counted in fewer statements are exactly the figures as they were
counted before. The oracle is ``frozen_indicators.py``: vangnet/monitor/indicators.py as of
commit 4225573 (one query per figure group), unchanged. Both are run on the same data, for
periods over month and summer-time edges, and for every kind of scope and filter, on the
hand-counted world of conftest.py and on the small bench data set (random, with phase
history, closings with an uitkomst, referrals with their vinger aan de pols)."""

from datetime import UTC, date, datetime

import pytest

from bench.scale.build import build
from bench.web import budget
from tests.monitor import frozen_indicators
from vangnet.intake.models import Melding
from vangnet.monitor.indicators import compute_indicators
from vangnet.monitor.policies import Scope
from vangnet.norms.models import NormSettings
from vangnet.organisations.models import Gemeente, Organisation, Team

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
PERIODS = [
    (date(2026, 2, 1), date(2026, 3, 31)),
    (date(2026, 3, 29), date(2026, 3, 30)),  # the change to summer time
    (date(2025, 10, 20), date(2026, 4, 30)),  # over the change back and a new year
    (date(2026, 2, 9), date(2026, 2, 9)),  # one day
    (date(2026, 2, 15), date(2026, 3, 14)),  # months cut in the middle
]


def _both(van: date, tot: date, **filters) -> None:
    new = compute_indicators(van, tot, now=NOW, **filters).as_dict()
    old = frozen_indicators.compute_indicators(van, tot, now=NOW, **filters).as_dict()
    assert new == old, (van, tot, filters)


def _scopes(organisation: Organisation, gemeenten: list[Gemeente]) -> list[Scope]:
    return [
        Scope(),
        Scope(organisation_id=organisation.pk),
        Scope(gemeente_ids=(gemeenten[0].pk,)),
        Scope(gemeente_ids=tuple(g.pk for g in gemeenten)),
        Scope(gemeente_ids=()),
    ]


def test_the_world_counts_as_before(world, ggd):
    teams = list(Team.objects.order_by("name"))
    for van, tot in PERIODS:
        for scope in _scopes(ggd, [world.amstelveen, world.bussum]):
            _both(van, tot, scope=scope)
        _both(van, tot, gemeente=world.bussum)
        _both(van, tot, scope=Scope(organisation_id=ggd.pk), team=teams[0])
        _both(van, tot, team=teams[1], bron="buurtbewoner")
        _both(van, tot, bron="naaste")


def test_the_bench_data_set_counts_as_before():
    build(**budget.SIZE)
    last = Melding.objects.latest("received_at").received_at.date()
    organisation = Organisation.objects.filter(runs_meldpunt=True).order_by("pk").first()
    assert organisation is not None
    gemeenten = list(Gemeente.objects.order_by("pk")[:2])
    team = Team.objects.filter(organisation=organisation).order_by("pk").first()
    for van, tot in [
        (date(last.year - 1, 1, 1), last),
        (last.replace(day=1), last),
        (date(2000, 1, 1), last),
    ]:
        for scope in _scopes(organisation, gemeenten):
            _both(van, tot, scope=scope)
        _both(van, tot, gemeente=gemeenten[1])
        _both(van, tot, scope=Scope(organisation_id=organisation.pk), team=team)
        _both(van, tot, bron="huisarts")


def test_the_norms_as_set_and_before_there_are_any(world):
    NormSettings.objects.all().delete()
    van, tot = PERIODS[0]
    new = compute_indicators(van, tot, now=NOW).as_dict()  # no row yet: the defaults
    assert new == frozen_indicators.compute_indicators(van, tot, now=NOW).as_dict()  # which creates it
    NormSettings.objects.filter(pk=1).update(triage_workdays=1, first_attempt_workdays=0)
    _both(van, tot)
    _both(van, tot, gemeente=world.amstelveen)
