"""The plan van aanpak on the casus page: a short section with a link to the plan."""

from typing import Any

from django import template
from django.utils import timezone

from vangnet.plannen import policies
from vangnet.plannen.models import Action, Goal

register = template.Library()


@register.inclusion_tag("plannen/casus_section.html", takes_context=True)
def plannen_casus_section(context: Any, casus: Any) -> dict[str, Any]:
    user = context["request"].user
    if not policies.can_view_plan(user, casus):
        return {"shown": False}
    open_actions = Action.objects.filter(goal__casus=casus, status=Action.Status.OPEN)
    return {
        "shown": True,
        "casus": casus,
        "goal_count": Goal.objects.filter(casus=casus).count(),
        "open_count": open_actions.count(),
        "overdue_count": open_actions.filter(due_date__lt=timezone.localdate()).count(),
    }
