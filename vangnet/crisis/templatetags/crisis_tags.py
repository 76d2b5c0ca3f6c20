"""The crisis card on other apps' pages: the block at the top of the casus page,
the feedback line of a timeline entry, and the part a referral shares. The pages
around them already wrote their read rows (the casus, the referral)."""

from typing import Any

from django import template

from vangnet.crisis import policies, services

register = template.Library()


def _may_edit(user: Any, casus: Any) -> bool:
    """Once per casus and user on a page, not per timeline entry."""
    cache = casus.__dict__.setdefault("_crisis_may_edit", {})
    if user.pk not in cache:
        cache[user.pk] = policies.can_edit_crisis(user, casus) and casus.is_open
    return bool(cache[user.pk])


def _current_card(casus: Any) -> Any:
    """The person's card once per casus page: the top card and the section both ask."""
    if "_crisis_card" not in casus.__dict__:
        known = casus.__dict__.get("page_summary") or {}
        none = known.get("has_crisis_card") is False  # the casus page asked already: there is none
        casus.__dict__["_crisis_card"] = None if none else services.current_card(casus.person)
    return casus.__dict__["_crisis_card"]


@register.inclusion_tag("crisis/includes/casus_card.html", takes_context=True)
def crisis_casus_card(context: Any, casus: Any) -> dict[str, Any]:
    """The crisis card at the top of the casus page, for whoever sees the casus."""
    user = context["request"].user
    if not policies.can_view_crisis(user, casus):
        return {"shown": False}
    return {
        "shown": True,
        "casus": casus,
        "card": _current_card(casus),
        "can_edit": _may_edit(user, casus),
    }


@register.inclusion_tag("crisis/includes/casus_section.html", takes_context=True)
def crisis_casus_section(context: Any, casus: Any) -> dict[str, Any]:
    """Without a card: a section among the casus page's others, to make one or record a
    crisis (the card itself, once there is one, sits at the top: ``crisis_casus_card``)."""
    user = context["request"].user
    if not policies.can_view_crisis(user, casus) or _current_card(casus) is not None:
        return {"shown": False}
    return {"shown": True, "casus": casus, "can_edit": _may_edit(user, casus)}


@register.simple_tag(takes_context=True)
def crisis_may_edit(context: Any, casus: Any) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and _may_edit(user, casus))


@register.inclusion_tag("crisis/includes/shared_part.html")
def crisis_shared_part(referral: Any) -> dict[str, Any]:
    """The crisis card a referral shares (only when the worker chose the part; see
    services.shared_card), as the partner and the worker see it on the referral."""
    return {"card": services.shared_card(referral)}
