"""The monitor's access rule for the navigation bar."""

from typing import Any

from django import template

from vangnet.monitor.policies import can_view_monitor as _can_view_monitor

register = template.Library()


@register.filter
def can_view_monitor(user: Any) -> bool:
    return _can_view_monitor(user)
