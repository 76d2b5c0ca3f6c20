"""Outcomes at closing (issue 13) on the known world of conftest.py: its closing
rows get an uitkomst here, so the other monitor tests keep their world as it is.

In the period (1 Feb - 31 Mar 2026) three closings: c2 on 20 Mar (warme overdracht),
c3 on 25 Mar (weigert hulp), c4 on 5 Mar (no uitkomst: onbekend). c4's closing on
15 Jan (toegeleid) is before the period. Known outcomes: 2, of which 1 toegeleid or
warme overdracht: 50,0 %."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from vangnet.cases.models import Phase, PhaseChange, Uitkomst
from vangnet.monitor.indicators import DEFINITIONS, compute_indicators

from .conftest import local
from .test_indicators import LATER, TOT, VAN, zeros

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_outcomes(world):
    closings = PhaseChange.objects.filter(to_phase=Phase.AFGESLOTEN)
    closings.filter(casus=world.casussen["c2"]).update(outcome=Uitkomst.WARME_OVERDRACHT)
    closings.filter(casus=world.casussen["c3"]).update(outcome=Uitkomst.WEIGERT_HULP)
    closings.filter(casus=world.casussen["c4"], changed_at=local(2026, 1, 15, 10)).update(outcome=Uitkomst.TOEGELEID)
    return world


def test_outcomes_of_the_closings_in_the_period(with_outcomes):
    figures = compute_indicators(VAN, TOT, now=LATER)
    assert figures.uitkomsten_bij_afsluiten == zeros(Uitkomst.values, warme_overdracht=1, weigert_hulp=1, onbekend=1)
    assert sum(figures.uitkomsten_bij_afsluiten.values()) == figures.casussen_afgesloten == 3
    assert figures.toegeleid_pct == 50.0


def test_toegeleid_pct_is_none_without_a_known_outcome(world):
    figures = compute_indicators(VAN, TOT, now=LATER)
    assert figures.uitkomsten_bij_afsluiten == zeros(Uitkomst.values, onbekend=3)
    assert figures.toegeleid_pct is None


def test_january_counts_the_toegeleid_closing(with_outcomes):
    figures = compute_indicators(VAN.replace(month=1), VAN.replace(month=1, day=31), now=LATER)
    assert figures.uitkomsten_bij_afsluiten == zeros(Uitkomst.values, toegeleid=1)
    assert figures.toegeleid_pct == 100.0


def test_definitions_and_command(with_outcomes):
    assert DEFINITIONS["uitkomsten_bij_afsluiten"] and DEFINITIONS["toegeleid_pct"]
    out = StringIO()
    call_command("figures", "--from", VAN.isoformat(), "--to", TOT.isoformat(), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["uitkomsten_bij_afsluiten"]["warme_overdracht"] == 1
    assert data["toegeleid_pct"] == 50.0
