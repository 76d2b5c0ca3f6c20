"""The retention pages: the dry-run report and its release, holds, the run log.
Kinds, references, dates and counts only, never a name or a text of a record."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.access import guards
from vangnet.accounts import roles
from vangnet.audit.services import Action, AuditContext, ObjectType, log_access
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import policies as bewaren_policies
from . import services
from .forms import HoldForm, LiftForm, ReleaseForm
from .models import RetentionReport, RetentionRun


@guards.role_required(*roles.PRIVACY_OFFICERS)
@require_http_methods(["GET"])
def report(request: HttpRequest) -> HttpResponse:
    latest = services.latest_report()
    items = list(latest.items.all()) if latest else []
    if latest is not None:
        log_access(
            request,
            Action.READ,
            object_type=ObjectType.BEWAARRAPPORT,
            detail=f"bewaarrapport {latest.day:%Y-%m-%d} bekeken",
            reason=bewaren_policies.BASIS_PRIVACY,
        )
    return render(
        request,
        "bewaren/report.html",
        {
            "report": latest,
            "items": items,
            "counts": services.report_counts(latest) if latest else [],
            "removable": sum(1 for i in items if i.removable),
            "can_release": latest is not None and latest.status == RetentionReport.Status.CONCEPT,
        },
    )


@guards.role_required(*roles.PRIVACY_OFFICERS)
@require_http_methods(["GET", "POST"])
def release(request: HttpRequest, pk: int) -> HttpResponse:
    found = RetentionReport.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    report_: RetentionReport = found
    if request.method == "GET":
        log_access(
            request,
            Action.READ,
            object_type=ObjectType.BEWAARRAPPORT,
            detail=f"bewaarrapport {report_.day:%Y-%m-%d}: vrijgave bekeken",
            reason=bewaren_policies.BASIS_PRIVACY,
        )
    form = ReleaseForm(request.POST if request.method == "POST" else None)

    def page(form: ReleaseForm) -> HttpResponse:
        return render(
            request,
            "bewaren/release.html",
            {"report": report_, "form": form, "counts": services.report_counts(report_)},
        )

    return form_post(
        request,
        form,
        lambda d: services.release_report(report_, by=request.user, context=AuditContext.from_request(request)),
        success=(
            _("Het bewaarrapport is vrijgegeven. De dagelijkse taak verwijdert de gegevens bij de volgende ronde."),
            reverse("bewaren:report"),
        ),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.PRIVACY_OFFICERS, roles.Role.TEAMLEIDER)
@require_http_methods(["GET", "POST"])
def holds(request: HttpRequest) -> HttpResponse:
    form = HoldForm(request.POST if request.method == "POST" else None)
    context = AuditContext.from_request(request)

    def page(form: HoldForm) -> HttpResponse:
        return render(request, "bewaren/holds.html", {"form": form, "holds": services.holds_for(request.user)})

    return form_post(
        request,
        form,
        lambda d: services.place_hold(
            services.find_hold_record(d["kind"], d["reference"], by=request.user, context=context),
            reason=d["reason"],
            by=request.user,
            context=context,
        ),
        success=lambda hold: (
            _("De bewaarblokkade op %(ref)s is geplaatst.") % {"ref": hold.reference},
            reverse("bewaren:holds"),
        ),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.PRIVACY_OFFICERS, roles.Role.TEAMLEIDER)
@require_http_methods(["GET", "POST"])
def hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    hold, _basis = guards.fetch(request, "bewaarblokkade", pk, detail="bewaarblokkade opheffen")
    form = LiftForm(request.POST if request.method == "POST" else None, initial={"version": hold.version})

    def page(form: LiftForm) -> HttpResponse:
        return render(request, "bewaren/hold_lift.html", {"hold": hold, "form": form})

    return form_post(
        request,
        form,
        lambda d: services.lift_hold(
            hold,
            reason=d["reason"],
            by=request.user,
            expected_version=d.get("version") or hold.version,
            context=AuditContext.from_request(request),
        ),
        success=(_("De bewaarblokkade op %(ref)s is opgeheven.") % {"ref": hold.reference}, reverse("bewaren:holds")),
        render_invalid=page,
        record=hold,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.PRIVACY_OFFICERS)
@require_http_methods(["GET"])
def runs(request: HttpRequest) -> HttpResponse:
    rows = list(RetentionRun.objects.select_related("report")[:50])
    return render(request, "bewaren/runs.html", {"runs": rows})


@guards.role_required(*roles.PRIVACY_OFFICERS)
@require_http_methods(["GET"])
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = RetentionRun.objects.filter(pk=pk).select_related("report").first()
    if run is None:
        raise Http404
    log_access(
        request,
        Action.READ,
        object_type=ObjectType.VERWIJDERRONDE,
        detail=f"verwijderronde {run.pk} bekeken",
        reason=bewaren_policies.BASIS_PRIVACY,
    )
    return render(request, "bewaren/run_detail.html", {"run": run, "removals": list(run.removals.all())})
