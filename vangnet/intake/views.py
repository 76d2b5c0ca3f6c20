"""Intake views: thin; the rules live in forms.py and services.py."""

import copy
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.access import policies
from vangnet.access.guards import get_melding, role_required
from vangnet.accounts import roles
from vangnet.accounts.models import Role
from vangnet.audit.services import AuditContext, log_list_access
from vangnet.core import csv_export
from vangnet.core.forms import add_service_errors
from vangnet.core.list_filters import CappedPaginator
from vangnet.core.views import FORM_PAGE_STATUS, form_post
from vangnet.norms.services import annotate_triage

from . import filters as list_filters
from . import policies as intake_policies
from . import services
from .forms import BsnCheckForm, MeldingCorrectionForm, MeldingForm, PartnerMeldingForm
from .models import Melding

PARTNER_PAGE_SIZE = 50


def _url_or_none(name, *args):
    """Links to screens of other apps; absent while those are not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _register(request, form, meldpunt, register) -> Melding | None:
    """Store a validated melding with ``register`` (staff or partner service, which
    logs the create); a rule broken in the service becomes a form error instead."""
    melding = form.save(commit=False)
    melding.meldpunt = meldpunt
    try:
        register(
            melding,
            categories=form.cleaned_data["categories"],
            by=request.user,
            submission_token=form.cleaned_data.get("submission_token", ""),
            context=AuditContext.from_request(request),
        )
    except services.AlreadySubmitted as earlier:
        # The same form posted twice (double click, resubmit): show the first one.
        messages.info(
            request,
            _("Dit formulier was al verstuurd: melding %(ref)s is toen opgeslagen. Er is geen tweede melding gemaakt.")
            % {"ref": earlier.melding.reference},
        )
        earlier.melding.already_submitted = True
        return earlier.melding
    except ValidationError as error:
        melding.pk = None
        add_service_errors(form, error)
        return None
    return melding


@role_required(*roles.ORGANISATION_WIDE)
@require_http_methods(["GET", "POST"])
def create(request):
    if not policies.can_register_melding(request.user):
        raise PermissionDenied
    organisation = request.user.organisation
    form = MeldingForm(request.POST if request.method == "POST" else None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        melding = _register(request, form, organisation, services.register_melding)
        if melding is not None:
            if not getattr(melding, "already_submitted", False):
                messages.success(request, _("Melding %(ref)s is geregistreerd.") % {"ref": melding.reference})
            return redirect("intake:detail", pk=melding.pk)
    return render(request, "intake/melding_form.html", {"form": form, "organisation": organisation})


def _detail_queryset() -> "QuerySet[Melding]":
    return Melding.objects.select_related(
        "person", "casus", "meldpunt", "gemeente", "created_by", "melder_organisation", "triage__decided_by"
    )


def _melding_facts(melding: Melding) -> dict[str, Any]:
    """What the melding page and its print view show."""
    return {
        "melding": melding,
        "categories": list(melding.categories.all()),
        "urgency_labels": melding.get_urgency_labels(),
        "triage": melding.triage if hasattr(melding, "triage") else None,
        "corrections": services.corrections(melding),
    }


@role_required(*roles.STAFF)
def detail(request, pk):
    melding, basis = get_melding(request, pk, detail=_("Melding bekeken"), queryset=_detail_queryset())
    context = {
        **_melding_facts(melding),
        "basis": basis,
        "can_triage": policies.can_triage(request.user, melding),
        "can_correct": intake_policies.can_correct_melding(request.user, melding),
        "triage_url": _url_or_none("triage:melding", melding.pk),
        "casus_url": _url_or_none("cases:detail", melding.casus_id) if melding.casus_id else None,
    }
    return render(request, "intake/melding_detail.html", context)


@role_required(*roles.STAFF)
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The melding on paper: its facts, no forms, no navigation (a read like the page)."""
    melding, _basis = get_melding(request, pk, detail="afdrukken", queryset=_detail_queryset())
    return render(request, "intake/melding_print.html", {**_melding_facts(melding), "printed_by": request.user})


