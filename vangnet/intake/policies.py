"""What a user may do to a melding she can see (who may see it: ``vangnet.access.policies``)."""

from typing import Any

from vangnet.access.policies import is_active_worker
from vangnet.accounts import roles


def can_correct_melding(user: Any, melding: Any) -> bool:
    """Correct a registered melding (a wrong phone number, a misspelt name): the staff
    of the meldpunt that received it and its teamleider, the people who register and
    triage meldingen. Not the care team of the casus (they read it), never on
    break-the-glass access (that is for looking), and not partners."""
    return (
        is_active_worker(user) and user.role in roles.ORGANISATION_WIDE and melding.meldpunt_id == user.organisation_id
    )
