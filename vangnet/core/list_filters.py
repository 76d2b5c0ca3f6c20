"""Building blocks of the full lists with filters (issue 11): a GET filter form
with a plausible period, choice fields that never turn a wild id into a 500,
and sortable column headers from a whitelist. The lists themselves live in
``intake/filters.py`` and ``cases/filters.py``."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from vangnet.norms.workdays import start_of_day

PAGE_SIZE = 25
# An export is for a report or a check, not a copy of the register: at most this many rows.
EXPORT_LIMIT = 10_000
# Counting every visible row of a region costs more than the page itself, and past
# the export limit the exact number helps nobody (the page says: refine the filter).
COUNT_LIMIT = EXPORT_LIMIT
# A period filter before this day is a typing error (Vangnet holds nothing older).
EARLIEST_DATE = date(2000, 1, 1)
# The largest id a database key can hold; anything else is not a choice.
MAX_ID = 2**63 - 1


def plausible_date(value: date | None, *, latest: date) -> None:
    if value is None:
        return
    if value < EARLIEST_DATE:
        raise forms.ValidationError(_("Kies een datum na 1 januari 2000."), code="too_early")
    if value > latest:
        raise forms.ValidationError(
            _("Kies een datum tot en met %(latest)s."), code="too_late", params={"latest": latest.strftime("%d-%m-%Y")}
        )


class PeriodForm(forms.Form):
    """A filter form with a period ``van``-``tot``: plausible dates, van not after tot."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        for name, latest in (("van", today), ("tot", today + timedelta(days=366))):
            if data.get(name):
                try:
                    plausible_date(data[name], latest=latest)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        van, tot = data.get("van"), data.get("tot")
        if van and tot and van > tot and "tot" not in self.errors and "van" not in self.errors:
            self.add_error("tot", forms.ValidationError(_("De einddatum ligt vóór de begindatum."), code="order"))
        return data


def date_input() -> forms.DateInput:
    # type=date sends ISO (2026-02-28); typed by hand a Dutch 28-02-2026 is understood too.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def period_bounds(van: date | None, tot: date | None) -> tuple[datetime | None, datetime | None]:
    """Local whole days as aware moments: [start of van, start of the day after tot)."""
    return (
        start_of_day(van) if van else None,
        start_of_day(tot + timedelta(days=1)) if tot else None,
    )


def _check_ids(values: Any, message: str) -> None:
    for value in values if isinstance(values, (list, tuple)) else [values]:
        if value in (None, ""):
            continue
        text = str(value).strip()
        if not text.isdigit() or not 0 < int(text) <= MAX_ID:
            raise forms.ValidationError(message, code="invalid_choice", params={"value": text[:40]})


class SafeModelChoiceField(django_filters.fields.ModelChoiceField):
    """A wild id (letters, minus, beyond a 64-bit key) is "not a choice", never a database error."""

    def to_python(self, value: Any) -> Any:
        _check_ids(value, self.error_messages["invalid_choice"])
        return super().to_python(value)


class SafeModelMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        _check_ids(list(value), self.error_messages["invalid_choice"])
        return super()._check_values(value)


class SafeModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SafeModelChoiceField


class SafeModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = SafeModelMultipleChoiceField


def sort_columns(
    current: str, columns: Iterable[tuple[str, Any]], descending: frozenset[str] = frozenset()
) -> dict[str, dict[str, str]]:
    """Per column key: the key its header link sorts by next, and its aria-sort state.
    A key in ``descending`` means "highest first" by itself (urgentie)."""
    out = {}
    for key, label in columns:
        if current in (key, f"-{key}"):
            flipped = current.startswith("-")
            if key in descending:
                state = "ascending" if flipped else "descending"
            else:
                state = "descending" if flipped else "ascending"
            following = key if flipped else f"-{key}"
        else:
            state, following = "none", key
        out[key] = {"label": str(label), "next": following, "state": state}
    return out


class OrganisationListFilter(django_filters.FilterSet):
    """What the full lists' filter sets share: the acting user and "now", the
    casusregisseur and team choices of her own organisation, and the plain
    filter methods. A subclass declares ``casusregisseur`` and ``team`` filters
    and names the date its period filters (``period_field``)."""

    period_field = ""

    def __init__(self, data: QueryDict | None, queryset: QuerySet, *, user: Any, now: datetime | None = None):
        from vangnet.accounts import roles
        from vangnet.accounts.models import User
        from vangnet.organisations.models import Team

        super().__init__(data, queryset=queryset)
        self.user = user
        self.now = now or timezone.now()
        org: Any = user.organisation_id
        self.filters["casusregisseur"].queryset = User.objects.filter(
            organisation_id=org, role__in=roles.CASE_WORKERS
        ).order_by("first_name", "last_name", "pk")
        self.filters["team"].queryset = (
            Team.objects.filter(organisation_id=org).select_related("organisation").order_by("name")
        )

    def _in(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return qs.filter(**{f"{name}__in": value}) if value else qs

    def _exact(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return qs.filter(**{name: value}) if value else qs

    def _period(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        start, end = period_bounds(value if name == "van" else None, value if name == "tot" else None)
        if start:
            qs = qs.filter(**{f"{self.period_field}__gte": start})
        if end:
            qs = qs.filter(**{f"{self.period_field}__lt": end})
        return qs

    def _no_filter(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return qs


class CappedPaginator(Paginator):
    """A Paginator whose count stops at ``COUNT_LIMIT``: ``capped`` says there are more.

    The count drops the ORDER BY (a sorted LIMIT would sort every row first), so
    the database stops after COUNT_LIMIT + 1 matching rows."""

    @cached_property
    def _probe(self) -> int:
        rows = self.object_list
        if not isinstance(rows, QuerySet):  # a plain list: nothing to save
            return len(rows)
        return rows.order_by()[: COUNT_LIMIT + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._probe, COUNT_LIMIT)

    @property
    def capped(self) -> bool:
        return self._probe > COUNT_LIMIT
