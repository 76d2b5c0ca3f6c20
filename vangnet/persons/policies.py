"""Who may change the person registry (merge, split, review duplicates), and who keeps
the matcher's trained model. Seeing a person is ``vangnet.access.policies.person_access_basis``."""

from typing import Any

from vangnet.access.policies import BASIS_BREAK_GLASS, is_active_worker
from vangnet.accounts import roles


def can_manage_registry(user, basis: str | None = None) -> bool:
    """The organisation-wide roles; noodtoegang is for looking, never for
    changing the registry."""
    return is_active_worker(user) and user.role in roles.ORGANISATION_WIDE and basis != BASIS_BREAK_GLASS


def can_manage_match_model(user: Any) -> bool:
    """Functioneel beheer: sees the trained weights and may start a new training."""
    return is_active_worker(user) and user.role in roles.MATCH_MODEL_MANAGERS
