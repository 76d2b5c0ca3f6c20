"""The monitor page and its exports (issue 13): aggregate figures, no personal data."""

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from vangnet.access import guards
from vangnet.audit.models import AccessLog
from vangnet.audit.services import ObjectType, log_access
from vangnet.middelen import policies as middelen_policies
from vangnet.monitor import exports, report
from vangnet.monitor.forms import MonitorForm
from vangnet.monitor.indicators import compute_indicators
from vangnet.monitor.policies import Scope, can_view_monitor, monitor_scope, sees_exact_figures
from vangnet.network import policies as network_policies
from vangnet.procesregie import policies as procesregie_policies
from vangnet.wvggz import policies as wvggz_policies


def _allowed(request: HttpRequest) -> None:
    if not can_view_monitor(request.user):
        guards.log_role_refusal(request)
        raise PermissionDenied


def _figures(
    request: HttpRequest, scope: Scope
) -> tuple[MonitorForm, tuple[date, date] | None, dict | None, dict[str, str]]:
    """The form, the period, the figures and the zorgen's labels (fetched with the figures)."""
    form = MonitorForm(request.GET or None, scope=scope)
    period = form.period()
    if period is None:
        return form, None, None, {}
    filters = form.cleaned_data if form.is_bound else {}
    indicators = compute_indicators(
        *period, filters.get("gemeente"), scope=scope, team=filters.get("team"), bron=filters.get("bron") or None
    )
    return form, period, indicators.as_dict(), indicators.zorg_labels


def _figure_pages(user: Any) -> list[tuple[str, str]]:
    pages = [
        (wvggz_policies.can_view_figures, "wvggz:figures", _("Cijfers Wvggz")),
        (network_policies.can_view_figures, "network:figures", _("Cijfers netwerk")),
        (procesregie_policies.can_view_figures, "procesregie:figures", _("Cijfers procesregie")),
        (middelen_policies.can_view_waiting_times, "middelen:figures", _("Wachttijden vervolgplekken")),
    ]
    return [(reverse(name), text) for allowed, name, text in pages if allowed(user)]


@login_required
def monitor(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    scope = monitor_scope(request.user)
    form, period, data, zorg_labels = _figures(request, scope)
    exact = sees_exact_figures(request.user)
    if data is not None:
        detail = "monitor (geaggregeerd)" if exact else "monitor (geaggregeerd, kleine aantallen onderdrukt)"
        log_access(request, AccessLog.Action.READ, object_type=ObjectType.CIJFERS, detail=detail)
    return render(
        request,
        "monitor/monitor.html",
        {
            "form": form,
            "data": data,
            "period": period,
            "exact": exact,
            "bron_label": report.bron_label(data["bron"]) if data else "",
            "no_werkgebied": scope.gemeente_ids == (),
            "sections": report.sections(data, suppressed=not exact, zorg_labels=zorg_labels) if data else [],
            "figure_pages": _figure_pages(request.user),
            "query": request.GET.urlencode(),
        },
    )


def _export(request: HttpRequest, kind: str) -> tuple[list[exports.IndicatorRow], str] | HttpResponse:
    _allowed(request)
    form, _period, data, zorg_labels = _figures(request, monitor_scope(request.user))
    if data is None:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        return HttpResponse(" ".join(errors), status=400, content_type="text/plain; charset=utf-8")
    log_access(
        request,
        AccessLog.Action.EXECUTE,
        object_type=ObjectType.CIJFERS,
        detail=f"export monitor ({kind}, geaggregeerd, kleine aantallen onderdrukt)",
    )
    return report.export_rows(data, zorg_labels), f"vangnet-monitor-{data['van']}-{data['tot']}"


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    result = _export(request, "CSV")
    if isinstance(result, HttpResponse):
        return result
    rows, name = result
    response = HttpResponse(exports.csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    result = _export(request, "XLSX")
    if isinstance(result, HttpResponse):
        return result
    rows, name = result
    response = HttpResponse(
        exports.xlsx_bytes(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
