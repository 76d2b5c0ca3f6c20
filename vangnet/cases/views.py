"""Casus pages: the trajectory overview and the quick actions of the team.

Access: seeing a casus follows ``policies.casus_access_basis`` (refused: 404);
acting on it (attempts, phase, notes) follows ``policies.can_work_on_casus``
and managing the team ``case_policies.can_manage_members`` (visible but not
allowed: 403). Every read and write is written to the access log."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.access import guards, policies
from vangnet.accounts import roles
from vangnet.accounts.models import User
from vangnet.audit.services import AuditContext, log_list_access
from vangnet.core import csv_export
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.forms import add_service_errors, keep_input_after_conflict
from vangnet.core.list_filters import CappedPaginator
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import filters as list_filters
from . import policies as case_policies
from . import services, timeline
from .forms import ContactAttemptForm, IntensityForm, MembersForm, NoteForm, PhaseForm
from .models import RHYTHM_DAYS, CaseMember, Casus


def _load(request, pk, *, allowed, detail):
    """Fetch the casus for an action: 404 when it is not visible to the user,
    403 when visible but the action is not theirs; the guard logs either way."""
    return guards.fetch(request, "casus", pk, allow=allowed, detail=detail)


def _live_context(casus: Casus, summary: dict[str, Any] | None = None) -> dict[str, Any]:
    engagement = timeline.engagement_from(summary, casus) if summary else timeline.engagement(casus)
    return {"casus": casus, "engagement": engagement}


def _attempt_form(
    casus: Casus,
    user: Any,
    data: QueryDict | None = None,
    *,
    team_ids: list[int] | None = None,
    team_users: list[User] | None = None,
    summary: dict[str, Any] | None = None,
    shown: list[Any] | None = None,
) -> tuple[ContactAttemptForm, list[timeline.QuickChoice]]:
    """The quick form and its one-tap "niet thuis" buttons; unbound, the form ticks
    who went on the user's last attempt again (the duo partner is remembered).
    ``summary`` and ``shown``: the casus page's one query and timeline records."""
    last = timeline.last_attempt(casus, user, summary=summary, shown=shown or ())
    if data is not None:
        form = ContactAttemptForm(data, casus=casus, user=user)
    else:
        workers = timeline.remembered_workers(casus, user, last, team_ids)
        form = ContactAttemptForm(
            casus=casus, user=user, initial={"workers": workers}, team_ids=team_ids, team_users=team_users
        )
    return form, timeline.quick_choices(last)


def _with_quick_choice(post: QueryDict) -> QueryDict:
    """A quick button ("Huisbezoek, niet thuis") posts the form with its own type
    and result; the moment, workers and note are the form's."""
    choice = timeline.quick_choice(post.get("snel", ""))
    if choice is None:
        return post
    data = post.copy()
    data["type"], data["result"] = choice
    return data


def _age(person, today):
    if person.date_of_birth:
        dob = person.date_of_birth
        return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day)), False
    if person.estimated_birth_year:
        return today.year - person.estimated_birth_year, True
    return None, False


@login_required
def casus_detail(request, pk):
    before = request.GET.get("voor", "")
    if request.htmx and before:
        return _timeline_more(request, pk, before)
    casus, basis = guards.get_casus(request, pk, detail="casusoverzicht")

    user = request.user
    can_work = policies.can_work_on_casus(user, casus)
    age, age_estimated = _age(casus.person, timezone.localdate())
    # one query for the team list, also the remembered workers' team
    members = list(casus.members.select_related("user").order_by("role", "user__first_name", "user__last_name"))
    # the meldingen card and the timeline's melding entries: one query
    meldingen = list(casus.meldingen.order_by("-received_at"))
    # one query for what the sections of other apps and the timeline's sources would each ask
    extra = {**timeline.source_flags(casus), **timeline.engagement_flags(casus)}
    if can_work:
        extra.update(timeline.last_attempt_flag(casus, user))
    summary = services.page_summary(casus, extra=extra)
    casus.__dict__["page_summary"] = summary  # the sections' tags read it (see their known=)
    services.prefetch_referrals(casus, any_referrals=summary.get("has_referrals", True))
    page = timeline.timeline_page(casus, before=before, all_rows={"melding": meldingen}, summary=summary)
    context = {
        **_live_context(casus, summary),
        "timeline_page": page,
        "basis": basis,
        "person": casus.person,
        "age": age,
        "age_estimated": age_estimated,
        "members": members,
        "meldingen": meldingen,
        "can_work": can_work,
        "can_manage": case_policies.can_manage_members(user, casus),
        "can_change_intensity": case_policies.can_change_intensity(user, casus),
        "note_form": NoteForm() if can_work else None,
    }
    if can_work:
        team_ids = [m.user_id for m in members]
        shown = [e.record for e in page.entries]
        context["attempt_form"], context["quick_choices"] = _attempt_form(
            casus, user, team_ids=team_ids, team_users=[m.user for m in members], summary=summary, shown=shown
        )
    return render(request, "cases/casus_detail.html", context)


