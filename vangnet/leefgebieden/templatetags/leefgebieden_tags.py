"""The life-domain picture on other apps' pages: the casus page's section and the
part a referral shares. The pages around them already wrote their read rows (the
casus, the referral)."""

from typing import Any

from django import template

from vangnet.leefgebieden import policies, services

register = template.Library()


@register.inclusion_tag("leefgebieden/includes/casus_section.html", takes_context=True)
def leefgebieden_casus_section(context: Any, casus: Any) -> dict[str, Any]:
    """The latest picture on the casus page, for whoever may see the pictures (nothing otherwise)."""
    user = context["request"].user
    if not policies.can_view_leefgebieden(user, casus):
        return {"shown": False}
    known = casus.__dict__.get("page_summary") or {}
    # the casus page counted the pictures already: none, no query
    latest = None if known.get("leefgebieden_count") == 0 else services.latest_picture(casus, with_count=True)
    return {
        "shown": True,
        "casus": casus,
        "latest": latest,
        "rows": services.picture_rows(latest) if latest else [],
        "count": getattr(latest, "casus_picture_count", 0) if latest else 0,
        "can_edit": policies.can_edit_leefgebieden(user, casus) and casus.is_open,
    }


@register.inclusion_tag("leefgebieden/includes/shared_part.html")
def leefgebieden_shared_part(referral: Any) -> dict[str, Any]:
    """The picture a referral shares (only when the worker chose the part; see
    services.shared_picture), as the partner and the worker see it on the referral."""
    picture = services.shared_picture(referral)
    return {"picture": picture, "rows": services.picture_rows(picture) if picture else []}
