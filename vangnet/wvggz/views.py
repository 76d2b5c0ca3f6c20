"""Pages of the Wvggz verkennend onderzoek. Thin: fetch through the guard
(rule + access log), call a service, render."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vangnet.access import guards
from vangnet.access.guards import role_required
from vangnet.accounts import roles
from vangnet.accounts.models import Role, User
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ObjectType, log_access, log_list_access
from vangnet.core import csv_export
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.views import FORM_PAGE_STATUS, form_post
from vangnet.organisations.models import Team

from . import policies, services
from .deadlines import AMBER, GREEN, RED, term_state
from .forms import AssignForm, DecisionForm, MelderForm, PeriodForm, RequestSentForm, moment_on
from .models import Onderzoek, Outcome
from .pdf import request_pdf
from .questionnaire import QuestionnaireForm, display_lines, initial_from_value

Action = AccessLog.Action


def get_onderzoek(request, pk, *, content=True, action=Action.READ, detail="", allow=None, policy=None):
    """The onderzoek if the user may see it (content or summary), logged; else 404
    (visible but ``allow`` says no: 403). A thin wrapper on the access guard."""
    policy = policy or (policies.onderzoek_access_basis if content else policies.onderzoek_summary_basis)
    return guards.fetch(request, "wvggz-onderzoek", pk, action=action, detail=detail, policy=policy, allow=allow)


def _is_open(user, onderzoek):
    return onderzoek.is_open


def _log_rows(request, row_list, detail):
    meldingen = [r.onderzoek.melding for r in row_list]
    if meldingen:
        log_list_access(request, meldingen=meldingen, detail=detail, reason=policies.BASIS_TERM_WATCH)


# --- lists ---------------------------------------------------------------------------


@role_required(*roles.STAFF)
def overview(request):
    """Open onderzoeken with their traffic light: the organisation's for the
    teamleider and meldpunt, one's own for assigned workers."""
    row_list = services.rows(services.open_onderzoeken(policies.summary_onderzoeken(request.user)))
    counts = {colour: sum(1 for r in row_list if r.rag == colour) for colour in (RED, AMBER, GREEN)}
    _log_rows(request, row_list, "wvggz: overzicht open onderzoeken")
    decided = services.rows(
        policies.summary_onderzoeken(request.user)
        .filter(status="afgerond")
        .select_related("melding", "melding__person")
        .prefetch_related("worker_rows__user")
        .order_by("-decided_at")[:10]
    )
    _log_rows(request, decided, "wvggz: overzicht recent afgerond")
    return render(
        request,
        "wvggz/overview.html",
        {
            "rows": row_list,
            "counts": counts,
            "decided": decided,
            "RED": RED,
            "AMBER": AMBER,
            "GREEN": GREEN,
            "org_wide": policies.can_view_organisation_onderzoeken(request.user),
            "unassigned": sum(1 for r in row_list if not r.workers),
        },
    )


@role_required(*roles.ORGANISATION_WIDE)
def overleg(request):
    """The list for the weekly Wvggz-overleg: open onderzoeken by deadline, printable."""
    row_list = services.rows(services.open_onderzoeken(policies.summary_onderzoeken(request.user)))
    _log_rows(request, row_list, "wvggz-overleg: lijst")
    return render(request, "wvggz/overleg.html", {"rows": row_list, "today": timezone.localdate()})


# --- one onderzoek -----------------------------------------------------------------


@role_required(*roles.STAFF)
def detail(request, pk):
    onderzoek, basis = get_onderzoek(request, pk, content=False, detail="onderzoek bekeken")
    content = policies.onderzoek_access_basis(request.user, onderzoek) is not None
    context = {
        "onderzoek": onderzoek,
        "melding": onderzoek.melding,
        "term": term_state(onderzoek.deadline),
        "content": content,
        "basis": basis,
        "can_work": content and onderzoek.is_open,
        "can_assign": policies.can_assign_onderzoek(request.user, onderzoek) and onderzoek.is_open,
        "workers": list(onderzoek.worker_rows.all()),
    }
    if content:
        answers = services.answers_by_question(onderzoek)
        context["answers"] = [(q, display_lines(q, answers.get(q.pk))) for q in services.questions_of(onderzoek)]
        context["missing"] = services.missing_required(onderzoek) if onderzoek.is_open else []
        context["sent_form"] = RequestSentForm(initial={"version": onderzoek.version, "sent_on": timezone.localdate()})
        if onderzoek.casus_id:
            log_access(
                request,
                Action.READ,
                casus=onderzoek.casus,
                object_type=ObjectType.CASUS,
                detail=f"{onderzoek.reference}: gestarte casus",
                reason=basis,
            )
    return render(request, "wvggz/detail.html", context)


