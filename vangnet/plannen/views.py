"""The pages of the plan van aanpak: the plan of a casus (goals, actions, history),
a goal and an action added or changed, an action marked done, and the actions a
partner organisation carries out. Thin: guarded fetch, form, service."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.access import guards
from vangnet.accounts import roles
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ListRead, ObjectType, log_list_access
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.views import FORM_PAGE_STATUS, form_post

from . import policies, services
from .forms import ActionForm, CompleteActionForm, GoalForm


def _plan_url(casus: Any) -> str:
    return reverse("plannen:plan", args=[casus.pk])


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET"])
def plan(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus, basis = guards.fetch(
        request, "casus", casus_pk, allow=policies.can_view_plan, detail="plan van aanpak bekeken"
    )
    goals = services.plan(casus)
    today = timezone.localdate()
    can_edit = policies.can_edit_plan(request.user, casus) and casus.is_open
    for goal in goals:
        for action in goal.actions.all():
            action.overdue = action.is_overdue(today)
            action.done_form = CompleteActionForm(initial={"version": action.version}, prefix=f"a{action.pk}")
    return render(
        request,
        "plannen/plan.html",
        {"casus": casus, "basis": basis, "goals": goals, "history": services.history(casus), "can_edit": can_edit},
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def goal_add(request: HttpRequest, casus_pk: int) -> HttpResponse:
    casus, _basis = guards.fetch(
        request, "casus", casus_pk, allow=policies.can_edit_plan, allow_break_glass=False, detail="doel stellen"
    )
    form = GoalForm(request.POST if request.method == "POST" else None)
    return form_post(
        request,
        form,
        lambda d: services.set_goal(
            casus, text=d["text"], own_words=d["own_words"], by=request.user, context=AuditContext.from_request(request)
        ),
        success=(_("Het doel is vastgelegd."), _plan_url(casus)),
        render_invalid=lambda f: render(request, "plannen/goal_form.html", {"casus": casus, "form": f, "goal": None}),
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal, _basis = guards.fetch(
        request, "plan-doel", pk, allow=policies.can_edit_goal, allow_break_glass=False, detail="doel wijzigen"
    )
    casus = goal.casus
    form = GoalForm(request.POST if request.method == "POST" else None, goal=goal)
    return form_post(
        request,
        form,
        lambda d: services.change_goal(
            goal,
            expected_version=d["version"],
            text=d["text"],
            own_words=d["own_words"],
            status=d["status"],
            by=request.user,
            context=AuditContext.from_request(request),
        ),
        success=(_("Het doel is gewijzigd."), _plan_url(casus)),
        render_invalid=lambda f: render(request, "plannen/goal_form.html", {"casus": casus, "form": f, "goal": goal}),
        record=goal,
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    goal, _basis = guards.fetch(
        request, "plan-doel", pk, allow=policies.can_edit_goal, allow_break_glass=False, detail="actie toevoegen"
    )
    casus = goal.casus
    workers, organisations = services.owner_choices(casus)
    form = ActionForm(request.POST if request.method == "POST" else None, workers=workers, organisations=organisations)

    def call(d: dict[str, Any]) -> Any:
        owner_user, owner_organisation = form.owners()
        return services.add_action(
            goal,
            description=d["description"],
            owner_user=owner_user,
            owner_organisation=owner_organisation,
            due_date=d["due_date"],
            by=request.user,
            context=AuditContext.from_request(request),
        )

    return form_post(
        request,
        form,
        call,
        success=(_("De actie is toegevoegd."), _plan_url(casus)),
        render_invalid=lambda f: render(
            request, "plannen/action_form.html", {"casus": casus, "goal": goal, "form": f, "action": None}
        ),
        invalid_status=FORM_PAGE_STATUS,
    )


@guards.role_required(*roles.CARE_TEAM)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action, _basis = guards.fetch(
        request, "plan-actie", pk, allow=policies.can_edit_action, allow_break_glass=False, detail="actie wijzigen"
    )
    goal = action.goal
    casus = goal.casus
    workers, organisations = services.owner_choices(casus)
    form = ActionForm(
        request.POST if request.method == "POST" else None, workers=workers, organisations=organisations, action=action
    )

    def call(d: dict[str, Any]) -> Any:
        owner_user, owner_organisation = form.owners()
        return services.change_action(
            action,
            expected_version=d["version"],
            description=d["description"],
            owner_user=owner_user,
            owner_organisation=owner_organisation,
            due_date=d["due_date"],
            status=d["status"],
            by=request.user,
            context=AuditContext.from_request(request),
        )

    return form_post(
        request,
        form,
        call,
        success=(_("De actie is gewijzigd."), _plan_url(casus)),
        render_invalid=lambda f: render(
            request, "plannen/action_form.html", {"casus": casus, "goal": goal, "form": f, "action": action}
        ),
        record=action,
        invalid_status=FORM_PAGE_STATUS,
    )


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    # Not on the casus and not the owning organisation: 404; otherwise can_complete_action (403).
    action, _basis = guards.fetch(
        request,
        "plan-actie",
        pk,
        action=AccessLog.Action.UPDATE,
        allow=policies.can_complete_action,
        allow_break_glass=False,
        detail="actie gedaan",
    )
    after = (
        _plan_url(action.goal.casus)
        if policies.can_view_plan(user, action.goal.casus)
        else reverse("plannen:partner_actions")
    )
    form = CompleteActionForm(request.POST, prefix=f"a{action.pk}")
    if not form.is_valid():
        messages.error(request, _("Het formulier is onvolledig; probeer het opnieuw."))
        return redirect(after)
    try:
        services.complete_action(
            action,
            expected_version=form.cleaned_data["version"],
            by=user,
            context=AuditContext.from_request(request),
        )
    except ConcurrentEditError as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De actie is als gedaan gemarkeerd."))
    return redirect(after)


@login_required
@require_http_methods(["GET"])
def partner_actions(request: HttpRequest) -> HttpResponse:
    """The plan actions the user's organisation carries out: action text, due date
    and casus reference only (no goal, no name)."""
    if not policies.can_view_partner_actions(request.user):
        raise PermissionDenied
    actions = list(services.partner_actions(request.user))
    today = timezone.localdate()
    for action in actions:
        action.overdue = action.is_overdue(today)
        action.done_form = CompleteActionForm(initial={"version": action.version}, prefix=f"a{action.pk}")
    if actions:  # one read row per action shown (each with its own detail), in one insert
        log_list_access(
            request,
            records=[
                ListRead(
                    ObjectType.PLAN_ACTIE,
                    policies.BASIS_PARTNER_ACTIE,
                    casus=action.goal.casus,
                    detail=f"actie {action.pk} in het plan (uitvoerende organisatie)",
                )
                for action in actions
            ],
        )
    return render(request, "plannen/partner_actions.html", {"actions": actions})
