"""Calendar-month arithmetic, one rule for every term counted in months (the follow-up checks,
the request term of AVG art. 12(3), the bewaartermijnen): the same day ``months`` later, or
the last day of that month when it is shorter (31 January + 1 month = 28 or 29 February).
python-dateutil's relativedelta does exactly this, for a date and a datetime alike."""

from datetime import date

from dateutil.relativedelta import relativedelta


def add_months[D: date](value: D, months: int) -> D:
    """``value`` plus ``months`` calendar months (may be negative)."""
    return value + relativedelta(months=months)
