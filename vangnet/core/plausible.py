"""Plausible dates and moments: the one set of rules every service uses.

A date a worker types is checked against what it must follow (the melding's
arrival, the casus start, the person's birth) and against now, with a small
tolerance for clocks that differ. Services call these and raise
``ValidationError``s keyed by the form field, so ``add_service_errors`` puts
the Dutch message next to the field.

Why here, not in one feature app: cases, network, followups, wvggz, inbeeld and
intake all check dates, and feature apps do not import each other's modules."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Phones and servers disagree by a minute or two; a few minutes is not "the future".
FUTURE_TOLERANCE = timedelta(minutes=5)
# No living person in the register was born before this day.
EARLIEST_BIRTH = date(1900, 1, 1)
# How far ahead a planned day may lie (an intake, a follow-up): a year and a bit.
PLANNING_HORIZON = timedelta(days=400)


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _shown(value: date | datetime) -> str:
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return date_format(local, "j F Y H:i")
    return date_format(value, "j F Y")


def _error(field: str, message: str, code: str, **params: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def check_moment(
    value: datetime,
    *,
    field: str,
    not_before: datetime | date | None = None,
    not_before_label: str = "",
) -> None:
    """A moment that has happened: not in the future (beyond the tolerance) and
    not before ``not_before`` (e.g. the casus start), named by ``not_before_label``
    ("de start van de casus")."""
    if value > timezone.now() + FUTURE_TOLERANCE:
        raise _error(field, _("Dit tijdstip ligt in de toekomst. Vul in wanneer het was."), "future")
    if not_before is not None and _is_before(value, not_before):
        raise _error(
            field,
            _("Dit tijdstip ligt vóór %(label)s (%(earliest)s)."),
            "before_start",
            label=not_before_label,
            earliest=_shown(not_before),
        )


def check_past_day(
    value: date,
    *,
    field: str,
    not_before: date | datetime | None = None,
    not_before_label: str = "",
) -> None:
    """A day that has happened: not after today, not before ``not_before``."""
    if value > timezone.localdate():
        raise _error(field, _("Deze datum ligt in de toekomst."), "future")
    if not_before is not None and value < _day(not_before):
        raise _error(
            field,
            _("Deze datum ligt vóór %(label)s (%(earliest)s)."),
            "before_start",
            label=not_before_label,
            earliest=_shown(_day(not_before)),
        )


def check_planned_day(
    value: date,
    *,
    field: str,
    not_before: date | datetime | None = None,
    not_before_label: str = "",
    horizon: timedelta = PLANNING_HORIZON,
) -> None:
    """A day that may lie ahead (a planned intake), but not years ahead."""
    latest = timezone.localdate() + horizon
    if value > latest:
        raise _error(
            field, _("Deze datum ligt te ver in de toekomst (na %(latest)s)."), "too_far", latest=_shown(latest)
        )
    if not_before is not None and value < _day(not_before):
        raise _error(
            field,
            _("Deze datum ligt vóór %(label)s (%(earliest)s)."),
            "before_start",
            label=not_before_label,
            earliest=_shown(_day(not_before)),
        )


def check_birth_date(value: date, *, field: str) -> None:
    """A date of birth: not in the future and not before 1900."""
    if value > timezone.localdate():
        raise _error(field, _("De geboortedatum kan niet in de toekomst liggen."), "future")
    if value < EARLIEST_BIRTH:
        raise _error(field, _("De geboortedatum kan niet vóór 1900 liggen."), "too_early")


def _is_before(value: datetime, earliest: datetime | date) -> bool:
    if isinstance(earliest, datetime):
        return value < earliest
    return _day(value) < earliest
