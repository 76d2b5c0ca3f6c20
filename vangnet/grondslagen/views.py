"""The pages of task, ground and consent: change the task of a casus, record a
consent or objection, withdraw one, and the teamleider's review of overrides.
Thin: guarded fetch, form, service."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.access import guards
from vangnet.accounts import roles
from vangnet.accounts.roles import Role
from vangnet.audit.services import AuditContext, log_list_access
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import catalogue, services
from . import policies as grondslag_policies
from .forms import ConsentForm, GrondslagForm, ReviewForm, WithdrawForm


@guards.role_required(*roles.STAFF)
@require_http_methods(["GET", "POST"])
def casus_task(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus, _basis = guards.fetch(
        request,
        "casus",
        casus_pk,
        allow=grondslag_policies.can_change_grondslag,
        allow_break_glass=False,
        detail="taak en grondslag wijzigen",
    )
    current = services.current_basis(casus)
    form = GrondslagForm(
        request.POST if request.method == "POST" else None,
        initial={"task": current.task, "ground": current.ground, "version": current.version},
    )

    def page(form: GrondslagForm) -> HttpResponse:
        return render(
            request,
            "grondslagen/casus_task.html",
            {"casus": casus, "form": form, "current": current, "catalogue": catalogue.CATALOGUE.values()},
        )

    return form_post(
        request,
        form,
        lambda d: services.change_grondslag(
            casus,
            task=d["task"],
            ground=d["ground"],
            reason=d["reason"],
            expected_version=d["version"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De taak en grondslag zijn gewijzigd."), reverse("cases:detail", args=[casus.pk])),
        render_invalid=page,
        record=_Current(casus, current),
        invalid_status=FORM_PAGE_STATUS,
    )


class _Current:
    """The record form_post reads again after an edit conflict: the casus' current
    basis (its default until the first change, so no row to refresh)."""

    def __init__(self, casus: object, current: object) -> None:
        self.casus, self.version = casus, getattr(current, "version", 0)

    def refresh_from_db(self) -> None:
        self.version = services.current_basis(self.casus).version


@guards.role_required(*roles.STAFF)
@require_http_methods(["GET", "POST"])
def consent_add(request: HttpRequest, person_pk: int) -> HttpResponse:
    person, _basis = guards.fetch(
        request,
        "persoon",
        person_pk,
        allow=grondslag_policies.can_record_consent,
        allow_break_glass=False,
        detail="toestemming of bezwaar vastleggen",
    )
    form = ConsentForm(request.POST if request.method == "POST" else None)
    back = request.GET.get("casus", "")
    back_url = (
        reverse("cases:detail", args=[back])
        if back.isdigit() and person.casussen.filter(pk=back).exists()
        else reverse("persons:detail", args=[person.pk])
    )

    def page(form: ConsentForm) -> HttpResponse:
        return render(request, "grondslagen/consent_form.html", {"person": person, "form": form, "back_url": back_url})

    return form_post(
        request,
        form,
        lambda d: services.record_consent(
            person,
            soort=d["soort"],
            organisation=d["organisation"],
            organisation_kind=d["organisation_kind"],
            task=d["task"],
            purpose=d["purpose"],
            how=d["how"],
            given_on=d["given_on"],
            ends_on=d["ends_on"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("Vastgelegd."), back_url),
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.STAFF)
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    t, _basis = guards.fetch(
        request,
        "toestemming",
        pk,
        allow=grondslag_policies.can_withdraw_consent,
        allow_break_glass=False,
        detail="toestemming of bezwaar intrekken",
    )
    back = reverse("persons:detail", args=[t.person_id])
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Intrekken is niet gelukt: de reden is te lang of de pagina is verouderd."))
        return redirect(back)
    try:
        services.withdraw_consent(
            t,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            context=AuditContext.from_request(request),
        )
    except services.ConcurrentEditError as exc:
        messages.error(request, str(exc))
    except services.ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Ingetrokken."))
    return redirect(back)


@guards.role_required(Role.TEAMLEIDER)
@require_http_methods(["GET"])
def override_review(request: HttpRequest) -> HttpResponse:
    """The teamleider's list of shares by workers of her organisation that went against
    a person's objection or without recorded consent."""
    show = request.GET.get("toon", "open")
    rows = services.overrides_to_review(request.user)
    if show != "alle":
        show = "open"
        rows = rows.filter(reviewed_at__isnull=True)
    page = Paginator(rows, 50).get_page(request.GET.get("pagina"))
    log_list_access(
        request,
        persons=[a.person for a in page],
        detail="afwijkingen toestemming beoordelen",
        reason=grondslag_policies.BASIS_OVERRIDE_REVIEW,
    )
    return render(request, "grondslagen/override_review.html", {"page": page, "show": show, "form": ReviewForm()})


@guards.role_required(Role.TEAMLEIDER)
@require_POST
def override_mark_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    afwijking, _basis = guards.fetch(
        request,
        "afwijking",
        pk,
        allow=grondslag_policies.can_mark_override_reviewed,
        detail="afwijking beoordelen",
    )
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.mark_override_reviewed(
                afwijking, note=form.cleaned_data["note"], by=request.user, context=AuditContext.from_request(request)
            )
        except services.ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De afwijking is gemarkeerd als beoordeeld."))
            return redirect("grondslagen:override_review")
    else:
        messages.error(request, _("Schrijf uw beoordeling: was het delen gerechtvaardigd?"))
    return redirect("grondslagen:override_review")
