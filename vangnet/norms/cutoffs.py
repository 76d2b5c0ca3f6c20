"""The response norms as one moment to compare with, so a list can ask "te laat?" in SQL.

A deadline (``services.triage_deadline``, ``services.first_attempt_deadline``) is
the end of the workday that lies ``workdays`` workdays after the local day the
clock started. That day only grows when the start moves later, so at any moment
there is one cut: everything that started before it is past its deadline,
everything that started from it on is not. ``overdue_before`` finds that cut;
``received_at < overdue_before(now, norms.triage_workdays)`` is then exactly
``now > triage_deadline(melding)``, without computing a deadline per row, so
paging and counting stay in the database (tests/norms/test_cutoffs.py checks the
two agree day by day over holidays and weekends).
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from .workdays import add_workdays, local_date, start_of_day

# Far more days than 30 workdays (the longest norm) plus every holiday in between.
_MAX_LOOKBACK_DAYS = 400


def last_overdue_start_day(today: date, workdays: int) -> date:
    """The latest local start day whose deadline (``workdays`` after it) ended before ``today``."""
    day = today - timedelta(days=1)
    for _ in range(_MAX_LOOKBACK_DAYS):
        if add_workdays(day, workdays) < today:
            return day
        day -= timedelta(days=1)
    raise ValueError("norm longer than the lookback")  # pragma: no cover - MAX_WORKDAYS is 30


def overdue_before(now: datetime | None, workdays: int) -> datetime:
    """The moment before which a start (received, opened) is past its norm at ``now``."""
    today = local_date(now or timezone.now())
    return start_of_day(last_overdue_start_day(today, workdays) + timedelta(days=1))
