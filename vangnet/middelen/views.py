"""The means page of a casus: the inzet and the waiting lists as cards, with the
forms to add them and to record a placement. Thin: guarded fetch, form, service."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.access import guards
from vangnet.accounts import roles
from vangnet.audit.services import Action, AuditContext, ObjectType, log_access
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import policies as middelen_policies
from . import services
from .forms import InzetForm, PlacementForm, WachtlijstForm
from .models import WachtlijstStatus


def _page(
    request: HttpRequest,
    casus: Any,
    *,
    inzet_form: InzetForm | None = None,
    wachtlijst_form: WachtlijstForm | None = None,
    placement_form: PlacementForm | None = None,
) -> HttpResponse:
    can_record = middelen_policies.can_record_middelen(request.user, casus) and casus.is_open
    entries = services.waiting_list(casus)
    rows = []
    for entry in entries:
        form = None
        if can_record and entry.status == WachtlijstStatus.WACHTEND:
            form = placement_form if placement_form is not None and placement_form.entry.pk == entry.pk else None
            form = form or PlacementForm(entry=entry)
        rows.append((entry, form))
    return render(
        request,
        "middelen/overview.html",
        {
            "casus": casus,
            "inzet": services.inzet_list(casus),
            "entries": rows,
            "can_record": can_record,
            "inzet_form": inzet_form or (InzetForm(casus=casus) if can_record else None),
            "wachtlijst_form": wachtlijst_form or (WachtlijstForm() if can_record else None),
        },
    )


def _overview_url(casus: Any) -> str:
    return reverse("middelen:overview", args=[casus.pk])


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET"])
def overview(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus, _basis = guards.fetch(
        request, "casus", casus_pk, allow=middelen_policies.can_view_middelen, detail="middelen bekeken"
    )
    return _page(request, casus)


def _fetch_for_work(request: HttpRequest, casus_pk: int, detail: str) -> Any:
    casus, _basis = guards.fetch(
        request,
        "casus",
        casus_pk,
        allow=middelen_policies.can_record_middelen,
        allow_break_glass=False,
        detail=detail,
    )
    return casus


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["POST"])
def inzet_add(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus = _fetch_for_work(request, casus_pk, "inzet vastleggen")
    form = InzetForm(request.POST, casus=casus)
    return form_post(
        request,
        form,
        lambda d: services.record_inzet(
            casus,
            kind=d["kind"],
            amount=d["amount"],
            purpose=d["purpose"],
            approved_by=d["approved_by"],
            spent_on=d["spent_on"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De inzet is vastgelegd."), _overview_url(casus)),
        render_invalid=lambda f: _page(request, casus, inzet_form=f),
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["POST"])
def wachtlijst_add(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus = _fetch_for_work(request, casus_pk, "op de wachtlijst zetten")
    form = WachtlijstForm(request.POST)
    return form_post(
        request,
        form,
        lambda d: services.put_on_waiting_list(
            casus,
            kind=d["kind"],
            provider=d["provider"],
            listed_on=d["listed_on"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De wachtlijstplaatsing is vastgelegd."), _overview_url(casus)),
        render_invalid=lambda f: _page(request, casus, wachtlijst_form=f),
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["POST"])
def placement(request: HttpRequest, pk: int) -> HttpResponse:
    entry, _basis = guards.fetch(
        request,
        "wachtlijst",
        pk,
        allow=middelen_policies.can_record_placement,
        allow_break_glass=False,
        detail="plaatsing vastleggen",
    )
    casus = entry.casus
    form = PlacementForm(request.POST, entry=entry)
    return form_post(
        request,
        form,
        lambda d: services.record_placement(
            entry,
            expected_version=d["version"],
            status=d["status"],
            placed_on=d["placed_on"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De uitkomst van de wachtlijst is vastgelegd."), _overview_url(casus)),
        render_invalid=lambda f: _page(request, casus, placement_form=f),
        invalid_status=FORM_PAGE_STATUS,
        record=entry,
    )


@guards.role_required(roles.Role.TEAMLEIDER)
@require_http_methods(["GET"])
def figures(request: HttpRequest) -> HttpResponse:
    """Waiting times per kind of place for the teamleider's organisation: counts and
    medians only, no persons. Placements counted over the last year."""
    user: Any = request.user
    if not middelen_policies.can_view_waiting_times(user):
        raise PermissionDenied
    today = timezone.localdate()
    period = (today - timedelta(days=365), today)
    figs = services.waiting_times(user.organisation, period)
    log_access(request, Action.READ, object_type=ObjectType.CIJFERS, detail="wachttijden vervolgplekken (geaggregeerd)")
    return render(
        request,
        "middelen/figures.html",
        {"figs": figs, "period": period, "organisation": user.organisation},
    )