@role_required(Role.TEAMLEIDER)
def assign(request, pk):
    onderzoek, _basis = get_onderzoek(
        request,
        pk,
        detail="onderzoekers toewijzen",
        allow=lambda user, o: policies.can_assign_onderzoek(user, o) and o.is_open,
    )
    workers = services.eligible_workers(onderzoek.organisation_id)
    lead = onderzoek.lead
    initial = {
        "version": onderzoek.version,
        "lead": lead,
        "others": [w.user for w in onderzoek.worker_rows.all() if w.role != "lead"],
    }
    form = AssignForm(request.POST if request.method == "POST" else None, initial=initial, workers=workers)

    def page(form: AssignForm) -> HttpResponse:
        return render(request, "wvggz/assign.html", {"onderzoek": onderzoek, "form": form})

    return _post(
        request,
        onderzoek,
        form,
        page,
        _("De onderzoekers zijn toegewezen."),
        lambda d, context: services.assign_workers(
            onderzoek,
            lead=d["lead"],
            others=list(d["others"]),
            by=request.user,
            expected_version=d["version"],
            context=context,
        ),
    )


def _post[F: Form](
    request: HttpRequest,
    onderzoek: Onderzoek,
    form: F,
    page: Callable[[F], HttpResponse],
    message: str | Callable[[], str],
    call: Callable[[dict[str, Any], AuditContext], object],
) -> HttpResponse:
    """A form of the onderzoek: errors on the form page, success back to the onderzoek.
    ``message`` may be a function (a message that names what was just decided)."""
    context = AuditContext.from_request(request)
    return form_post(
        request,
        form,
        lambda d: call(d, context),
        success=lambda _result: (
            message() if callable(message) else message,
            reverse("wvggz:detail", args=[onderzoek.pk]),
        ),
        render_invalid=page,
        record=onderzoek,
        invalid_status=FORM_PAGE_STATUS,
    )


@role_required(*roles.CARE_TEAM)
def questionnaire(request, pk):
    onderzoek, _basis = get_onderzoek(request, pk, detail="vragenlijst", allow=_is_open)
    questions = list(services.questions_of(onderzoek))
    initial = {"version": onderzoek.version}
    answers = services.answers_by_question(onderzoek)
    for q in questions:
        initial.update(initial_from_value(q, answers.get(q.pk)))
    form = QuestionnaireForm(request.POST if request.method == "POST" else None, initial=initial, questions=questions)

    def page(form: QuestionnaireForm) -> HttpResponse:
        return render(request, "wvggz/questionnaire.html", {"onderzoek": onderzoek, "form": form})

    return _post(
        request,
        onderzoek,
        form,
        page,
        _("De antwoorden zijn opgeslagen."),
        lambda d, context: services.save_answers(
            onderzoek, form.answers(), by=request.user, expected_version=d["version"], context=context
        ),
    )


@role_required(*roles.CARE_TEAM)
def decide(request, pk):
    onderzoek, _basis = get_onderzoek(request, pk, detail="besluit", allow=_is_open)
    case_workers = User.objects.filter(
        organisation_id=onderzoek.organisation_id, is_active=True, role__in=roles.CASE_WORKERS
    ).order_by("first_name", "last_name", "username")
    teams = Team.objects.filter(organisation_id=onderzoek.organisation_id).order_by("name")
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        initial={"version": onderzoek.version},
        case_workers=case_workers,
        teams=teams,
    )

    def page(form: DecisionForm) -> HttpResponse:
        return render(
            request,
            "wvggz/decide.html",
            {
                "onderzoek": onderzoek,
                "form": form,
                "missing": services.missing_required(onderzoek),
            },
        )

    def decide_and_say(data: dict[str, Any], context: AuditContext) -> None:
        services.decide(
            onderzoek,
            by=request.user,
            outcome=data["outcome"],
            alternative=data["alternative"],
            reason=data["reason"],
            referred_to=data["referred_to"],
            casusregisseur=data["casusregisseur"],
            duo=list(data["duo"]),
            team=data["team"],
            expected_version=data["version"],
            context=context,
        )

    # The message names the outcome, so it is built after the decision.
    return _post(
        request,
        onderzoek,
        form,
        page,
        lambda: _("Het besluit is vastgelegd: %(o)s.") % {"o": onderzoek.get_outcome_display()},
        decide_and_say,
    )


