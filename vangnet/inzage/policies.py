"""Who may make an inzage (issue 16 part 4).

Only the teamleider of an organisation that holds records of the person: a casus of her
organisation, or a melding received by its meldpunt or on one of its casussen (the
organisation's involvement in ``person_access_log_basis``; not the review of another
organisation's break-the-glass, not membership of another organisation's casus). Everyone
else: not visible (404), or refused by role (403). The inzage itself is seen by the
teamleiders of its organisation that still have that basis."""

from typing import Any

from vangnet.access.policies import BASIS_REVIEW, person_access_log_basis
from vangnet.accounts.roles import Role


def inzage_basis(user: Any, person: Any) -> str | None:
    """The basis on which ``user`` makes an inzage for ``person`` (None: she may not)."""
    if getattr(user, "role", None) != Role.TEAMLEIDER:
        return None
    basis = person_access_log_basis(user, person)
    return basis if basis == BASIS_REVIEW else None


def can_make_inzage(user: Any, person: Any) -> bool:
    return inzage_basis(user, person) is not None


def inzage_object_basis(user: Any, inzage: Any) -> str | None:
    """An inzage is seen by a teamleider of its own organisation with the basis for its person."""
    if getattr(user, "organisation_id", None) != inzage.organisation_id:
        return None
    return inzage_basis(user, inzage.person)


def can_download(user: Any, inzage: Any) -> bool:
    """Only a released inzage leaves the system."""
    return inzage.is_released and inzage_object_basis(user, inzage) is not None
