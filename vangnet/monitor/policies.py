"""Who may open the monitor (issue 13). One rule, so the policy-officer role of the
next session extends it in one place."""

from typing import Any

from vangnet.access.policies import is_active_worker
from vangnet.accounts.models import Role


def can_view_monitor(user: Any) -> bool:
    """The teamleider of an organisation: the figures are the team's, with exact counts."""
    return bool(user and user.is_authenticated and is_active_worker(user) and user.role == Role.TEAMLEIDER)
