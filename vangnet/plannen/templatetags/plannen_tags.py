"""The plan van aanpak on the casus page: a short section with a link to the plan."""

from typing import Any

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from vangnet.plannen import policies
from vangnet.plannen.models import Action, Goal

register = template.Library()


@register.inclusion_tag("plannen/casus_section.html", takes_context=True)
def plannen_casus_section(context: Any, casus: Any) -> dict[str, Any]:
    user = context["request"].user
    if not policies.can_view_plan(user, casus):
        return {"shown": False}
    known = casus.__dict__.get("page_summary") or {}
    if "goal_count" in known:  # the casus page counted them with its other sections
        return {"shown": True, "casus": casus, **{k: known[k] for k in ("goal_count", "open_count", "overdue_count")}}
    # one aggregate over the goals and their actions instead of three counts
    open_action = Q(actions__status=Action.Status.OPEN)
    counts = Goal.objects.filter(casus=casus).aggregate(
        goals=Count("pk", distinct=True),
        open=Count("actions", filter=open_action),
        overdue=Count("actions", filter=open_action & Q(actions__due_date__lt=timezone.localdate())),
    )
    return {
        "shown": True,
        "casus": casus,
        "goal_count": counts["goals"],
        "open_count": counts["open"],
        "overdue_count": counts["overdue"],
    }


def _log_rows(request: Any, actions: list[Any], detail: str, reason: str) -> None:
    from vangnet.audit.models import AccessLog
    from vangnet.audit.services import ObjectType, log_access

    for action in actions:
        log_access(
            request,
            AccessLog.Action.READ,
            casus=action.goal.casus,
            object_type=ObjectType.PLAN_ACTIE,
            detail=f"{detail}: actie {action.pk}",
            reason=reason,
        )


@register.inclusion_tag("plannen/worklist_overdue.html", takes_context=True)
def plannen_overdue_for_worker(context: Any, known: Any = None) -> dict[str, Any]:
    """The worker's own overdue plan actions on her home page (one query; none when
    ``known`` is False: the page counted none already)."""
    from vangnet.plannen import services

    request = context["request"]
    actions = [] if known is False else list(services.overdue_actions_for_worker(request.user)[:ROWS])
    _log_rows(request, actions, "werkvoorraad: te late actie in het plan", "uitvoerder van de actie (plan van aanpak)")
    return {"actions": actions, "partner": False}


@register.inclusion_tag("plannen/worklist_overdue.html", takes_context=True)
def plannen_overdue_for_partner(context: Any, known: Any = None) -> dict[str, Any]:
    """The overdue plan actions of the partner's organisation on the partner home (one query;
    none when ``known`` is False: the page counted none already)."""
    from vangnet.plannen import services

    request = context["request"]
    actions = [] if known is False else list(services.overdue_partner_actions(request.user)[:ROWS])
    _log_rows(request, actions, "startpagina: te late actie in het plan", policies.BASIS_PARTNER_ACTIE)
    return {"actions": actions, "partner": True}


ROWS = 10
