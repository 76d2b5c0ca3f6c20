"""The pages of the betrokkene's requests: register one (from the person page), the
request with its history and term, taking it in hand, extending the term, deciding it,
lifting a restriction; the teamleider's list; the privacy officer's register and its CSV
export. Thin: guarded fetch, form, service."""

import csv
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.access import guards
from vangnet.access import policies as access_policies
from vangnet.audit.models import AccessLog, ObjectType
from vangnet.audit.services import AuditContext, ListRead, log_access, log_list_access
from vangnet.core import csv_export
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import policies as verzoek_policies
from . import services
from .forms import DecideForm, ExtendForm, LiftForm, RegisterForm, StartForm
from .models import Soort, Verzoek


def _context(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


@login_required
@require_http_methods(["GET", "POST"])
def register_request(request: HttpRequest, person_pk: int) -> HttpResponse:
    person, _basis = guards.fetch(
        request,
        "persoon",
        person_pk,
        allow=verzoek_policies.can_register_request,
        allow_break_glass=False,
        detail="verzoek van betrokkene registreren",
    )
    form = RegisterForm(request.POST if request.method == "POST" else None)

    def page(form: RegisterForm) -> HttpResponse:
        return render(request, "verzoeken/register_form.html", {"person": person, "form": form})

    return form_post(
        request,
        form,
        lambda d: services.register_request(
            person,
            kind=d["kind"],
            received_on=d["received_on"],
            channel=d["channel"],
            request_text=d["request_text"],
            by=request.user,
            context=_context(request),
        ),
        success=lambda v: (
            _("Het verzoek %(ref)s is geregistreerd; de termijn loopt tot en met %(due)s.")
            % {"ref": v.reference, "due": v.due_on.strftime("%d-%m-%Y")},
            reverse("verzoeken:detail", args=[v.pk]),
        ),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


def _fetch(request: HttpRequest, pk: int, detail: str, action: str = AccessLog.Action.READ) -> Verzoek:
    verzoek, _basis = guards.fetch(
        request, "verzoek", pk, action=action, allow=verzoek_policies.can_handle_request, detail=detail
    )
    return verzoek


def _correction_links(request: HttpRequest, verzoek: Verzoek) -> dict[str, Any]:
    """Where the correction itself is made (issue 12): the person's meldingen and casussen
    the user sees (their own pages check who may correct)."""
    if verzoek.person is None:
        return {"meldingen": [], "casussen": []}
    user = request.user
    meldingen = access_policies.visible_meldingen(user, include_break_glass=False).filter(person=verzoek.person)
    casussen = access_policies.visible_casussen(user, include_break_glass=False).filter(person=verzoek.person)
    return {"meldingen": list(meldingen.order_by("-received_at")[:20]), "casussen": list(casussen[:20])}


def _detail_page(request: HttpRequest, verzoek: Verzoek, *, start_form: StartForm | None = None) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "verzoeken/detail.html",
        {
            "verzoek": verzoek,
            "history": list(verzoek.history.select_related("by")),
            "overdue": verzoek.is_overdue(today),
            "can_extend": verzoek.is_open and verzoek.extended_until is None and today <= verzoek.due_on,
            "is_correction": verzoek.kind == Soort.CORRECTIE,
            "is_inzage": verzoek.kind == Soort.INZAGE,
            "start_form": start_form or StartForm(initial={"version": verzoek.version}),
            **_correction_links(request, verzoek),
        },
    )


@login_required
@require_http_methods(["GET"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _fetch(request, pk, "verzoek van betrokkene bekeken"))


@login_required
@require_http_methods(["POST"])
def start(request: HttpRequest, pk: int) -> HttpResponse:
    verzoek = _fetch(request, pk, "verzoek in behandeling nemen", AccessLog.Action.UPDATE)
    form = StartForm(request.POST)
    return form_post(
        request,
        form,
        lambda d: services.start_handling(
            verzoek, expected_version=d["version"], by=request.user, context=_context(request)
        ),
        success=(_("Het verzoek is in behandeling genomen."), reverse("verzoeken:detail", args=[verzoek.pk])),
        render_invalid=lambda f: _detail_page(request, verzoek, start_form=f),
        record=verzoek,
    )


def _form_page(template: str, request: HttpRequest, verzoek: Verzoek, form: Any) -> HttpResponse:
    return render(request, template, {"verzoek": verzoek, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    verzoek = _fetch(request, pk, "termijn verzoek verlengen")
    form = ExtendForm(
        request.POST if request.method == "POST" else None,
        initial={"version": verzoek.version, "told_on": timezone.localdate()},
    )
    return form_post(
        request,
        form,
        lambda d: services.extend_term(
            verzoek,
            expected_version=d["version"],
            reason=d["reason"],
            told_on=d["told_on"],
            by=request.user,
            context=_context(request),
        ),
        success=lambda v: (
            _("De termijn is verlengd tot en met %(due)s.") % {"due": v.extended_until.strftime("%d-%m-%Y")},
            reverse("verzoeken:detail", args=[v.pk]),
        ),
        render_invalid=lambda f: _form_page("verzoeken/extend_form.html", request, verzoek, f),
        record=verzoek,
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    verzoek = _fetch(request, pk, "besluit over verzoek")
    form = DecideForm(request.POST if request.method == "POST" else None, initial={"version": verzoek.version})
    return form_post(
        request,
        form,
        lambda d: services.decide_request(
            verzoek,
            expected_version=d["version"],
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            answer=d["answer"],
            correction_done=d["correction_done"],
            by=request.user,
            context=_context(request),
        ),
        success=(_("Het besluit over het verzoek is vastgelegd."), reverse("verzoeken:detail", args=[verzoek.pk])),
        render_invalid=lambda f: render(
            request,
            "verzoeken/decide_form.html",
            {"verzoek": verzoek, "form": f, "is_correction": verzoek.kind == Soort.CORRECTIE},
        ),
        record=verzoek,
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    verzoek = _fetch(request, pk, "beperking opheffen")
    form = LiftForm(request.POST if request.method == "POST" else None, initial={"version": verzoek.version})
    return form_post(
        request,
        form,
        lambda d: services.lift_restriction(
            verzoek,
            expected_version=d["version"],
            lifted_on=d["lifted_on"],
            reason=d["reason"],
            by=request.user,
            context=_context(request),
        ),
        success=(_("De beperking is opgeheven."), reverse("verzoeken:detail", args=[verzoek.pk])),
        render_invalid=lambda f: _form_page("verzoeken/lift_form.html", request, verzoek, f),
        record=verzoek,
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
@require_http_methods(["GET"])
def own_list(request: HttpRequest) -> HttpResponse:
    """The teamleider's list of her organisation's requests (open first)."""
    if not verzoek_policies.can_view_own_requests(request.user):
        guards.log_role_refusal(request)
        raise PermissionDenied
    verzoeken = services.sorted_open_first(list(services.organisation_requests(request.user)))
    today = timezone.localdate()
    if verzoeken:
        log_list_access(
            request,
            records=[
                ListRead(ObjectType.VERZOEK, reason=verzoek_policies.BASIS_HANDLER, person=v.person) for v in verzoeken
            ],
            detail="verzoeken van betrokkenen: overzicht",
        )
    rows = [(v, v.is_overdue(today)) for v in verzoeken]
    return render(request, "verzoeken/own_list.html", {"rows": rows})


def _register_allowed(request: HttpRequest) -> list[Verzoek]:
    if not verzoek_policies.can_view_register(request.user):
        guards.log_role_refusal(request)
        raise PermissionDenied
    return services.register(request.user)


@login_required
@require_http_methods(["GET"])
def register(request: HttpRequest) -> HttpResponse:
    """The privacy officer's register: references, kinds, dates and status, no content."""
    verzoeken = _register_allowed(request)
    today = timezone.localdate()
    log_access(
        request,
        AccessLog.Action.READ,
        object_type=ObjectType.VERZOEK,
        detail=f"register verzoeken van betrokkenen ({len(verzoeken)})",
        reason=verzoek_policies.BASIS_REGISTER,
    )
    rows = [(v, v.is_overdue(today)) for v in verzoeken]
    return render(
        request,
        "verzoeken/register.html",
        {
            "rows": rows,
            "open_count": sum(1 for v in verzoeken if v.is_open),
            "overdue_count": sum(1 for _v, late in rows if late),
        },
    )


@login_required
@require_http_methods(["GET"])
def register_export(request: HttpRequest) -> HttpResponse:
    verzoeken = _register_allowed(request)
    today = timezone.localdate()
    buffer = io.StringIO()
    writer = csv_export.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(services.REGISTER_COLUMNS)
    writer.writerows(services.register_rows(verzoeken, today))
    log_access(
        request,
        AccessLog.Action.EXECUTE,
        object_type=ObjectType.VERZOEK,
        detail=f"register verzoeken van betrokkenen geëxporteerd ({len(verzoeken)})",
        reason=verzoek_policies.BASIS_REGISTER,
    )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verzoeken-{today.isoformat()}.csv"'
    return response