@role_required(*roles.STAFF)
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a registered melding, with a reason; the earlier values are kept."""
    melding, _basis = get_melding(request, pk, detail="melding corrigeren", allow=intake_policies.can_correct_melding)
    # The form works on a copy: a bound ModelForm writes the typed values into its instance.
    form = MeldingCorrectionForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(melding),
        organisation=melding.meldpunt,
    )

    def page(form: MeldingCorrectionForm) -> HttpResponse:
        return render(request, "intake/melding_edit.html", {"form": form, "melding": melding})

    def call(data: dict[str, Any]) -> Any:
        return services.correct_melding(
            melding,
            values={name: data[name] for name in services.CORRECTABLE_FIELDS},
            categories=data["categories"],
            reason=data["reason"],
            by=request.user,
            expected_version=data["version"],
            context=AuditContext.from_request(request),
        )

    def success(revision: Any) -> tuple[str, str]:
        text = _("De correctie van melding %(ref)s is opgeslagen.") % {"ref": melding.reference}
        if services.person_not_changed(melding, revision):
            text += " " + _("De gekoppelde persoon is niet aangepast: pas die zo nodig zelf aan bij de persoon.")
        return text, reverse("intake:detail", args=[melding.pk])

    return form_post(
        request, form, call, success=success, render_invalid=page, record=melding, invalid_status=FORM_PAGE_STATUS
    )


@role_required(*roles.MELDING_SENDERS)
@require_POST
def validate_bsn(request):
    """HTMX: check the BSN field alone and answer with the field, errors included."""
    form = BsnCheckForm({"bsn": request.POST.get("bsn", "")})
    if form.is_valid() and form.cleaned_data["bsn"]:
        # Show the normalised number the form will store.
        form = BsnCheckForm({"bsn": form.cleaned_data["bsn"]})
        form.is_valid()
    return render(request, "intake/partials/bsn_field.html", {"field": form["bsn"]})


# --- network partners --------------------------------------------------------


@role_required(Role.PARTNER)
@require_http_methods(["GET", "POST"])
def partner_create(request):
    if not policies.can_submit_partner_melding(request.user):
        raise PermissionDenied
    organisation = request.user.organisation
    meldpunt_error = None
    try:
        meldpunt = services.meldpunt_for_partner(organisation)
    except services.NoMeldpuntError as error:
        meldpunt, meldpunt_error = None, error.messages[0]

    initial = {"melder_phone": request.user.phone}
    form = PartnerMeldingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if meldpunt is None:
            form.add_error(None, meldpunt_error)
        else:
            melding = _register(request, form, meldpunt, services.register_partner_melding)
            if melding is not None:
                return redirect("intake:partner_submitted", pk=melding.pk)
    context = {"form": form, "meldpunt": meldpunt, "meldpunt_error": meldpunt_error}
    return render(request, "intake/partner_form.html", context)


def _partner_melding(request, pk, detail):
    queryset = Melding.objects.select_related("casus").filter(created_by=request.user)
    melding, _basis = get_melding(request, pk, detail=detail, queryset=queryset)
    return melding


@role_required(Role.PARTNER)
def partner_submitted(request, pk):
    melding = _partner_melding(request, pk, _("Ontvangstbevestiging bekeken (netwerkpartner)"))
    return render(request, "intake/partner_submitted.html", {"melding": melding})


@role_required(Role.PARTNER)
def partner_list(request):
    queryset = policies.visible_meldingen(request.user).select_related("casus").order_by("-received_at", "-pk")
    page = Paginator(queryset, PARTNER_PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [{"melding": m, "status": services.partner_status(m)} for m in page.object_list]
    log_list_access(
        request, meldingen=page.object_list, detail=_("Eigen meldingen (status)"), reason=policies.BASIS_OWN_MELDING
    )
    return render(request, "intake/partner_list.html", {"rows": rows, "page": page})


@role_required(Role.PARTNER)
def partner_detail(request, pk):
    melding = _partner_melding(request, pk, _("Status eigen melding bekeken (netwerkpartner)"))
    context = {
        "melding": melding,
        "status": services.partner_status(melding),
        "explanation": services.partner_status_explanation(melding),
    }
    return render(request, "intake/partner_detail.html", context)


# --- the list of all meldingen (issue 11) ---------------------------------------


def _melding_list_page(
    request: HttpRequest, filterset: list_filters.MeldingFilter, page: Any, rows: list, status: int = 200
) -> HttpResponse:
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page": page,
        "rows": rows,
        "columns": list_filters.columns(filterset),
        "export_limit": list_filters.EXPORT_LIMIT,
        "page_size": list_filters.PAGE_SIZE,
    }
    return render(request, "intake/melding_list.html", context, status=status)


def _log_melding_rows(request: HttpRequest, rows: list, detail: str) -> None:
    if rows:  # one insert for the page, each row with its own basis
        log_list_access(request, records=list_filters.list_reads(request.user, rows), detail=detail)


@role_required(*roles.ORGANISATION_WIDE)
def melding_list(request: HttpRequest) -> HttpResponse:
    """All meldingen the meldpunt or teamleider may see, filtered, sorted, 25 a page."""
    filterset, queryset = list_filters.meldingen_list(request.user, request.GET)
    if queryset is None:
        return _melding_list_page(request, filterset, None, [])
    page = CappedPaginator(queryset.values_list("pk", flat=True), list_filters.PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    order = list_filters.SORTS[list_filters.current_sort(filterset)]
    rows = annotate_triage(
        list_filters.page_rows(request.user, cast(QuerySet, page.object_list), order), norms=filterset.norm_settings
    )
    _log_melding_rows(request, rows, "overzicht meldingen")
    return _melding_list_page(request, filterset, page, rows)


@role_required(*roles.ORGANISATION_WIDE)
def melding_list_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV (at most EXPORT_LIMIT rows), one logged read per row."""
    filterset, queryset = list_filters.meldingen_list(request.user, request.GET)
    if queryset is None:
        return _melding_list_page(request, filterset, None, [], status=400)
    ids = list(queryset.values_list("pk", flat=True)[: list_filters.EXPORT_LIMIT])
    rows = annotate_triage(list_filters.page_rows(request.user, ids), norms=filterset.norm_settings)
    _log_melding_rows(request, rows, "export overzicht meldingen (CSV)")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vangnet-meldingen.csv"'
    response.write("\ufeff")  # so a spreadsheet reads the file as UTF-8
    writer = csv_export.writer(response, delimiter=";")
    writer.writerows(list_filters.csv_rows(rows))
    return response
