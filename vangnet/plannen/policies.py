"""Who may see and change the plan van aanpak of a casus.

- See the plan (goals, all actions, history): the care team of the casus
  (``roles.CARE_TEAM``) with a basis to see the casus (casuslid, or the
  organisation's teamleider), never under break-the-glass. The meldpunt sees the
  casus but not its care content (403), as for the leefgebieden.
- Set or change goals and actions: whoever works on the casus
  (``can_work_on_casus``), of the care team, while the casus is open.
- A partner organisation that owns an action: its users (role in
  ``roles.DATA_ACCESS``, of that organisation) see only that action (text, due
  date, casus reference; not the goal, not other actions, not the history) and may
  mark it done. Anyone else: 404, as procesregie does for the organisation aan zet.
- A worker who owns an action sees it on her worklist (she is on the casus).
"""

from typing import Any

from vangnet.access.policies import can_work_on_casus, casus_access_basis, is_active_worker
from vangnet.accounts import roles

BASIS_PARTNER_ACTIE = "organisatie voert actie uit (plan van aanpak)"


def plan_basis(user: Any, casus: Any) -> str | None:
    """The basis on which ``user`` sees the whole plan of ``casus`` (None: not at all)."""
    if getattr(user, "role", None) not in roles.CARE_TEAM:
        return None
    return casus_access_basis(user, casus, include_break_glass=False)


def can_view_plan(user: Any, casus: Any) -> bool:
    return plan_basis(user, casus) is not None


def can_edit_plan(user: Any, casus: Any) -> bool:
    return can_view_plan(user, casus) and can_work_on_casus(user, casus)


def goal_basis(user: Any, goal: Any) -> str | None:
    return plan_basis(user, goal.casus)


def can_edit_goal(user: Any, goal: Any) -> bool:
    return can_edit_plan(user, goal.casus)


def is_partner_owner(user: Any, action: Any) -> bool:
    """A user of the partner organisation that owns the action."""
    return bool(
        is_active_worker(user)
        and user.role in roles.DATA_ACCESS
        and action.owner_organisation_id is not None
        and user.organisation_id == action.owner_organisation_id
        and plan_basis(user, action.goal.casus) is None
    )


def action_basis(user: Any, action: Any) -> str | None:
    """The care team sees the action with the plan; the owning organisation sees only it."""
    basis = plan_basis(user, action.goal.casus)
    if basis is not None:
        return basis
    return BASIS_PARTNER_ACTIE if is_partner_owner(user, action) else None


def can_edit_action(user: Any, action: Any) -> bool:
    return can_edit_plan(user, action.goal.casus)


def can_complete_action(user: Any, action: Any) -> bool:
    """Mark done: whoever works on the casus, or a user of the owning partner organisation."""
    return can_edit_action(user, action) or is_partner_owner(user, action)


def can_view_partner_actions(user: Any) -> bool:
    return is_active_worker(user) and user.role in roles.DATA_ACCESS
