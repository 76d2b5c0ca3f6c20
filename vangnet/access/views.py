"""Break the glass (meldpunt) and its review (teamleider)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vangnet.accounts.models import Role
from vangnet.audit.services import log_list_access
from vangnet.persons.models import Person

from . import policies, services
from .forms import BreakGlassForm, BreakGlassSearchForm
from .guards import role_required

SESSION_CANDIDATES = "break_glass_candidates"


def _birth_year(person):
    if person.date_of_birth:
        return person.date_of_birth.year
    return person.estimated_birth_year


@role_required(Role.MELDPUNT)
def break_glass(request):
    """Step 1: find the person (BSN, or surname + date of birth)."""
    form = BreakGlassSearchForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        terms = form.cleaned_data
        persons = services.find_persons_for_break_glass(
            bsn=terms["bsn"], surname=terms["surname"], date_of_birth=terms["date_of_birth"]
        )
        summary = services.summarise_search(bsn=terms["bsn"], surname=terms["surname"], date_of_birth=terms["date_of_birth"])
        services.log_break_glass_search(request, persons, summary)
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
def break_glass_confirm(request, pk):
    """Step 2: reason and confirmation, then the grant."""
    if pk not in request.session.get(SESSION_CANDIDATES, []):
        raise Http404
    person = get_object_or_404(Person, pk=pk)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.break_the_glass(request, person, form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error("reason", exc)
        else:
            request.session[SESSION_CANDIDATES] = []
            messages.warning(
                request,
                _("Noodtoegang actief tot %(until)s. Alles wat u nu inziet wordt gelogd en beoordeeld.")
                % {"until": services.format_until(grant.expires_at)},
            )
            return redirect("persons:detail", pk=person.pk)
    return render(
        request,
        "access/break_glass_confirm.html",
        {"form": form, "person": person, "birth_year": _birth_year(person), "duration_hours": 4},
    )


@role_required(Role.TEAMLEIDER)
def break_glass_review(request):
    """The teamleider's list of break-the-glass grants of their organisation's users."""
    show = request.GET.get("toon", "open")
    grants = services.grants_to_review(request.user)
    if show != "alle":
        show = "open"
        grants = grants.filter(reviewed_at__isnull=True)
    page = Paginator(grants, 50).get_page(request.GET.get("pagina"))
    rows = [{"grant": g, "accesses": services.accesses_under_grant(g)} for g in page]
    log_list_access(
        request,
        persons=[g.person for g in page],
        detail="noodtoegang beoordelen",
        reason=policies.BASIS_BREAK_GLASS_REVIEW,
    )
    return render(request, "access/break_glass_review.html", {"page": page, "rows": rows, "show": show})


@require_POST
@role_required(Role.TEAMLEIDER)
def break_glass_mark_reviewed(request, pk):
    grant = services.grants_to_review(request.user).filter(pk=pk).first()
    if grant is None:
        raise Http404
    services.mark_reviewed(request, grant)
    messages.success(request, _("De noodtoegang is gemarkeerd als beoordeeld."))
    return redirect("access:break_glass_review")
