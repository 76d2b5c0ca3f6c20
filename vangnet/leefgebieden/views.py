"""The pages of the life-domain picture: the casus' pictures with the trend per
domain, a new picture, and correcting one. Thin: guarded fetch, form, service."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.access import guards
from vangnet.accounts import roles
from vangnet.audit.services import AuditContext
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import charts, services
from . import policies as leefgebieden_policies
from .forms import AssessmentForm


def _short_day(day: date) -> str:
    return date_format(day, "j-n-Y")


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET"])
def overview(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus, basis = guards.fetch(
        request, "casus", casus_pk, allow=leefgebieden_policies.can_view_leefgebieden, detail="leefgebieden bekeken"
    )
    pictures = services.pictures(casus)
    labels = services.scale_labels()
    trends = []
    for trend in services.trend(casus):
        days = [_short_day(p.day) for p in trend.points]
        chart = (
            charts.trend_chart(trend.label, days, [p.score for p in trend.points])
            if trend.has_scores and len(trend.points) > 1
            else None
        )
        rows = [
            (day, p.score, labels.get(p.score, "") if p.score else "")
            for day, p in zip(days, trend.points, strict=True)
        ]
        trends.append({"trend": trend, "chart": chart, "rows": rows, "scores": [p.score for p in trend.points]})
    return render(
        request,
        "leefgebieden/overview.html",
        {
            "casus": casus,
            "basis": basis,
            "pictures": pictures,
            "latest": pictures[0] if pictures else None,
            "latest_rows": services.picture_rows(pictures[0], labels) if pictures else [],
            "labels": labels,
            "trends": trends,
            "can_edit": leefgebieden_policies.can_edit_leefgebieden(request.user, casus),
        },
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def picture_add(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus, _basis = guards.fetch(
        request,
        "casus",
        casus_pk,
        allow=leefgebieden_policies.can_edit_leefgebieden,
        allow_break_glass=False,
        detail="leefgebiedenbeeld vastleggen",
    )
    form = AssessmentForm(request.POST if request.method == "POST" else None)

    def page(form: AssessmentForm) -> HttpResponse:
        return render(request, "leefgebieden/picture_form.html", {"casus": casus, "form": form, "assessment": None})

    return form_post(
        request,
        form,
        lambda d: services.record_picture(
            casus,
            assessed_on=d["assessed_on"],
            scores=form.scores(),
            note=d["note"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("Het leefgebiedenbeeld is vastgelegd."), reverse("leefgebieden:overview", args=[casus.pk])),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def picture_correct(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _basis = guards.fetch(
        request,
        "leefgebiedenbeeld",
        pk,
        allow=leefgebieden_policies.can_edit_assessment,
        allow_break_glass=False,
        detail="leefgebiedenbeeld corrigeren",
    )
    casus = assessment.casus
    form = AssessmentForm(request.POST if request.method == "POST" else None, assessment=assessment)

    def page(form: AssessmentForm) -> HttpResponse:
        return render(
            request, "leefgebieden/picture_form.html", {"casus": casus, "form": form, "assessment": assessment}
        )

    return form_post(
        request,
        form,
        lambda d: services.correct_picture(
            assessment,
            expected_version=d["version"],
            assessed_on=d["assessed_on"],
            scores=form.scores(),
            note=d["note"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("Het leefgebiedenbeeld is gecorrigeerd."), reverse("leefgebieden:overview", args=[casus.pk])),
        render_invalid=page,
        record=assessment,
        invalid_status=FORM_PAGE_STATUS,
    )
