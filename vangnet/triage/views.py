"""The triage screen: what was reported, is this person already known, and the decision."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vangnet.access import policies
from vangnet.access.guards import get_melding, role_required
from vangnet.accounts import roles
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ListRead, ObjectType, log_access, log_list_access
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.forms import add_service_errors, keep_input_after_conflict
from vangnet.intake import policies as intake_policies
from vangnet.search import services as search_services

from .forms import PlaceSearchForm, RegisterSearchForm, TriageForm
from .models import Outcome, TriageDecision
from .services import (
    acute_danger_warning_needed,
    decide,
    find_known_persons,
    known_person_ids,
    log_known_person_lookup,
    melding_version,
    onderzoek_opened_for,
    picked_person,
    place_search,
    running_team_for,
    too_little_to_search,
    triageable_meldingen,
    triageable_with_decision,
    wvggz_deadline,
)

Action = AccessLog.Action


def _existing_decision(melding):
    return (
        TriageDecision.objects.select_related("decided_by", "casus", "casus__casusregisseur", "melding__person")
        .filter(melding=melding)
        .first()
    )


def _decision_fetched_with(melding: Any) -> TriageDecision | None:
    """The decision fetched with the melding (``triageable_with_decision``), without a query of its own."""
    try:
        return melding.triage
    except TriageDecision.DoesNotExist:
        return None


def _url_or_none(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _after_decision_url(decision: TriageDecision) -> str:
    if decision.casus_id:
        url = _url_or_none("cases:detail", decision.casus_id)
        if url:
            return url
    # A Wvggz decision opened an onderzoek: its 14-day term starts now, so go there.
    onderzoek_id = onderzoek_opened_for(decision.melding_id)
    if onderzoek_id:
        return reverse("wvggz:detail", args=[onderzoek_id])
    return _url_or_none("intake:detail", decision.melding_id) or reverse("triage:melding", args=[decision.melding_id])


def _conditional_context(form: TriageForm, melding, *, show_all: bool, user: Any) -> dict:
    outcome = form.value_of("outcome")
    # The running casus of the chosen person keeps its team unless "team wijzigen" is ticked.
    wanted = show_all or not outcome or outcome == Outcome.BEMOEIZORG
    running = running_team_for(form.value_of("person"), user) if wanted else None
    return {
        "running": running,
        "change_team": form.changes_team(),
        "form": form,
        "melding": melding,
        "outcome": outcome,
        "show_all": show_all or not outcome,
        "Outcome": Outcome,
        "wvggz_deadline": wvggz_deadline(melding),
        "show_acute_warning": acute_danger_warning_needed(form.value_of("acute_danger"), outcome),
    }


@role_required(*roles.ORGANISATION_WIDE)
def triage_melding(request, pk):
    melding, basis = get_melding(request, pk, detail="triagescherm", queryset=triageable_with_decision(request.user))
    decision = _decision_fetched_with(melding)
    if decision is not None and request.method != "POST":
        if decision.casus is not None:
            log_access(
                request,
                Action.READ,
                casus=decision.casus,
                object_type=ObjectType.CASUS,
                detail=f"triagebesluit {melding.reference}: gestarte casus",
                reason=basis,
            )
        return render(
            request,
            "triage/decision_detail.html",
            {
                "melding": melding,
                "decision": decision,
                "show_acute_warning": acute_danger_warning_needed(decision.acute_danger, decision.outcome),
                "wvggz_deadline": wvggz_deadline(melding),
            },
        )

    candidates = find_known_persons(melding, request.user)
    chosen = request.POST.get("person", "") if request.method == "POST" else ""
    if chosen and chosen not in {str(k.person.pk) for k in candidates}:
        # Found with the register search and picked: a candidate like the matcher's.
        picked = picked_person(melding, request.user, chosen)
        if picked is not None:
            candidates.append(picked)
    audit_context = AuditContext.from_request(request)
    log_known_person_lookup(request.user, melding, candidates, reason=basis, context=audit_context)
    too_little = too_little_to_search(melding)
    searches = {"too_little": too_little, **(_place_search_context(request, melding) if too_little else {})}
    if request.method == "POST" and ("register_search" in request.POST or "place_search" in request.POST):
        # A search without JavaScript: the page again, with what was typed kept
        # (unvalidated) and the persons found to pick from.
        initial = {name: request.POST.get(name, "") for name in TriageForm.base_fields}
        initial["duo"] = request.POST.getlist("duo")
        form = TriageForm(initial=initial, candidates=candidates, organisation=request.user.organisation)
        context = _conditional_context(form, melding, show_all=True, user=request.user)
        found = (
            _register_search(request, melding, {k.person.pk for k in candidates})
            if "register_search" in request.POST
            else _place_search(request, melding)
        )
        context.update({"candidates": candidates, **searches, **found})
        return render(request, "triage/triage.html", context)
    form = TriageForm(
        request.POST if request.method == "POST" else None,
        # A Wvggz melding suggests the verkennend onderzoek; the worker still decides.
        initial={"version": melding.version, **({"outcome": Outcome.WVGGZ} if melding.is_wvggz else {})},
        candidates=candidates,
        organisation=request.user.organisation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = decide(
                melding,
                by=request.user,
                outcome=data["outcome"],
                acute_danger=data["acute_danger"],
                already_in_care=data["already_in_care"],
                already_in_care_detail=data["already_in_care_detail"],
                known_to_partners=data["known_to_partners"],
                known_to_partners_detail=data["known_to_partners_detail"],
                reason=data["reason"],
                referred_to=data["referred_to"],
                crisis_service=data["crisis_service"],
                crisis_called_at=data["crisis_called_at"],
                person=form.chosen_person(),
                casusregisseur=data["casusregisseur"],
                duo=data["duo"],
                team=data["team"],
                change_team=data["change_team"],
                running_version=data["running_version"],
                expected_version=data["version"],
                context=audit_context,
            )
        except ConcurrentEditError as exc:
            current = melding_version(melding.pk)
            if current is None:
                form.add_error(None, exc.message)
            else:
                keep_input_after_conflict(form, current, exc.message)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Het triagebesluit is opgeslagen: %(outcome)s.") % {"outcome": decision.get_outcome_display()},
            )
            if acute_danger_warning_needed(decision.acute_danger, decision.outcome):
                messages.warning(
                    request,
                    _("Let op: u gaf aan dat er acuut gevaar is. Acuut gevaar hoort bij de crisisdienst of 112."),
                )
            return redirect(_after_decision_url(decision))

    context = _conditional_context(form, melding, show_all=True, user=request.user)
    context.update(
        {
            "candidates": candidates,
            "existing_decision": _existing_decision(melding) if request.method == "POST" else None,
            **searches,
        }
    )
    return render(request, "triage/triage.html", context)


def _place_search_context(request: HttpRequest, melding: Any) -> dict:
    """The place search offered when there is too little to search on, filled in with what
    was typed (after a post) or the melding's own place description, and whether the user
    may complete the melding."""
    typed = request.POST.get("place_q") if request.method == "POST" else None
    text = typed if typed is not None else (melding.place_description or "")
    return {
        "place_form": PlaceSearchForm(initial={"place_q": text[:200]}),
        "can_correct_melding": intake_policies.can_correct_melding(request.user, melding),
    }


def _place_search(request: HttpRequest, melding: Any) -> dict:
    """Persons known by a description of a place, the ones the user may see, to pick from;
    each shown is logged as a read with its basis, in one insert. The text is not logged."""
    user: Any = request.user
    form = PlaceSearchForm(request.POST)
    found: list = []
    if form.is_valid():
        found = place_search(melding, user, form.cleaned_data["place_q"])
        if found:
            log_list_access(
                request,
                records=[ListRead(object_type=ObjectType.PERSOON, reason=f.basis, person=f.person) for f in found],
                detail=f"triage {melding.reference}: gezocht op plek en beschrijving",
            )
    return {"place_form": form, "place_results": found, "place_searched": True}


def _register_search(request: HttpRequest, melding: Any, known: set[int]) -> dict:
    """Search the register by hand (the search box's service, persons only) and log every
    person shown as a read with its basis, in one insert. The query is not logged (ADR 0008)."""
    user: Any = request.user
    search_form = RegisterSearchForm(request.POST)
    found: list = []
    if search_form.is_valid():
        parsed, persons = search_services.search_persons(user, search_form.cleaned_data["register_q"])
        found = [(p, basis) for p, basis in persons if p.pk not in known]
        if found:
            log_list_access(
                request,
                records=[ListRead(object_type=ObjectType.PERSOON, reason=b, person=p) for p, b in found],
                detail=f"triage {melding.reference}: register doorzocht ({parsed.kind})",
            )
    return {"register_form": search_form, "register_results": [p for p, _b in found], "register_searched": True}


@require_POST
@role_required(*roles.ORGANISATION_WIDE)
def register_search(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX: the persons the register search finds, as choices for 'Wie is de betrokkene?'."""
    user: Any = request.user
    melding, _basis = get_melding(
        request, pk, detail="triage: register doorzoeken", queryset=triageable_meldingen(user)
    )
    # Only who the candidates are (the results leave them out), not their history.
    known = known_person_ids(melding)
    return render(request, "triage/_register_results.html", _register_search(request, melding, known))


@require_POST
@role_required(*roles.ORGANISATION_WIDE)
def place_search_results(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX: persons known by a place and a description, as choices for 'Wie is de betrokkene?'."""
    user: Any = request.user
    melding, _basis = get_melding(
        request, pk, detail="triage: zoeken op plek en beschrijving", queryset=triageable_meldingen(user)
    )
    return render(request, "triage/_place_results.html", _place_search(request, melding))


@require_POST
@role_required(*roles.ORGANISATION_WIDE)
def decision_fields(request, pk):
    """HTMX: re-render the parts of the form that depend on the chosen outcome.

    Shows no personal data (only the melding date for the Wvggz deadline), but
    the melding is fetched through the guard like every other (one row). The typed
    values are carried over as initial values so switching the outcome loses nothing."""
    melding, _basis = get_melding(
        request, pk, detail="triage: velden bij uitkomst", queryset=triageable_meldingen(request.user)
    )
    initial = {name: request.POST.get(name, "") for name in TriageForm.base_fields}
    initial["duo"] = request.POST.getlist("duo")
    if initial.get("change_team") and not initial.get("casusregisseur"):
        # "Team wijzigen" starts from the team the casus has, to change rather than retype.
        kept = running_team_for(initial.get("person", ""), request.user)
        if kept is not None:
            initial["casusregisseur"] = str(kept.casus.casusregisseur_id)
            initial["duo"] = [str(u.pk) for u in kept.duo]
    form = TriageForm(initial=initial, organisation=request.user.organisation)
    context = _conditional_context(form, melding, show_all=False, user=request.user)
    if context["running"] is not None:
        log_access(
            request,
            Action.READ,
            casus=context["running"].casus,
            object_type=ObjectType.CASUS,
            detail=f"triage {melding.reference}: team van de lopende casus",
            reason=policies.casus_access_basis(request.user, context["running"].casus) or "",
        )
    return render(request, "triage/decision_fields_response.html", context)
