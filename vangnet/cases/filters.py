"""The list of all casussen (issue 11): filters that combine, sort, paging, export.

It starts from ``access.policies.visible_casussen`` without break-the-glass: a
teamleider sees the organisation's casussen (and those she is a member of), a
bemoeizorger or consultant the casussen she is a member of. "Mijn team" narrows
that to the casussen of the teams she belongs to; it never widens it. Every
filter is one SQL condition ("te laat" too, through ``norms.cutoffs``), so
counting and paging stay in the database.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, IntegerField, Max, Min, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from vangnet.access import policies
from vangnet.accounts.models import User
from vangnet.audit.models import ObjectType
from vangnet.audit.services import ListRead
from vangnet.core.list_filters import EXPORT_LIMIT as EXPORT_LIMIT
from vangnet.core.list_filters import PAGE_SIZE as PAGE_SIZE
from vangnet.core.list_filters import (
    OrganisationListFilter,
    PeriodForm,
    SafeModelChoiceFilter,
    SafeModelMultipleChoiceFilter,
    date_input,
    sort_columns,
)
from vangnet.intake.models import ConcernCategory, Melding, UrgencyRank
from vangnet.norms import services as norms
from vangnet.norms.cutoffs import overdue_before
from vangnet.norms.models import NormSettings
from vangnet.organisations.models import Gemeente, Team

from .models import CaseMember, Casus, ContactAttempt, Phase

# Whitelisted sort keys -> ORDER BY, each ending on the primary key (stable pages).
# The first-attempt deadline grows with opened_at: "oldest first" is "earliest deadline first".
SORTS: dict[str, tuple[str, ...]] = {
    "urgentie": ("-urgency", "opened_at", "pk"),
    "-urgentie": ("urgency", "-opened_at", "-pk"),
    "gestart": ("opened_at", "pk"),
    "-gestart": ("-opened_at", "-pk"),
    "kenmerk": ("reference", "pk"),
    "-kenmerk": ("-reference", "-pk"),
    "fase": ("phase", "-urgency", "opened_at", "pk"),
    "-fase": ("-phase", "-urgency", "opened_at", "pk"),
    "regisseur": ("casusregisseur__last_name", "casusregisseur__first_name", "opened_at", "pk"),
    "-regisseur": ("-casusregisseur__last_name", "-casusregisseur__first_name", "opened_at", "pk"),
}
DEFAULT_SORT = "urgentie"
SORT_CHOICES = [
    ("urgentie", _("Urgentste eerst, dan oudste (eerste deadline)")),
    ("-gestart", _("Nieuwste eerst")),
    ("gestart", _("Oudste eerst")),
    ("kenmerk", _("Kenmerk (oplopend)")),
    ("-kenmerk", _("Kenmerk (aflopend)")),
    ("fase", _("Fase")),
    ("-fase", _("Fase (omgekeerd)")),
    ("regisseur", _("Casusregisseur (A-Z)")),
    ("-regisseur", _("Casusregisseur (Z-A)")),
    ("-urgentie", _("Minst urgent eerst")),
]
SORTABLE_COLUMNS = (
    ("kenmerk", _("Kenmerk")),
    ("gestart", _("Gestart")),
    ("fase", _("Fase")),
    ("regisseur", _("Casusregisseur")),
    ("urgentie", _("Urgentie")),
)

SCOPE_REGIE = "regie"
SCOPE_TEAM = "team"
SCOPE_CHOICES = [
    (SCOPE_REGIE, _("Waar ik casusregisseur ben")),
    (SCOPE_TEAM, _("Van mijn team(s)")),
]


class CasusFilter(OrganisationListFilter):
    wie = django_filters.ChoiceFilter(
        label=_("Welke casussen"), choices=SCOPE_CHOICES, empty_label=_("Alle die ik mag zien"), method="_scope"
    )
    fase = django_filters.MultipleChoiceFilter(
        label=_("Fase"), choices=Phase.choices, widget=forms.CheckboxSelectMultiple, field_name="phase", method="_in"
    )
    te_laat = django_filters.BooleanFilter(
        label=_("Alleen eerste contactpoging te laat"), widget=forms.CheckboxInput, method="_overdue"
    )
    urgentie = django_filters.TypedMultipleChoiceFilter(
        label=_("Urgentie (urgentste melding)"),
        choices=UrgencyRank.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        field_name="urgency",
        method="_in",
    )
    casusregisseur = SafeModelChoiceFilter(
        label=_("Casusregisseur"), queryset=User.objects.none(), empty_label=_("Alle"), method="_exact"
    )
    team = SafeModelChoiceFilter(label=_("Team"), queryset=Team.objects.none(), empty_label=_("Alle"), method="_exact")
    gemeente = SafeModelMultipleChoiceFilter(
        label=_("Gemeente (van een melding)"),
        queryset=Gemeente.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        method="_gemeente",
    )
    zorgen = SafeModelMultipleChoiceFilter(
        label=_("Zorgen (in een melding)"),
        queryset=ConcernCategory.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        method="_categories",
    )
    van = django_filters.DateFilter(label=_("Gestart vanaf"), widget=date_input(), method="_period")
    tot = django_filters.DateFilter(label=_("Gestart tot en met"), widget=date_input(), method="_period")
    sorteer = django_filters.ChoiceFilter(
        label=_("Sorteren op"), choices=SORT_CHOICES, empty_label=None, method="_no_filter"
    )

    class Meta:
        model = Casus
        fields: list[str] = []
        form = PeriodForm

    period_field = "opened_at"

    @cached_property
    def norm_settings(self) -> NormSettings:
        """The norm settings, read once for the filter and the rows of the page."""
        return NormSettings.current()

    def _scope(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        if value == SCOPE_REGIE:
            return qs.filter(casusregisseur=self.user)
        if value == SCOPE_TEAM:
            return qs.filter(team__in=Team.objects.filter(members=self.user).values("pk"))
        return qs

    def _gemeente(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return qs
        return qs.filter(pk__in=Melding.objects.filter(gemeente__in=value).values("casus_id"))

    def _categories(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return qs
        through = Melding.categories.through.objects.filter(concerncategory__in=value)
        return qs.filter(pk__in=through.values("melding__casus_id"))

    def _overdue(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        return overdue_first_attempt_filter(qs, self.now, self.norm_settings) if value else qs


def overdue_first_attempt_filter(qs: QuerySet, now: datetime, settings: NormSettings) -> QuerySet:
    """Open, no contact attempt at all, past the norm: ``norms.services.is_first_attempt_overdue`` in SQL."""
    return (
        norms.without_attempts(qs)
        .exclude(phase=Phase.AFGESLOTEN)
        .filter(opened_at__lt=overdue_before(now, settings.first_attempt_workdays))
    )


def _list_queryset(user: Any) -> QuerySet:
    visible = policies.visible_casussen(user, include_break_glass=False)
    most_urgent = Melding.objects.filter(casus=OuterRef("pk")).order_by("-urgency_rank").values("urgency_rank")[:1]
    return Casus.objects.filter(pk__in=visible.values("pk")).annotate(
        urgency=Coalesce(Subquery(most_urgent, output_field=IntegerField()), Value(0))
    )


def page_rows(user: Any, ids: "list[int] | QuerySet", order: Sequence[str] | None = None) -> list[Casus]:
    """The casussen of one page (or an export) with what the rows show, in the order of
    ``ids`` (sorted and paged as narrow rows first, joined only for the rows shown).
    ``ids``: a list (an export), or a page's sliced id queryset with its ``order``
    (``SORTS``): then the ids are a LIMIT subquery of this query and the rows are
    sorted again by the same keys (which end on the pk), one query less; the page's
    first and last counting attempt come along (``rows``), one probe of the partial
    index ``attempt_counting_at`` per row shown."""
    most_urgent = Melding.objects.filter(casus=OuterRef("pk")).order_by("-urgency_rank").values("urgency_rank")[:1]
    qs = (
        Casus.objects.filter(pk__in=ids)
        .select_related("person", "casusregisseur", "team")
        .annotate(
            urgency=Coalesce(Subquery(most_urgent, output_field=IntegerField()), Value(0)),
            is_member=Exists(CaseMember.objects.filter(casus=OuterRef("pk"), user=user)),
        )
    )
    if order is not None:
        counting = ContactAttempt.objects.counting().filter(casus=OuterRef("pk"))
        qs = qs.annotate(
            listed_first_attempt_at=Subquery(counting.order_by("at").values("at")[:1]),
            listed_last_attempt_at=Subquery(counting.order_by("-at").values("at")[:1]),
        )
        return list(qs.order_by(*order))
    by_id = {c.pk: c for c in qs}
    return [by_id[pk] for pk in ids if pk in by_id]


def casussen_list(user: Any, data: QueryDict, *, now: datetime | None = None) -> tuple[CasusFilter, QuerySet | None]:
    """The filter (bound to ``data``) and the sorted casussen, or None when a filter is invalid."""
    filterset = CasusFilter(data, _list_queryset(user), user=user, now=now)
    if not filterset.is_valid():
        return filterset, None
    return filterset, filterset.qs.order_by(*SORTS[current_sort(filterset)])


def current_sort(filterset: CasusFilter) -> str:
    return getattr(filterset.form, "cleaned_data", {}).get("sorteer") or DEFAULT_SORT


def columns(filterset: CasusFilter) -> dict[str, dict[str, str]]:
    return sort_columns(current_sort(filterset), SORTABLE_COLUMNS, descending=frozenset({"urgentie"}))


def rows(casussen: Iterable[Any], now: datetime | None = None, settings: NormSettings | None = None) -> list[Any]:
    """The shown casussen with their contact facts and norm status (the facts come with
    ``page_rows`` of a page; otherwise in one extra query)."""
    now = now or timezone.now()
    settings = settings or NormSettings.current()
    shown = list(casussen)
    facts: dict[int, Any] = {}
    if shown and not hasattr(shown[0], "listed_first_attempt_at"):  # page_rows of a page brought them
        facts = {
            f["casus_id"]: f
            for f in ContactAttempt.objects.counting()
            .filter(casus__in=[c.pk for c in shown])
            .values("casus_id")
            .annotate(first=Min("at"), last=Max("at"))
        }
    for casus in shown:
        fact: Any = facts.get(casus.pk) or {}
        casus.first_attempt_at = getattr(casus, "listed_first_attempt_at", fact.get("first"))
        casus.last_attempt_at = getattr(casus, "listed_last_attempt_at", fact.get("last"))
        casus.first_attempt_deadline = norms.first_attempt_deadline(casus, settings)
        casus.first_attempt_status = norms.first_attempt_status(casus, now, settings)
        casus.first_attempt_label = norms.FIRST_ATTEMPT_LABELS[casus.first_attempt_status]
        casus.first_attempt_overdue = casus.first_attempt_status == norms.FirstAttemptStatus.OVERDUE
        casus.urgency_label = UrgencyRank(casus.urgency).label
    return shown


def list_basis(user: Any, casus: Casus) -> str:
    """Why the user sees this row: ``policies.casus_access_basis`` without break-the-glass."""
    return policies.BASIS_MEMBER if getattr(casus, "is_member", False) else policies.BASIS_ORGANISATION


def list_reads(user: Any, casussen: Iterable[Casus]) -> list[ListRead]:
    """The read row of each casus shown, each with its own basis (``list_basis``),
    so a page is one ``log_list_access``: one chain append, not one per basis."""
    return [ListRead(ObjectType.CASUS, list_basis(user, c), casus=c) for c in casussen]


CSV_HEADER = (
    _("Kenmerk"),
    _("Persoon"),
    _("Fase"),
    _("Casusregisseur"),
    _("Team"),
    _("Gestart op"),
    _("Urgentie"),
    _("Eerste contactpoging"),
    _("Laatste contactpoging"),
    _("Te laat"),
)


def csv_rows(casussen: Iterable[Any]) -> list[list[Any]]:
    out: list[list[Any]] = [[str(h) for h in CSV_HEADER]]
    for c in casussen:
        out.append(
            [
                c.reference,
                c.person.display_name,
                c.get_phase_display(),
                c.casusregisseur.get_full_name(),
                c.team.name if c.team_id else "",
                timezone.localtime(c.opened_at).strftime("%d-%m-%Y"),
                str(c.urgency_label),
                str(c.first_attempt_label),
                timezone.localtime(c.last_attempt_at).strftime("%d-%m-%Y") if c.last_attempt_at else "",
                str(_("ja")) if c.first_attempt_overdue else str(_("nee")),
            ]
        )
    return out
