"""Workday arithmetic for the response norms.

Not workdays: weekends and the days of the Algemene termijnenwet, i.e. the
Dutch public holidays as the ``holidays`` package lists them (Nieuwjaarsdag,
Goede Vrijdag, Pasen, Koningsdag, Hemelvaart, Pinksteren, Kerst) plus
Bevrijdingsdag (5 mei) every year, which the law counts but the package only
lists in lustrum years."""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone


@lru_cache(maxsize=64)
def _nl_holidays(year: int) -> frozenset[date]:
    days = set(holidays.country_holidays("NL", years=year).keys())
    days.add(date(year, 5, 5))
    return frozenset(days)


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
    """
    day = next_workday_on_or_after(start)
    remaining = workdays
    while remaining > 0:
        day += timedelta(days=1)
        if is_workday(day):
            remaining -= 1
    return day


def deadline_end_of_day(start: datetime, workdays: int) -> datetime:
    """Deadline as an aware datetime: the end of the due workday in local time."""
    local_start = timezone.localtime(start)
    due = add_workdays(local_start.date(), workdays)
    return timezone.make_aware(datetime.combine(due, time(23, 59, 59)))


def workdays_between(start: date, end: date) -> int:
    """Number of workdays after ``start`` up to and including ``end``."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_workday(day):
            count += 1
    return count
