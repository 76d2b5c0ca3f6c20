"""Who may do what with the access log itself (not with the records it names)."""

from vangnet.accounts import roles


def may_prune_access_log(user: object | None) -> bool:
    """Removing rows past the access log's term: the scheduled task or a command
    (no user: the system), or the privacy officer (issue 16)."""
    if user is None:
        return True
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "role", "") in roles.PRIVACY_OFFICERS
