"""The rules of the plan van aanpak: set and change goals, add and change
actions, mark an action done, and read the plan, its history and the overdue
actions of a worker or a partner organisation. Each change writes a PlanChange
(the plan's history) and its access-log row in the same transaction; the log row
names the goal or action by number, never its text."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import Action as A
from vangnet.audit.services import AuditContext, ObjectType, audit
from vangnet.cases.models import Phase
from vangnet.core import plausible
from vangnet.core.errors import field_error as _invalid

from . import policies
from .models import MAX_ACTION_TEXT, MAX_GOAL_TEXT, Action, Goal, PlanChange

W = PlanChange.What


def _open_casus(casus: Any) -> None:
    if not casus.is_open:
        raise _invalid("__all__", _("De casus is afgesloten; heropen hem eerst."), "closed")


def _text(value: str, field: str, limit: int, required: str) -> str:
    value = (value or "").strip()
    if not value:
        raise _invalid(field, required, "required")
    if len(value) > limit:
        raise _invalid(field, _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": limit}, "too_long")
    return value


def _change(goal: Goal, what: PlanChange.What, old: Any, new: Any, by: Any, action: Action | None = None) -> None:
    PlanChange.objects.create(
        casus_id=goal.casus_id, goal=goal, action=action, what=what, old_value=str(old), new_value=str(new), by=by
    )


def _audit(
    by: Any, context: AuditContext | None, casus: Any, object_type: str, act: str, detail: str, reason: str
) -> None:
    audit(by, act, context=context, casus=casus, object_type=object_type, detail=detail, reason=reason)


# --- reading -------------------------------------------------------------------


def plan(casus: Any) -> list[Goal]:
    """The goals of the casus with their actions (two queries)."""
    return list(
        Goal.objects.filter(casus=casus).prefetch_related(
            _actions_prefetch(),
        )
    )


def _actions_prefetch() -> Any:
    from django.db.models import Prefetch

    return Prefetch(
        "actions", queryset=Action.objects.select_related("owner_user", "owner_organisation").order_by("due_date", "id")
    )


def history(casus: Any) -> list[PlanChange]:
    return list(PlanChange.objects.filter(casus=casus).select_related("by", "goal", "action"))


def overdue_actions_for_worker(user: Any, today: date | None = None) -> QuerySet[Action]:
    """Open actions owned by ``user`` whose due date has passed, on open casussen (one query)."""
    today = today or timezone.localdate()
    return (
        Action.objects.filter(owner_user=user, status=Action.Status.OPEN, due_date__lt=today)
        .exclude(goal__casus__phase=Phase.AFGESLOTEN)
        .select_related("goal__casus")
        .order_by("due_date", "id")
    )


def partner_actions(user: Any) -> QuerySet[Action]:
    """The open actions owned by the user's organisation on open casussen (one query)."""
    if not policies.can_view_partner_actions(user):
        return Action.objects.none()
    return (
        Action.objects.filter(
            owner_organisation_id=user.organisation_id,
            status=Action.Status.OPEN,
        )
        .exclude(goal__casus__phase=Phase.AFGESLOTEN)
        .select_related("goal__casus")
        .order_by("due_date", "id")
    )


def overdue_partner_actions(user: Any, today: date | None = None) -> QuerySet[Action]:
    """The open actions of the user's organisation whose due date has passed (one query)."""
    return partner_actions(user).filter(due_date__lt=today or timezone.localdate())


# --- goals ---------------------------------------------------------------------


@transaction.atomic
def set_goal(casus: Any, *, text: str, own_words: bool, by: Any, context: AuditContext | None = None) -> Goal:
    """Set a goal of the plan. The same goal sent twice by the same worker (a double
    submit) is the first one, without a second row."""
    if not policies.can_edit_plan(by, casus):
        raise PermissionDenied
    _open_casus(casus)
    text = _text(text, "text", MAX_GOAL_TEXT, _("Schrijf het doel op."))
    earlier = Goal.objects.filter(casus=casus, text=text, created_by=by, status=Goal.Status.OPEN).first()
    if earlier is not None:
        return earlier
    goal = Goal.objects.create(casus=casus, text=text, own_words=own_words, created_by=by)
    _change(goal, W.DOEL_GESTELD, "", text, by)
    _audit(
        by,
        context,
        casus,
        ObjectType.PLAN_DOEL,
        A.CREATE,
        f"doel {goal.pk} gesteld",
        policies.plan_basis(by, casus) or "",
    )
    return goal