def _timeline_more(request: HttpRequest, pk: int, before: str) -> HttpResponse:
    """ "Toon eerdere" by HTMX: the next page of entries, appended to the list
    (without JavaScript the same link opens the casus page at that point)."""
    casus, _basis = guards.get_casus(request, pk, detail="tijdlijn, eerdere items")
    page = timeline.timeline_page(casus, before=before)
    # can_work once for the page, not per entry (the correction line asks for it)
    context = {"casus": casus, "timeline_page": page, "can_work": policies.can_work_on_casus(request.user, casus)}
    return render(request, "cases/partials/timeline_more.html", context)


@login_required
def casus_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole casus on paper: no forms, no navigation, the timeline in full.
    Logged as a read with detail "afdrukken" (the reason column keeps the basis)."""
    casus, basis = guards.get_casus(request, pk, detail="afdrukken")
    age, age_estimated = _age(casus.person, timezone.localdate())
    context = {
        "casus": casus,
        "basis": basis,
        "person": casus.person,
        "age": age,
        "age_estimated": age_estimated,
        "engagement": services.engagement(casus),
        "timeline": services.timeline(casus),
        "members": casus.members.select_related("user").order_by("role", "user__first_name", "user__last_name"),
        "meldingen": casus.meldingen.order_by("-received_at"),
        "printed_at": timezone.now(),
        "can_work": False,  # paper: no correction links
    }
    return render(request, "cases/casus_print.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def attempt_add(request, pk):
    casus, _basis = _load(request, pk, allowed=policies.can_work_on_casus, detail="contactpoging")
    user = request.user
    saved = None
    if request.method == "POST":
        form, quick = _attempt_form(casus, user, _with_quick_choice(request.POST))
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.log_contact_attempt(
                    casus,
                    at=data["at"],
                    type=data["type"],
                    result=data["result"],
                    workers=data["workers"],
                    with_police=data["with_police"],
                    note=data["note"],
                    by=user,
                    context=AuditContext.from_request(request),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
        if saved is not None:
            if not request.htmx:
                messages.success(request, _("De contactpoging is vastgelegd."))
                return redirect(reverse("cases:detail", args=[casus.pk]) + "#tijdlijn")
            form, quick = _attempt_form(casus, user)
    else:
        form, quick = _attempt_form(casus, user)

    context = {"attempt_form": form, "quick_choices": quick, "saved": saved, "casus": casus}
    if request.htmx:
        # Only the fresh form, the new entry and the counters, never the whole timeline.
        context["can_work"] = True
        if saved is not None:
            context.update(_live_context(casus), new_entry=timeline.attempt_entry(saved))
        return render(request, "cases/partials/attempt_response.html", context)
    return render(request, "cases/attempt_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request, pk):
    casus, _basis = _load(request, pk, allowed=policies.can_work_on_casus, detail="notitie")
    saved = None
    if request.method == "POST":
        form = NoteForm(request.POST)
        if form.is_valid():
            try:
                saved = services.add_note(
                    casus, text=form.cleaned_data["text"], by=request.user, context=AuditContext.from_request(request)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
        if saved is not None:
            if not request.htmx:
                messages.success(request, _("De notitie is toegevoegd."))
                return redirect(reverse("cases:detail", args=[casus.pk]) + "#tijdlijn")
            form = NoteForm()
    else:
        form = NoteForm()

    if request.htmx:
        context = {"note_form": form, "saved": saved, "casus": casus, "can_work": True}
        if saved is not None:
            context["new_entry"] = timeline.note_entry(saved)
        return render(request, "cases/partials/note_response.html", context)
    return render(request, "cases/note_form.html", {"casus": casus, "note_form": form})


@login_required
@require_http_methods(["GET", "POST"])
def phase_change(request, pk):
    casus, _basis = _load(request, pk, allowed=policies.can_work_on_casus, detail="fase wijzigen")
    conflict = False
    if request.method == "POST":
        form = PhaseForm(request.POST, casus=casus)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_phase(
                    casus,
                    data["to_phase"],
                    by=request.user,
                    reason=data["reason"],
                    outcome=data["outcome"],
                    outcome_text=data["outcome_text"],
                    outcome_partner=data["outcome_partner"],
                    expected_version=data["version"],
                    context=AuditContext.from_request(request),
                )
            except ConcurrentEditError as exc:
                conflict = True
                casus.refresh_from_db()
                keep_input_after_conflict(form, casus.version, str(exc))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("De fase is gewijzigd naar %(phase)s.") % {"phase": casus.get_phase_display()}
                )
                return redirect("cases:detail", pk=casus.pk)
    else:
        form = PhaseForm(casus=casus)
    return render(request, "cases/phase_form.html", {"casus": casus, "form": form, "conflict": conflict})


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def intensity(request: HttpRequest, pk: int) -> HttpResponse:
    """Opschalen or afschalen with a reason (issue 15, part 3)."""
    casus, _basis = guards.fetch(
        request,
        "casus",
        pk,
        allow=case_policies.can_change_intensity,
        allow_break_glass=False,
        detail="intensiteit wijzigen",
    )
    form = IntensityForm(request.POST if request.method == "POST" else None, casus=casus)

    def page(form: IntensityForm) -> HttpResponse:
        context = {"casus": casus, "form": form, "rhythm_days": RHYTHM_DAYS[casus.intensity]}
        return render(request, "cases/intensity_form.html", context)

    def change(data: dict) -> Any:
        return services.change_intensity(
            casus,
            data["to_intensity"],
            reason=data["reason"],
            by=cast(User, request.user),
            expected_version=data["version"],
            context=AuditContext.from_request(request),
        )

    def done(saved: Any) -> tuple[str, str]:
        text = _("De intensiteit is nu %(intensity)s.") % {"intensity": saved.get_to_intensity_display().lower()}
        return text, reverse("cases:detail", args=[casus.pk])

    return form_post(
        request, form, change, success=done, render_invalid=page, record=casus, invalid_status=FORM_PAGE_STATUS
    )


@login_required
@require_http_methods(["GET", "POST"])
def members(request, pk):
    casus, _basis = _load(request, pk, allowed=case_policies.can_manage_members, detail="casusleden")
    if request.method == "POST":
        form = MembersForm(request.POST, casus=casus)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_members(
                    casus,
                    casusregisseur=data["casusregisseur"],
                    duo=list(data["duo"]),
                    consultant=data["consultant"],
                    by=request.user,
                    expected_version=data["version"],
                    context=AuditContext.from_request(request),
                )
            except ConcurrentEditError as exc:
                casus.refresh_from_db()
                keep_input_after_conflict(form, casus.version, str(exc))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het team van de casus is bijgewerkt."))
                if policies.casus_access_basis(request.user, casus):
                    return redirect("cases:detail", pk=casus.pk)
                # A regisseur who handed the casus over and left the team.
                return redirect("worklists:home")
    else:
        form = MembersForm(casus=casus)
    current = casus.members.select_related("user").order_by("role")
    return render(
        request,
        "cases/members_form.html",
        {"casus": casus, "form": form, "current_members": current, "roles": CaseMember.Role},
    )


# --- the list of all casussen (issue 11) -------------------------------------------


def _casus_list_page(
    request: HttpRequest, filterset: list_filters.CasusFilter, page: Any, rows: list, status: int = 200
) -> HttpResponse:
    context = {
        "form": filterset.form,
        "page": page,
        "rows": rows,
        "columns": list_filters.columns(filterset),
        "export_limit": list_filters.EXPORT_LIMIT,
    }
    return render(request, "cases/casus_list.html", context, status=status)


def _log_casus_rows(request: HttpRequest, rows: list, detail: str) -> None:
    if rows:  # one insert for the page, each row with its own basis
        log_list_access(request, records=list_filters.list_reads(request.user, rows), detail=detail)


@guards.role_required(*roles.CARE_TEAM)
def casus_list(request: HttpRequest) -> HttpResponse:
    """All casussen the user may see (teamleider: the organisation's; bemoeizorger and
    consultant: her own), filtered, sorted, 25 a page."""
    filterset, queryset = list_filters.casussen_list(request.user, request.GET)
    if queryset is None:
        return _casus_list_page(request, filterset, None, [])
    page = CappedPaginator(queryset.values_list("pk", flat=True), list_filters.PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    order = list_filters.SORTS[list_filters.current_sort(filterset)]
    rows = list_filters.rows(
        list_filters.page_rows(request.user, cast(QuerySet, page.object_list), order), settings=filterset.norm_settings
    )
    _log_casus_rows(request, rows, "overzicht casussen")
    return _casus_list_page(request, filterset, page, rows)


@guards.role_required(*roles.CARE_TEAM)
def casus_list_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV (at most EXPORT_LIMIT rows), one logged read per row."""
    filterset, queryset = list_filters.casussen_list(request.user, request.GET)
    if queryset is None:
        return _casus_list_page(request, filterset, None, [], status=400)
    ids = list(queryset.values_list("pk", flat=True)[: list_filters.EXPORT_LIMIT])
    rows = list_filters.rows(list_filters.page_rows(request.user, ids), settings=filterset.norm_settings)
    _log_casus_rows(request, rows, "export overzicht casussen (CSV)")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vangnet-casussen.csv"'
    response.write("\ufeff")  # so a spreadsheet reads the file as UTF-8
    csv_export.writer(response, delimiter=";").writerows(list_filters.csv_rows(rows))
    return response
