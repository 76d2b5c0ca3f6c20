"""Workday arithmetic for the response norms.

Not workdays: weekends and the *algemeen erkende feestdagen* of the Algemene
termijnenwet (art. 3): Nieuwjaarsdag, Tweede Paasdag, Koningsdag, 5 mei
(Bevrijdingsdag, every year), Hemelvaartsdag, Tweede Pinksterdag and both
Kerstdagen. Eerste Paas- and Pinksterdag fall on Sundays anyway.

Goede Vrijdag is *not* one of them: the ``holidays`` package lists it, but the
law does not, and meldpunten and GGD teams work on it, so it is removed here.
The package only lists Bevrijdingsdag in lustrum years, so 5 May is added.

All dates are local dates in the project time zone (Europe/Amsterdam); a
deadline is the very end of the due workday in that zone."""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter
from django.conf import settings
from django.utils import timezone


def local_zone() -> ZoneInfo:
    """The zone the norms are counted in, independent of any activated timezone."""
    return ZoneInfo(settings.TIME_ZONE)


@lru_cache(maxsize=64)
def _nl_holidays(year: int) -> frozenset[date]:
    days = set(holidays.country_holidays("NL", years=year).keys())
    days.discard(easter(year) - timedelta(days=2))  # Goede Vrijdag: not in the Algemene termijnenwet
    days.add(date(year, 5, 5))
    return frozenset(days)


def holidays_in(year: int) -> frozenset[date]:
    """The non-weekend days off in ``year`` (for display and tests)."""
    return _nl_holidays(year)


def is_workday(day: date) -> bool:
    return day.weekday() < 5 and day not in _nl_holidays(day.year)


def next_workday_on_or_after(day: date) -> date:
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def add_workdays(start: date, workdays: int) -> date:
    """The date that is ``workdays`` workdays after ``start``.

    ``add_workdays(d, 0)`` is the same workday (or the next workday when ``d``
    falls on a weekend or holiday): a melding on Saturday is due Monday.
    A start on a non-workday counts as if it arrived at the start of the next
    workday: Saturday + 2 workdays is Wednesday.
    """
    if workdays < 0:
        raise ValueError("workdays must be zero or positive")
    day = next_workday_on_or_after(start)
    remaining = workdays
    while remaining > 0:
        day += timedelta(days=1)
        if is_workday(day):
            remaining -= 1
    return day


def local_date(moment: datetime) -> date:
    return timezone.localtime(moment, local_zone()).date()


def end_of_day(day: date) -> datetime:
    """The last moment of ``day`` in local time, as an aware datetime."""
    return datetime.combine(day, time.max, tzinfo=local_zone())


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=local_zone())


def deadline_end_of_day(start: datetime, workdays: int) -> datetime:
    """Deadline as an aware datetime: the end of the due workday in local time."""
    return end_of_day(add_workdays(local_date(start), workdays))


def workdays_between(start: date, end: date) -> int:
    """Number of workdays after ``start`` up to and including ``end``."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_workday(day):
            count += 1
    return count