@transaction.atomic
def change_goal(
    goal: Goal,
    *,
    expected_version: int,
    text: str,
    own_words: bool,
    status: str,
    by: Any,
    context: AuditContext | None = None,
) -> Goal:
    """Change a goal's text, own-words flag or status. Optimistic locking: when
    someone saved it since ``expected_version``, ConcurrentEditError."""
    casus = goal.casus
    if not policies.can_edit_goal(by, goal):
        raise PermissionDenied
    _open_casus(casus)
    text = _text(text, "text", MAX_GOAL_TEXT, _("Schrijf het doel op."))
    if status not in Goal.Status.values:
        raise _invalid("status", _("Kies een status."), "invalid")
    old_text, old_own_words, old_status = goal.text, goal.own_words, goal.status
    goal.text, goal.own_words, goal.status = text, own_words, status
    goal.save_versioned(expected_version, ["text", "own_words", "status"])
    if old_text != text:
        _change(goal, W.DOEL_GEWIJZIGD, old_text, text, by)
    if old_own_words != own_words:
        _change(goal, W.EIGEN_WOORDEN, _yes_no(old_own_words), _yes_no(own_words), by)
    if old_status != status:
        _change(goal, W.STATUS_DOEL, Goal.Status(old_status).label, Goal.Status(status).label, by)
    _audit(
        by,
        context,
        casus,
        ObjectType.PLAN_DOEL,
        A.UPDATE,
        f"doel {goal.pk} gewijzigd",
        policies.plan_basis(by, casus) or "",
    )
    return goal


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


# --- actions -------------------------------------------------------------------


def owner_choices(casus: Any) -> tuple[list[Any], list[Any]]:
    """Who may own an action: the casus' workers, and the partner organisations
    (every organisation other than the casus' own)."""
    from vangnet.organisations.models import Organisation

    workers = [m.user for m in casus.members.select_related("user").order_by("user__first_name", "user__username")]
    organisations = list(Organisation.objects.exclude(pk=casus.organisation_id).order_by("name"))
    return workers, organisations


def _check_action(
    casus: Any, description: str, owner_user: Any, owner_organisation: Any, due_date: date | None
) -> tuple[str, date]:
    description = _text(description, "description", MAX_ACTION_TEXT, _("Beschrijf de actie."))
    if (owner_user is None) == (owner_organisation is None):
        raise _invalid("owner", _("Kies wie de actie uitvoert: een medewerker of een partnerorganisatie."), "owner")
    if owner_user is not None and not casus.members.filter(user=owner_user).exists():
        raise _invalid("owner", _("Deze medewerker werkt niet aan de casus."), "owner")
    if owner_organisation is not None and owner_organisation.pk == casus.organisation_id:
        raise _invalid("owner", _("Kies een medewerker van de eigen organisatie, geen organisatie."), "owner")
    if due_date is None:
        raise _invalid("due_date", _("Vul in wanneer de actie uiterlijk klaar is."), "required")
    plausible.check_planned_day(
        due_date, field="due_date", not_before=casus.opened_at, not_before_label=_("de start van de casus")
    )
    return description, due_date


