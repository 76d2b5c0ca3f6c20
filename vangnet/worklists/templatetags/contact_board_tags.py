"""The worklist home's link to the contact-lapse board (issue 15, part 3), with the
number of casussen on it: a count, no record shown (so no read row)."""

from typing import Any

from django import template
from django.utils import timezone

from vangnet.worklists import contact_board
from vangnet.worklists import policies as worklist_policies

register = template.Library()


@register.inclusion_tag("worklists/_contact_board_link.html", takes_context=True)
def contact_board_link(context: Any, count: Any = None) -> dict[str, Any]:
    """``count``: the number when the page counted it already (no query here)."""
    user = context["request"].user
    if not worklist_policies.can_view_contact_board(user):
        return {"show": False}
    if not isinstance(count, int):
        count = contact_board.lapsed_count(user, timezone.now())
    return {"show": True, "count": count}
