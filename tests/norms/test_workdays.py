"""Workday arithmetic: weekends, Dutch public holidays (Algemene termijnenwet) and time zones."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vangnet.norms.workdays import (
    add_workdays,
    deadline_end_of_day,
    holidays_in,
    is_workday,
    next_workday_on_or_after,
    workdays_between,
)

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("start", "workdays", "expected", "why"),
    [
        (date(2026, 3, 6), 2, date(2026, 3, 10), "vrijdag + 2 werkdagen = dinsdag"),
        (date(2026, 3, 7), 0, date(2026, 3, 9), "zaterdag, dezelfde werkdag = maandag"),
        (date(2026, 3, 8), 0, date(2026, 3, 9), "zondag, dezelfde werkdag = maandag"),
        (date(2026, 3, 7), 2, date(2026, 3, 11), "zaterdag + 2 telt vanaf maandag"),
        (date(2026, 3, 9), 0, date(2026, 3, 9), "maandag, dezelfde werkdag"),
        # Koningsdag: maandag 27 april 2026
        (date(2026, 4, 24), 1, date(2026, 4, 28), "vrijdag voor Koningsdag + 1 = dinsdag"),
        (date(2026, 4, 25), 0, date(2026, 4, 28), "zaterdag voor Koningsdag = dinsdag"),
        (date(2026, 4, 27), 0, date(2026, 4, 28), "op Koningsdag zelf = dinsdag"),
        # Bevrijdingsdag: dinsdag 5 mei 2026 (geen lustrumjaar, telt toch)
        (date(2026, 5, 4), 1, date(2026, 5, 6), "maandag + 1 slaat 5 mei over"),
        (date(2026, 5, 5), 0, date(2026, 5, 6), "op 5 mei zelf = woensdag"),
        (date(2026, 5, 1), 2, date(2026, 5, 6), "vrijdag 1 mei + 2 = woensdag"),
        # Hemelvaartsdag: donderdag 14 mei 2026
        (date(2026, 5, 13), 1, date(2026, 5, 15), "woensdag + 1 = vrijdag na Hemelvaart"),
        (date(2026, 5, 13), 2, date(2026, 5, 18), "woensdag + 2 = maandag"),
        # Tweede Pinksterdag: maandag 25 mei 2026
        (date(2026, 5, 22), 1, date(2026, 5, 26), "vrijdag + 1 = dinsdag na Pinksteren"),
        (date(2026, 5, 23), 0, date(2026, 5, 26), "pinksterzaterdag = dinsdag"),
        # Kerst 2026: vrijdag 25, zaterdag 26, zondag 27
        (date(2026, 12, 24), 1, date(2026, 12, 28), "donderdag 24 december + 1 = maandag 28"),
        (date(2026, 12, 25), 0, date(2026, 12, 28), "eerste kerstdag = maandag 28"),
        # Nieuwjaarsdag 2027: vrijdag
        (date(2026, 12, 31), 1, date(2027, 1, 4), "oudjaarsdag + 1 = maandag 4 januari"),
        (date(2026, 12, 31), 0, date(2026, 12, 31), "oudjaarsdag is een werkdag"),
        (date(2026, 12, 24), 2, date(2026, 12, 29), "over kerst heen"),
        # Goede Vrijdag (3 april 2026) is geen algemeen erkende feestdag; Tweede Paasdag wel.
        (date(2026, 4, 2), 1, date(2026, 4, 3), "Goede Vrijdag is een werkdag"),
        (date(2026, 4, 3), 1, date(2026, 4, 7), "vrijdag + 1 slaat Tweede Paasdag over"),
    ],
)
def test_add_workdays(start, workdays, expected, why):
    assert add_workdays(start, workdays) == expected, why


def test_holidays_2026():
    assert holidays_in(2026) >= {
        date(2026, 1, 1),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    }
    assert date(2026, 4, 3) not in holidays_in(2026)


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2029, 2031])
def test_bevrijdingsdag_every_year(year):
    day = date(year, 5, 5)
    assert not is_workday(day)


def test_koningsdag_on_sunday_moves_to_saturday():
    # 27 april 2025 was a Sunday: Koningsdag on Saturday 26 april, Monday 28 is a workday.
    assert date(2025, 4, 26) in holidays_in(2025)
    assert is_workday(date(2025, 4, 28))


def test_negative_workdays_refused():
    with pytest.raises(ValueError):
        add_workdays(date(2026, 3, 6), -1)


def test_workdays_between():
    assert workdays_between(date(2026, 3, 6), date(2026, 3, 10)) == 2
    assert workdays_between(date(2026, 5, 1), date(2026, 5, 6)) == 2
    assert workdays_between(date(2026, 3, 6), date(2026, 3, 6)) == 0


def test_deadline_is_end_of_local_day():
    received = datetime(2026, 3, 6, 9, 15, tzinfo=AMS)
    deadline = deadline_end_of_day(received, 2)
    local = deadline.astimezone(AMS)
    assert local.date() == date(2026, 3, 10)
    assert (local.hour, local.minute, local.second) == (23, 59, 59)
    assert deadline < datetime(2026, 3, 11, 0, 0, tzinfo=AMS)


def test_deadline_uses_local_date_not_utc():
    # Friday 23:30 UTC is already Saturday 00:30 in Amsterdam: same-day norm -> Monday.
    received = datetime(2026, 3, 6, 23, 30, tzinfo=UTC)
    assert deadline_end_of_day(received, 0).astimezone(AMS).date() == date(2026, 3, 9)
    # Friday 22:30 UTC (23:30 local) is still Friday.
    received = datetime(2026, 3, 6, 22, 30, tzinfo=UTC)
    assert deadline_end_of_day(received, 0).astimezone(AMS).date() == date(2026, 3, 6)


def test_deadline_across_dst_change():
    # Clocks go forward on Sunday 29 March 2026; the deadline is still local end of day.
    received = datetime(2026, 3, 27, 16, 0, tzinfo=AMS)
    deadline = deadline_end_of_day(received, 1).astimezone(AMS)
    assert deadline.date() == date(2026, 3, 30)
    assert deadline.utcoffset() == timedelta(hours=2)


workday_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@given(start=workday_dates, n=st.integers(min_value=0, max_value=40))
def test_add_workdays_lands_on_a_workday(start, n):
    assert is_workday(add_workdays(start, n))


@given(start=workday_dates, n=st.integers(min_value=0, max_value=40))
def test_add_workdays_inverse_of_workdays_between(start, n):
    start = next_workday_on_or_after(start)
    assert workdays_between(start, add_workdays(start, n)) == n


@given(start=workday_dates, n=st.integers(min_value=0, max_value=40))
def test_add_workdays_is_monotonic(start, n):
    assert add_workdays(start, n) <= add_workdays(start, n + 1)
    assert add_workdays(start, n) >= start
