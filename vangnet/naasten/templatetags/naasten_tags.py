"""The naasten on the casus page: a short section with a link to the naasten page."""

from typing import Any

from django import template

from vangnet.naasten import policies
from vangnet.naasten.models import Naaste

register = template.Library()


@register.inclusion_tag("naasten/casus_section.html", takes_context=True)
def naasten_casus_section(context: Any, casus: Any) -> dict[str, Any]:
    if not policies.can_view_naasten(context["request"].user, casus):
        return {"shown": False}
    known = casus.__dict__.get("page_summary") or {}
    if "naasten_count" in known:  # the casus page counted them with its other sections
        return {"shown": True, "casus": casus, "count": known["naasten_count"]}
    return {"shown": True, "casus": casus, "count": Naaste.objects.filter(person_id=casus.person_id).count()}
