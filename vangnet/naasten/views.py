"""The naasten page of a casus (the person's naasten as cards, the form to add one,
the log of contacts with the form to log one) and the page to change a naaste.
Thin: guarded fetch, form, service."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.access import guards
from vangnet.accounts import roles
from vangnet.audit.services import AuditContext
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import policies, services
from .forms import ContactForm, NaasteForm


def _page(request: HttpRequest, casus: Any, form: NaasteForm | None, contact_form: ContactForm | None) -> HttpResponse:
    naasten = list(services.naasten(casus.person))
    can_edit = policies.can_edit_naasten(request.user, casus)
    return render(
        request,
        "naasten/overview.html",
        {
            "casus": casus,
            "naasten": naasten,
            "contacts": list(services.contacts(casus)),
            "can_edit": can_edit,
            "form": form or (NaasteForm() if can_edit else None),
            "contact_form": contact_form or (ContactForm(naasten=naasten) if can_edit and naasten else None),
        },
    )


def _fetch(request: HttpRequest, casus_pk: int, detail: str) -> Any:
    editing = request.method == "POST"
    casus, _basis = guards.fetch(
        request,
        "casus",
        casus_pk,
        allow=policies.can_edit_naasten if editing else policies.can_view_naasten,
        allow_break_glass=False,
        detail=detail,
    )
    return casus


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def overview(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus = _fetch(request, casus_pk, "naaste toevoegen" if request.method == "POST" else "naasten bekeken")
    if request.method != "POST":
        return _page(request, casus, None, None)
    form = NaasteForm(request.POST)
    return form_post(
        request,
        form,
        lambda d: services.add_naaste(
            casus,
            name=d["name"],
            relation=d["relation"],
            reach=d["reach"],
            consent=d["consent"],
            consent_on=d["consent_on"],
            is_melder=d["is_melder"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De naaste is toegevoegd."), reverse("naasten:overview", args=[casus.pk])),
        render_invalid=lambda f: _page(request, casus, f, None),
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus = _fetch(
        request, casus_pk, "contact met naaste vastleggen" if request.method == "POST" else "naasten bekeken"
    )
    if request.method != "POST":
        return _page(request, casus, None, None)
    form = ContactForm(request.POST, naasten=list(services.naasten(casus.person)))
    return form_post(
        request,
        form,
        lambda d: services.log_naaste_contact(
            casus,
            naaste=form.chosen_naaste(),
            at=d["at"],
            way=d["way"],
            note=d["note"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("Het contact met de naaste is vastgelegd."), reverse("naasten:overview", args=[casus.pk])),
        render_invalid=lambda f: _page(request, casus, None, f),
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def naaste_edit(request: HttpRequest, pk: int) -> HttpResponse:
    naaste, _basis = guards.fetch(
        request,
        "naaste",
        pk,
        allow=policies.can_edit_naaste,
        allow_break_glass=False,
        detail="naaste wijzigen",
    )
    casus = policies.working_casus(request.user, naaste.person)
    if casus is None:  # can_edit_naaste said there is one; it closed in between
        raise PermissionDenied
    form = NaasteForm(request.POST if request.method == "POST" else None, naaste=naaste)

    def page(form: NaasteForm) -> HttpResponse:
        return render(request, "naasten/naaste_form.html", {"casus": casus, "form": form, "naaste": naaste})

    return form_post(
        request,
        form,
        lambda d: services.change_naaste(
            naaste,
            expected_version=d["version"],
            name=d["name"],
            relation=d["relation"],
            reach=d["reach"],
            consent=d["consent"],
            consent_on=d["consent_on"],
            is_melder=d["is_melder"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("De naaste is gewijzigd."), reverse("naasten:overview", args=[casus.pk])),
        render_invalid=page,
        record=naaste,
        invalid_status=FORM_PAGE_STATUS,
    )
