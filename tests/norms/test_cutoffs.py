"""The "te laat" cut of norms.cutoffs agrees with the per-record deadline rule, day by day."""

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

import pytest

from vangnet.norms import services
from vangnet.norms.cutoffs import overdue_before
from vangnet.norms.models import NormSettings
from vangnet.norms.workdays import local_zone


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone())


@pytest.mark.parametrize("workdays", [0, 1, 2, 5])
def test_cut_agrees_with_the_deadline_of_every_start(workdays):
    norms = NormSettings(triage_workdays=workdays)
    # Around Easter, Koningsdag, Bevrijdingsdag and Hemelvaart 2026, plus ordinary weekends.
    for now_day in (date(2026, 4, 7) + timedelta(days=n) for n in range(0, 50, 3)):
        for now_hour in (0, 9, 23):
            now = local(now_day, now_hour, 30)
            cut = overdue_before(now, workdays)
            for back in range(30):
                for start_hour in (0, 12, 23):
                    received = local(now_day - timedelta(days=back), start_hour, 59)
                    if received > now:
                        continue
                    melding = SimpleNamespace(received_at=received, status="te_trieren")
                    expected = services.is_triage_overdue(melding, now, norms)
                    assert (received < cut) == expected, (workdays, now, received)
