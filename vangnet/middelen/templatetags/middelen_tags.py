"""The casus page's link to its means page (the casus page already wrote its read row)."""

from typing import Any

from django import template

from vangnet.middelen import policies

register = template.Library()


@register.inclusion_tag("middelen/includes/casus_section.html", takes_context=True)
def middelen_casus_section(context: Any, casus: Any) -> dict[str, Any]:
    """A short card with counts, for whoever may see the means (nothing otherwise)."""
    if not policies.can_view_middelen(context["request"].user, casus):
        return {"shown": False}
    return {
        "shown": True,
        "casus": casus,
        "inzet_count": casus.inzet.count(),
        "waiting_count": casus.wachtlijsten.filter(status="wachtend").count(),
    }
