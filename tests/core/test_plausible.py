"""The shared date rules: each check refuses what it should, keyed by the field."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from vangnet.core import plausible


def _codes(error: ValidationError, field: str) -> list[str | None]:
    return [e.code for e in error.error_dict[field]]


def test_a_moment_a_few_minutes_ahead_is_a_clock_difference_not_the_future():
    plausible.check_moment(timezone.now() + timedelta(minutes=2), field="at")


def test_a_moment_an_hour_ahead_is_refused_on_its_field():
    with pytest.raises(ValidationError) as caught:
        plausible.check_moment(timezone.now() + timedelta(hours=1), field="at")
    assert _codes(caught.value, "at") == ["future"]


def test_a_moment_before_the_start_names_the_start():
    start = timezone.now() - timedelta(days=3)
    with pytest.raises(ValidationError) as caught:
        plausible.check_moment(start - timedelta(days=1), field="at", not_before=start, not_before_label="de start")
    assert _codes(caught.value, "at") == ["before_start"]
    assert "de start" in caught.value.error_dict["at"][0].message % caught.value.error_dict["at"][0].params


def test_a_moment_on_the_start_day_is_fine_when_the_start_is_a_day():
    today = timezone.localdate()
    plausible.check_moment(timezone.now() - timedelta(minutes=1), field="at", not_before=today)


@pytest.mark.parametrize("day", [date(1899, 12, 31), timezone.localdate() + timedelta(days=1)])
def test_birth_dates_before_1900_or_ahead_are_refused(day):
    with pytest.raises(ValidationError):
        plausible.check_birth_date(day, field="birth_date")


def test_a_planned_day_next_month_is_fine_but_2099_is_not():
    plausible.check_planned_day(timezone.localdate() + timedelta(days=30), field="intake_on")
    with pytest.raises(ValidationError) as caught:
        plausible.check_planned_day(date(2099, 12, 31), field="intake_on")
    assert _codes(caught.value, "intake_on") == ["too_far"]


def test_a_past_day_before_its_start_is_refused():
    start = timezone.localdate() - timedelta(days=10)
    with pytest.raises(ValidationError) as caught:
        plausible.check_past_day(start - timedelta(days=1), field="on", not_before=start, not_before_label="x")
    assert _codes(caught.value, "on") == ["before_start"]
    plausible.check_past_day(start, field="on", not_before=start, not_before_label="x")


def test_a_planned_day_before_the_moment_it_follows_is_refused_by_local_day():
    # The referral was proposed today: an intake today is fine, yesterday is not.
    proposed = timezone.now()
    plausible.check_planned_day(timezone.localdate(), field="intake_date", not_before=proposed)
    with pytest.raises(ValidationError) as caught:
        plausible.check_planned_day(
            timezone.localdate() - timedelta(days=1), field="intake_date", not_before=proposed, not_before_label="x"
        )
    assert _codes(caught.value, "intake_date") == ["before_start"]