@transaction.atomic
def add_action(
    goal: Goal,
    *,
    description: str,
    owner_user: Any = None,
    owner_organisation: Any = None,
    due_date: date | None,
    by: Any,
    context: AuditContext | None = None,
) -> Action:
    """Add an action to a goal. The same action sent twice (a double submit) is the first one."""
    casus = goal.casus
    if not policies.can_edit_goal(by, goal):
        raise PermissionDenied
    _open_casus(casus)
    description, due_date = _check_action(casus, description, owner_user, owner_organisation, due_date)
    earlier = Action.objects.filter(
        goal=goal,
        description=description,
        owner_user=owner_user,
        owner_organisation=owner_organisation,
        due_date=due_date,
        status=Action.Status.OPEN,
        created_by=by,
    ).first()
    if earlier is not None:
        return earlier
    action = Action.objects.create(
        goal=goal,
        description=description,
        owner_user=owner_user,
        owner_organisation=owner_organisation,
        due_date=due_date,
        created_by=by,
    )
    _change(goal, W.ACTIE_TOEGEVOEGD, "", f"{description} ({action.owner_label}, {due_date:%d-%m-%Y})", by, action)
    _audit(
        by,
        context,
        casus,
        ObjectType.PLAN_ACTIE,
        A.CREATE,
        f"actie {action.pk} toegevoegd",
        policies.plan_basis(by, casus) or "",
    )
    return action


@transaction.atomic
def change_action(
    action: Action,
    *,
    expected_version: int,
    description: str,
    owner_user: Any = None,
    owner_organisation: Any = None,
    due_date: date | None,
    status: str,
    by: Any,
    context: AuditContext | None = None,
) -> Action:
    """Change an action (text, owner, due date, status) with optimistic locking."""
    goal = action.goal
    casus = goal.casus
    if not policies.can_edit_action(by, action):
        raise PermissionDenied
    _open_casus(casus)
    description, due_date = _check_action(casus, description, owner_user, owner_organisation, due_date)
    if status not in Action.Status.values:
        raise _invalid("status", _("Kies een status."), "invalid")
    old_owner, old = action.owner_label, (action.description, action.due_date, action.status)
    action.description, action.due_date = description, due_date
    action.owner_user, action.owner_organisation = owner_user, owner_organisation
    fields = ["description", "due_date", "owner_user", "owner_organisation", "status"]
    if status != action.status:
        action.done_by, action.done_at = (by, timezone.now()) if status == Action.Status.GEDAAN else (None, None)
        fields += ["done_by", "done_at"]
    action.status = status
    action.save_versioned(expected_version, fields)
    if old[0] != description:
        _change(goal, W.ACTIE_GEWIJZIGD, old[0], description, by, action)
    if old_owner != action.owner_label:
        _change(goal, W.UITVOERDER, old_owner, action.owner_label, by, action)
    if old[1] != due_date:
        _change(goal, W.UITERLIJK, f"{old[1]:%d-%m-%Y}", f"{due_date:%d-%m-%Y}", by, action)
    if old[2] != status:
        _change(goal, W.STATUS_ACTIE, Action.Status(old[2]).label, Action.Status(status).label, by, action)
    _audit(
        by,
        context,
        casus,
        ObjectType.PLAN_ACTIE,
        A.UPDATE,
        f"actie {action.pk} gewijzigd",
        policies.plan_basis(by, casus) or "",
    )
    return action


@transaction.atomic
def complete_action(action: Action, *, expected_version: int, by: Any, context: AuditContext | None = None) -> Action:
    """Mark an action done: whoever works on the casus, or a user of the owning
    partner organisation. Already done (a double submit): nothing changes."""
    if not policies.can_complete_action(by, action):
        raise PermissionDenied
    if action.status == Action.Status.GEDAAN:
        return action
    if not action.is_open:
        raise _invalid("__all__", _("Deze actie is vervallen."), "not_open")
    casus = action.goal.casus
    _open_casus(casus)
    action.status, action.done_by, action.done_at = Action.Status.GEDAAN, by, timezone.now()
    action.save_versioned(expected_version, ["status", "done_by", "done_at"])
    _change(action.goal, W.STATUS_ACTIE, Action.Status.OPEN.label, Action.Status.GEDAAN.label, by, action)
    reason = policies.action_basis(by, action) or ""
    _audit(by, context, casus, ObjectType.PLAN_ACTIE, A.UPDATE, f"actie {action.pk} gedaan", reason)
    return action
