from typing import Any

from django import template

from vangnet.network import policies

register = template.Library()


@register.filter
def may_send_status_message(user: Any, melding: Any) -> bool:
    """The rule of the status-message page (network:status_message): a link the
    user would be refused (403) is not shown."""
    return policies.status_message_basis(user, melding) is not None