@role_required(*roles.CARE_TEAM)
def request_document(request, pk):
    """Download the request to the officier van justitie: an export of personal data."""
    # The access log has no separate export code (FHIR C/R/U/D/E): a download is a
    # read, marked as an export in the detail so it can be filtered. No aanvraag: no PDF (404).
    onderzoek, _basis = get_onderzoek(
        request,
        pk,
        detail="EXPORT: verzoek aan officier van justitie (PDF)",
        policy=lambda user, o: policies.onderzoek_access_basis(user, o) if o.outcome == Outcome.AANVRAAG else None,
    )
    response = HttpResponse(request_pdf(onderzoek), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verzoek-ovj-{onderzoek.reference}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@role_required(*roles.CARE_TEAM)
def request_sent(request, pk):
    onderzoek, _basis = get_onderzoek(request, pk, action=Action.UPDATE, detail="aanvraag verzonden vastleggen")
    form = RequestSentForm(request.POST)
    if form.is_valid():
        try:
            services.record_request_sent(
                onderzoek,
                sent_at=moment_on(form.cleaned_data["sent_on"]),
                by=request.user,
                expected_version=form.cleaned_data["version"],
                context=AuditContext.from_request(request),
            )
        except ConcurrentEditError as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Vastgelegd: de aanvraag is verzonden."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("wvggz:detail", pk=onderzoek.pk)


@role_required(*roles.CARE_TEAM)
def melder(request, pk):
    onderzoek, _basis = get_onderzoek(request, pk, detail="melder informeren", allow=lambda user, o: not o.is_open)
    reachability = services.melder_reachability(onderzoek.melding)
    initial = {
        "version": onderzoek.version,
        "message": services.melder_letter(onderzoek),
        "informed_on": timezone.localdate(),
        "how": reachability or "",
    }
    form = MelderForm(request.POST if request.method == "POST" else None, initial=initial)

    def page(form: MelderForm) -> HttpResponse:
        return render(
            request,
            "wvggz/melder.html",
            {
                "onderzoek": onderzoek,
                "melding": onderzoek.melding,
                "form": form,
                "reachability": reachability,
            },
        )

    return _post(
        request,
        onderzoek,
        form,
        page,
        _("Vastgelegd hoe de melder is geïnformeerd."),
        lambda d, context: services.record_melder_informed(
            onderzoek,
            how=d["how"],
            informed_at=moment_on(d["informed_on"]) if d.get("informed_on") else None,
            message=d["message"],
            by=request.user,
            expected_version=d["version"],
            context=context,
        ),
    )


# --- figures ---------------------------------------------------------------------


FIGURE_ROWS = [
    ("meldingen", gettext_lazy("Wvggz-meldingen")),
    ("onderzoeken", gettext_lazy("Verkennende onderzoeken")),
    ("open", gettext_lazy("Nog open")),
    ("open_overdue", gettext_lazy("Open en over de termijn")),
    ("decided", gettext_lazy("Besloten")),
    ("decided_in_time", gettext_lazy("Besloten binnen 14 dagen")),
    ("within_term_pct", gettext_lazy("Percentage binnen 14 dagen")),
    ("median_days", gettext_lazy("Mediaan dagen tot besluit")),
]


def _figures(request):
    if not policies.can_view_figures(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    return form, services.figures(request.user.organisation_id, start, end)


@role_required(Role.TEAMLEIDER)
def figures(request):
    form, data = _figures(request)
    rows = [(label, data[key]) for key, label in FIGURE_ROWS]
    return render(
        request,
        "wvggz/figures.html",
        {
            "form": form,
            "data": data,
            "rows": rows,
            "outcome_rows": _outcome_rows(data),
            "query": request.GET.urlencode(),
        },
    )


def _outcome_rows(data):
    o = data["outcomes"]
    return [
        (_("Aanvraag bij de officier van justitie"), o["aanvraag"]),
        (_("Geen aanvraag"), o["geen_aanvraag"]),
        (_("Geen aanvraag: bemoeizorg gestart"), o["geen_aanvraag_bemoeizorg_casus"]),
        (_("Geen aanvraag: doorverwezen"), o["geen_aanvraag_doorverwijzing"]),
        (_("Geen aanvraag: geen verdere actie"), o["geen_aanvraag_geen_actie"]),
    ]


@role_required(Role.TEAMLEIDER)
def figures_csv(request):
    """Aggregates only: no personal data, so no access-log rows per person."""
    _form, data = _figures(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wvggz-cijfers-{data["start"]}-{data["end"]}.csv"'
    writer = csv_export.writer(response, delimiter=";")
    writer.writerow([_("cijfer"), _("waarde")])
    writer.writerow([_("van"), data["start"].isoformat()])
    writer.writerow([_("tot en met"), data["end"].isoformat()])
    for key, label in FIGURE_ROWS:
        value = data[key]
        writer.writerow([str(label), "" if value is None else value])
    for label, value in _outcome_rows(data):
        writer.writerow([str(label), value])
    return response
