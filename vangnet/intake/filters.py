"""The list of all meldingen (issue 11): filters that combine, sort, paging, export.

Everything starts from ``access.policies.visible_meldingen`` (no break-the-glass:
emergency access is for one person, never for a list), so a filter can only
narrow what the user may see. Every filter is a plain SQL condition, also
"te laat" (``norms.cutoffs``), so counting and paging happen in the database and
a page costs the same few queries at 100 rows as at 100,000.

The views only bind the GET data, page and log; the rules are here.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import QueryDict
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
from vangnet.norms.cutoffs import overdue_before
from vangnet.norms.models import NormSettings
from vangnet.norms.workdays import local_zone
from vangnet.organisations.models import Gemeente, Team

from .models import Channel, ConcernCategory, MelderType, Melding, UrgencyIndicator, UrgencyRank

# Whitelisted sort keys (the ``sorteer`` parameter) -> ORDER BY. Every order ends on
# the primary key, so paging is stable. The deadline of the triage norm grows with
# received_at, so "oldest received first" is "earliest deadline first".
SORTS: dict[str, tuple[str, ...]] = {
    "urgentie": ("-urgency_rank", "received_at", "pk"),
    "-urgentie": ("urgency_rank", "-received_at", "-pk"),
    "ontvangen": ("received_at", "pk"),
    "-ontvangen": ("-received_at", "-pk"),
    "kenmerk": ("reference", "pk"),
    "-kenmerk": ("-reference", "-pk"),
    "gemeente": ("gemeente__name", "received_at", "pk"),
    "-gemeente": ("-gemeente__name", "received_at", "pk"),
    "status": ("status", "-urgency_rank", "received_at", "pk"),
    "-status": ("-status", "-urgency_rank", "received_at", "pk"),
}
DEFAULT_SORT = "urgentie"
SORT_CHOICES = [
    ("urgentie", _("Urgentste eerst, dan oudste (eerste deadline)")),
    ("-ontvangen", _("Nieuwste eerst")),
    ("ontvangen", _("Oudste eerst")),
    ("kenmerk", _("Kenmerk (oplopend)")),
    ("-kenmerk", _("Kenmerk (aflopend)")),
    ("gemeente", _("Gemeente (A-Z)")),
    ("-gemeente", _("Gemeente (Z-A)")),
    ("status", _("Status")),
    ("-status", _("Status (omgekeerd)")),
    ("-urgentie", _("Minst urgent eerst")),
]


class MeldingFilter(OrganisationListFilter):
    """The filters of the meldingen list. Choices that depend on the user (teams,
    casusregisseurs) are those of the user's own organisation."""

    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Melding.Status.choices, widget=forms.CheckboxSelectMultiple, method="_in"
    )
    urgentie = django_filters.TypedMultipleChoiceFilter(
        label=_("Urgentie"),
        choices=UrgencyRank.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        field_name="urgency_rank",
        method="_in",
    )
    te_laat = django_filters.BooleanFilter(
        label=_("Alleen te laat getrieerd (nog te triëren na de norm)"),
        widget=forms.CheckboxInput,
        method="_overdue",
    )
    gemeente = SafeModelMultipleChoiceFilter(
        label=_("Gemeente"), queryset=Gemeente.objects.all(), widget=forms.CheckboxSelectMultiple, method="_in"
    )
    kanaal = django_filters.MultipleChoiceFilter(
        label=_("Kanaal"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        field_name="channel",
        method="_in",
    )
    bron = django_filters.MultipleChoiceFilter(
        label=_("Soort melder (bron)"),
        choices=MelderType.choices,
        widget=forms.CheckboxSelectMultiple,
        field_name="melder_type",
        method="_in",
    )
    zorgen = SafeModelMultipleChoiceFilter(
        label=_("Zorgen"),
        queryset=ConcernCategory.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        method="_categories",
    )
    casusregisseur = SafeModelChoiceFilter(
        label=_("Casusregisseur"),
        queryset=User.objects.none(),
        field_name="casus__casusregisseur",
        empty_label=_("Alle"),
        method="_exact",
    )
    team = SafeModelChoiceFilter(
        label=_("Team"), queryset=Team.objects.none(), field_name="casus__team", empty_label=_("Alle"), method="_exact"
    )
    van = django_filters.DateFilter(label=_("Ontvangen vanaf"), widget=date_input(), method="_period")
    tot = django_filters.DateFilter(label=_("Ontvangen tot en met"), widget=date_input(), method="_period")
    sorteer = django_filters.ChoiceFilter(
        label=_("Sorteren op"), choices=SORT_CHOICES, empty_label=None, method="_no_filter"
    )

    class Meta:
        model = Melding
        fields: list[str] = []
        form = PeriodForm

    period_field = "received_at"

    @cached_property
    def norm_settings(self) -> NormSettings:
        """The norm settings, read once for the filter and the rows of the page."""
        return NormSettings.current()

    # --- the filter methods: each one SQL condition ---------------------------

    def _categories(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return qs
        through = Melding.categories.through.objects.filter(concerncategory__in=value)
        return qs.filter(pk__in=through.values("melding_id"))

    def _overdue(self, qs: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return qs
        return overdue_triage_filter(qs, self.now, self.norm_settings)


def overdue_triage_filter(qs: QuerySet, now: datetime, norms: NormSettings) -> QuerySet:
    """Still te triëren after the triage norm: the same as ``norms.services.is_triage_overdue``."""
    return qs.filter(status=Melding.Status.TE_TRIEREN, received_at__lt=overdue_before(now, norms.triage_workdays))


def page_rows(user: Any, ids: "list[int] | QuerySet", order: Sequence[str] | None = None) -> list[Melding]:
    """The meldingen of one page (or an export) with everything the rows show, in the
    order of ``ids``. The database sorts and pages narrow rows and joins only for the
    rows shown. ``ids``: a list (an export), or a page's sliced id queryset with its
    ``order`` (``SORTS``): then the ids are a LIMIT subquery of the rows query and the
    rows are sorted again by the same keys (which end on the pk), one query less."""
    rows = (
        Melding.objects.filter(pk__in=ids)
        .select_related("gemeente", "person", "casus__casusregisseur", "casus__team")
        .prefetch_related(Prefetch("categories", queryset=ConcernCategory.objects.order_by("order", "label")))
        .annotate(via_membership=Exists(Melding.objects.filter(pk=OuterRef("pk"), casus__members__user=user)))
    )
    if order is not None:
        return list(rows.order_by(*order))
    by_id = {m.pk: m for m in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def meldingen_list(user: Any, data: QueryDict, *, now: datetime | None = None) -> tuple[MeldingFilter, QuerySet | None]:
    """The filter (bound to ``data``) and the sorted meldingen (page their ids, then
    ``page_rows``), or None when the filters are invalid: then nothing is shown and
    the form says what to fix."""
    filterset = MeldingFilter(data, policies.visible_meldingen(user, include_break_glass=False), user=user, now=now)
    if not filterset.is_valid():
        return filterset, None
    sort = filterset.form.cleaned_data.get("sorteer") or DEFAULT_SORT
    return filterset, filterset.qs.order_by(*SORTS[sort])


def current_sort(filterset: MeldingFilter) -> str:
    data = getattr(filterset.form, "cleaned_data", {})
    return data.get("sorteer") or DEFAULT_SORT


def list_reads(user: Any, meldingen: Iterable[Melding]) -> list[ListRead]:
    """The read row of each melding shown, each with its own basis (``list_basis``),
    so a page is one ``log_list_access``: one chain append, not one per basis."""
    return [ListRead(ObjectType.MELDING, list_basis(user, m), melding=m) for m in meldingen]


def list_basis(user: Any, melding: Melding) -> str:
    """Why the user sees this row: the same answer as ``policies.melding_access_basis``
    for the list's roles (meldpunt, teamleider), from the row's own columns."""
    if melding.meldpunt_id == user.organisation_id:
        return policies.BASIS_MELDPUNT
    if getattr(melding, "via_membership", False):
        return policies.BASIS_MEMBER
    return policies.BASIS_ORGANISATION


CSV_HEADER = (
    _("Kenmerk"),
    _("Ontvangen op"),
    _("Status"),
    _("Urgentie"),
    _("Urgentie-signalen"),
    _("Gemeente"),
    _("Kanaal"),
    _("Soort melder"),
    _("Zorgen"),
    _("Betrokkene"),
    _("Casus"),
    _("Casusregisseur"),
    _("Triëren uiterlijk"),
    _("Te laat"),
)


def _labels(choices: Any) -> dict[Any, str]:
    return {value: str(label) for value, label in choices}


def csv_rows(meldingen: Iterable[Any]) -> list[list[Any]]:
    """One row per melding (``annotate_triage`` has set the deadline). The labels are
    translated once per export, not per row (an export holds up to 10,000 rows)."""
    status, rank = _labels(Melding.Status.choices), _labels(UrgencyRank.choices)
    channel, melder = _labels(Channel.choices), _labels(MelderType.choices)
    signals = _labels(UrgencyIndicator.choices)
    yes, no = str(_("ja")), str(_("nee"))
    zone = local_zone()
    rows: list[list[Any]] = [[str(h) for h in CSV_HEADER]]
    for m in meldingen:
        casus = m.casus
        rows.append(
            [
                m.reference,
                m.received_at.astimezone(zone).strftime("%d-%m-%Y %H:%M"),
                status.get(m.status, m.status),
                rank.get(m.urgency_rank, ""),
                ", ".join(signals.get(code, code) for code in m.urgency_indicators or ()),
                m.gemeente.name if m.gemeente_id else "",
                channel.get(m.channel, m.channel),
                melder.get(m.melder_type, m.melder_type),
                ", ".join(c.label for c in m.categories.all()),
                m.betrokkene_name,
                casus.reference if casus else "",
                casus.casusregisseur.get_full_name() if casus else "",
                m.triage_deadline.astimezone(zone).strftime("%d-%m-%Y"),
                yes if m.triage_overdue else no,
            ]
        )
    return rows


# --- sortable column headers ---------------------------------------------------------

# (sort key, header); "urgentie" by itself means most urgent first.
SORTABLE_COLUMNS = (
    ("kenmerk", _("Kenmerk")),
    ("ontvangen", _("Ontvangen")),
    ("gemeente", _("Gemeente")),
    ("urgentie", _("Urgentie")),
    ("status", _("Status")),
)


def columns(filterset: MeldingFilter) -> dict[str, dict[str, str]]:
    return sort_columns(current_sort(filterset), SORTABLE_COLUMNS, descending=frozenset({"urgentie"}))
