import datetime

import pytest

from vangnet.wvggz.deadlines import AMBER, GREEN, RED, days_left, deadline_for, rag, reminder_moment, term_state

from .helpers import AMS, local

D = datetime.date


@pytest.mark.parametrize(
    "received,deadline",
    [
        (local(2026, 3, 1, 10, 0), D(2026, 3, 15)),
        (local(2026, 1, 31, 9, 0), D(2026, 2, 14)),  # month end
        (local(2026, 2, 20, 9, 0), D(2026, 3, 6)),  # over the end of a short February
        (local(2028, 2, 20, 9, 0), D(2028, 3, 5)),  # leap year
        (local(2026, 12, 25, 9, 0), D(2027, 1, 8)),  # year end
        (local(2026, 3, 20, 12, 0), D(2026, 4, 3)),  # across the spring DST change (29 March)
        (local(2026, 10, 20, 12, 0), D(2026, 11, 3)),  # across the autumn DST change (25 October)
        # Just after midnight local time is still the previous day in UTC: the local date counts.
        (local(2026, 7, 1, 0, 30), D(2026, 7, 15)),
        (local(2026, 3, 29, 3, 30), D(2026, 4, 12)),  # on the DST day itself
    ],
)
def test_deadline_is_local_melding_date_plus_14_calendar_days(received, deadline):
    assert deadline_for(received) == deadline
    # The same moment expressed in UTC gives the same answer.
    assert deadline_for(received.astimezone(datetime.UTC)) == deadline


def test_utc_late_evening_is_next_local_day():
    received = datetime.datetime(2026, 6, 30, 22, 30, tzinfo=datetime.UTC)  # 00:30 on 1 July in Amsterdam
    assert deadline_for(received) == D(2026, 7, 15)


def test_weekends_and_holidays_count_calendar_days():
    # 14 April 2026 + 14 = 28 April; King's Day (27 April) does not move it.
    assert deadline_for(local(2026, 4, 14, 9, 0)) == D(2026, 4, 28)


@pytest.mark.parametrize(
    "left,colour",
    [(14, GREEN), (8, GREEN), (7, AMBER), (3, AMBER), (2, RED), (0, RED), (-1, RED), (-30, RED)],
)
def test_rag_boundaries(left, colour):
    assert rag(left) == colour


def test_days_left_and_overdue():
    state = term_state(D(2026, 3, 15), today=D(2026, 3, 17))
    assert state.days_left == -2 and state.overdue and state.overdue_days == 2 and state.rag == RED
    assert days_left(D(2026, 3, 15), D(2026, 3, 15)) == 0


def test_reminder_moments_are_day_7_and_12_at_8_local_also_over_dst():
    received = local(2026, 3, 25, 23, 0)
    assert reminder_moment(received, "dag7") == local(2026, 4, 1, 8, 0)
    assert reminder_moment(received, "dag12") == local(2026, 4, 6, 8, 0)
    assert reminder_moment(received, "dag7").astimezone(AMS).hour == 8


def test_triage_uses_the_same_rule():
    from vangnet.triage import services as triage_services
    from vangnet.wvggz import deadlines

    assert triage_services.wvggz_deadline is deadlines.wvggz_deadline
