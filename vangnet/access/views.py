"""Break the glass (meldpunt) and its review (teamleider)."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ObjectType, log_list_access
from vangnet.core.views import FORM_PAGE_STATUS, form_post
from vangnet.persons.models import Person

from . import guards, policies, services
from .forms import BreakGlassForm, BreakGlassSearchForm
from .guards import role_required
from .models import BreakGlassGrant

SESSION_CANDIDATES = "break_glass_candidates"
BASIS_SEARCH_RESULT = "noodtoegang: gekozen uit eigen zoekopdracht"


def _birth_year(person: Person) -> int | None:
    if person.date_of_birth:
        return person.date_of_birth.year
    return person.estimated_birth_year


@role_required(Role.MELDPUNT)
def break_glass(request: HttpRequest) -> HttpResponse:
    """Step 1: find the person (BSN, or surname + date of birth)."""
    form = BreakGlassSearchForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        terms = form.cleaned_data
        persons = services.find_persons_for_break_glass(
            bsn=terms["bsn"], surname=terms["surname"], date_of_birth=terms["date_of_birth"]
        )
        summary = services.summarise_search(
            bsn=terms["bsn"], surname=terms["surname"], date_of_birth=terms["date_of_birth"]
        )
        services.log_break_glass_search(request.user, persons, summary, context=AuditContext.from_request(request))
        # Only persons found by a logged search can be chosen in step 2.
        request.session[SESSION_CANDIDATES] = [p.pk for p in persons]
        results = [
            {
                "person": p,
                "birth_year": _birth_year(p),
                "has_access": policies.person_access_basis(request.user, p) is not None,
            }
            for p in persons
        ]
    return render(request, "access/break_glass_search.html", {"form": form, "results": results})


@role_required(Role.MELDPUNT)
def break_glass_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2: reason and confirmation, then the grant."""
    candidates = request.session.get(SESSION_CANDIDATES, [])
    person, _basis = guards.fetch(
        request,
        "persoon",
        pk,
        action=AccessLog.Action.EXECUTE,
        detail="noodtoegang: reden en bevestiging",
        # Only a person found by the user's own logged search (the person is not visible yet).
        policy=lambda user, p: BASIS_SEARCH_RESULT if p.pk in candidates else None,
    )
    form = BreakGlassForm(request.POST or None)

    def grant(data: dict[str, Any]) -> BreakGlassGrant:
        try:
            return services.break_the_glass(
                person, data["reason"], by=request.user, context=AuditContext.from_request(request)
            )
        except services.BreakGlassLimitReached as exc:
            guards.log_refusal(
                request,
                object_type=ObjectType.NOODTOEGANG,
                object_id=person.pk,
                id_field="person",
                obj=person,
                detail="daglimiet noodtoegang bereikt",
                reason=exc.messages[0],
            )
            raise

    def granted(grant: BreakGlassGrant) -> tuple[str, str]:
        request.session[SESSION_CANDIDATES] = []
        return (
            _("Noodtoegang actief tot %(until)s. Alles wat u nu inziet wordt gelogd en beoordeeld.")
            % {"until": services.format_until(grant.expires_at)},
            reverse("persons:detail", args=[person.pk]),
        )

    def page(form: BreakGlassForm) -> HttpResponse:
        # Told before typing a reason; the service checks again when the grant is made.
        limit_message = services.daily_limit_message() if services.daily_limit_reached(request.user) else ""
        return render(
            request,
            "access/break_glass_confirm.html",
            {
                "form": form,
                "person": person,
                "birth_year": _birth_year(person),
                "duration_hours": 4,
                "limit_message": limit_message,
            },
        )

    return form_post(
        request,
        form,
        grant,
        success=granted,
        render_invalid=page,
        invalid_status=FORM_PAGE_STATUS,
        message_level=messages.WARNING,
    )


@role_required(Role.TEAMLEIDER)
def break_glass_review(request: HttpRequest) -> HttpResponse:
    """The teamleider's list of break-the-glass grants of their organisation's users."""
    show = request.GET.get("toon", "open")
    grants = services.grants_to_review(request.user)
    if show != "alle":
        show = "open"
        grants = grants.filter(reviewed_at__isnull=True)
    page = Paginator(grants, 50).get_page(request.GET.get("pagina"))
    rows = [
        {
            "grant": g,
            "accesses": services.accesses_under_grant(g),
            "can_mark": services.can_mark_reviewed(request.user, g),
        }
        for g in page
    ]
    log_list_access(
        request,
        persons=[g.person for g in page],
        detail="noodtoegang beoordelen",
        reason=policies.BASIS_BREAK_GLASS_REVIEW,
    )
    return render(request, "access/break_glass_review.html", {"page": page, "rows": rows, "show": show})


@require_POST
@role_required(Role.TEAMLEIDER)
def break_glass_mark_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    grant, _basis = guards.fetch(
        request,
        "noodtoegang",
        pk,
        action=AccessLog.Action.READ,
        detail="noodtoegang beoordelen",
        allow=services.can_mark_reviewed,
    )
    services.mark_reviewed(grant, by=request.user, context=AuditContext.from_request(request))
    messages.success(request, _("De noodtoegang is gemarkeerd als beoordeeld."))
    return redirect("access:break_glass_review")
