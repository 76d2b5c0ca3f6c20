from typing import Any

from django import template

from vangnet.search.policies import can_search as _can_search

register = template.Library()


@register.filter
def can_search(user: Any) -> bool:
    """Whether the header shows the search box."""
    return _can_search(user)
