"""Correcting and voiding contact attempts and notes (issue 12).

Who may: ``case_policies.can_correct_attempt`` / ``can_correct_note`` (whoever
logged it, the casusregisseur, the organisation's teamleider); someone who
sees the casus but may not correct gets 403, someone who does not see it 404,
one access-log row either way (the guard). The pages are plain forms (no HTMX):
the user leaves the casus page on purpose and comes back to it with the
timeline showing the correction."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.access import guards
from vangnet.audit.services import AuditContext
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import policies as case_policies
from . import services
from .forms import AttemptCorrectionForm, NoteCorrectionForm, VoidForm
from .models import CaseNote, ContactAttempt


def _timeline_url(record: ContactAttempt | CaseNote) -> str:
    return reverse("cases:detail", args=[record.casus_id]) + "#tijdlijn"


def _page(
    request: HttpRequest, template: str, record: ContactAttempt | CaseNote, kind: str
) -> Callable[[Any], HttpResponse]:
    def page(form: Any) -> HttpResponse:
        context = {
            "casus": record.casus,
            "record": record,
            "kind": kind,
            "form": form,
            "revisions": record.revisions.select_related("by").prefetch_related(
                *(["was_workers"] if kind == "poging" else [])
            ),
        }
        return render(request, template, context)

    return page


@login_required
@require_http_methods(["GET", "POST"])
def attempt_correct(request: HttpRequest, pk: int) -> HttpResponse:
    attempt, _basis = guards.fetch(
        request, "contactpoging", pk, allow=case_policies.can_correct_attempt, detail="contactpoging corrigeren"
    )
    user: Any = request.user
    form = AttemptCorrectionForm(request.POST if request.method == "POST" else None, attempt=attempt, user=user)

    def correct(d: dict) -> object:
        return services.correct_contact_attempt(
            attempt,
            at=d["at"],
            type=d["type"],
            result=d["result"],
            workers=d["workers"],
            with_police=d["with_police"],
            note=d["note"],
            reason=d["reason"],
            by=user,
            expected_version=d["version"],
            context=AuditContext.from_request(request),
        )

    return form_post(
        request,
        form,
        correct,
        success=(_("De contactpoging is gecorrigeerd."), _timeline_url(attempt)),
        render_invalid=_page(request, "cases/correction_form.html", attempt, "poging"),
        record=attempt,
        invalid_status=FORM_PAGE_STATUS,
    )


def _void(request: HttpRequest, pk: int, *, kind: str, allow: Any, void: Any, success: str, label: str) -> HttpResponse:
    """Declare a contact attempt or a note void: the same page and steps for both."""
    record, _basis = guards.fetch(request, kind, pk, allow=allow, detail=f"{kind} vervallen")
    user: Any = request.user
    form = VoidForm(request.POST if request.method == "POST" else None, record=record)
    return form_post(
        request,
        form,
        lambda d: void(
            record,
            reason=d["reason"],
            by=user,
            expected_version=d["version"],
            context=AuditContext.from_request(request),
        ),
        success=(success, _timeline_url(record)),
        render_invalid=_page(request, "cases/correction_void.html", record, label),
        record=record,
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attempt_void(request: HttpRequest, pk: int) -> HttpResponse:
    return _void(
        request,
        pk,
        kind="contactpoging",
        allow=case_policies.can_correct_attempt,
        void=services.void_contact_attempt,
        success=_("De contactpoging is vervallen verklaard. Zij telt niet meer mee."),
        label="poging",
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_correct(request: HttpRequest, pk: int) -> HttpResponse:
    note, _basis = guards.fetch(
        request, "notitie", pk, allow=case_policies.can_correct_note, detail="notitie corrigeren"
    )
    user: Any = request.user
    form = NoteCorrectionForm(request.POST if request.method == "POST" else None, note=note)
    return form_post(
        request,
        form,
        lambda d: services.correct_note(
            note,
            text=d["text"],
            reason=d["reason"],
            by=user,
            expected_version=d["version"],
            context=AuditContext.from_request(request),
        ),
        success=(_("De notitie is gecorrigeerd."), _timeline_url(note)),
        render_invalid=_page(request, "cases/correction_form.html", note, "notitie"),
        record=note,
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_void(request: HttpRequest, pk: int) -> HttpResponse:
    return _void(
        request,
        pk,
        kind="notitie",
        allow=case_policies.can_correct_note,
        void=services.void_note,
        success=_("De notitie is vervallen verklaard."),
        label="notitie",
    )
