"""Who may ask "In Beeld?" (is this person known to bemoeizorg?)."""

from vangnet.access.policies import is_active_worker
from vangnet.accounts.roles import Role

PERMISSION = "inbeeld.ask_inbeeld"


def can_ask_in_beeld(user) -> bool:
    """Only network partners whose account functioneel beheer authorised."""
    return is_active_worker(user) and user.role == Role.PARTNER and user.has_perm(PERMISSION)
