"""Who may see and record the practical means and waiting lists of a casus.

- See: the care team of the casus (``roles.CARE_TEAM``) with a basis to see the casus
  (``casus_access_basis``, not break-the-glass). The meldpunt sees the casus but not
  its care content (403); partners, beleid and functioneel beheer have no basis.
- Record (an inzet, a waiting-list entry, a placement): whoever works on the casus
  (``can_work_on_casus``), of the care team.
- Approve an inzet: a teamleider of the casus' organisation (``can_approve_inzet``).
"""

from typing import Any

from vangnet.access.policies import can_work_on_casus, casus_access_basis, is_active_worker
from vangnet.accounts import roles
from vangnet.accounts.roles import Role


def middelen_basis(user: Any, casus: Any) -> str | None:
    """The basis on which ``user`` sees the means of ``casus`` (None: not at all)."""
    if getattr(user, "role", None) not in roles.CARE_TEAM:
        return None
    return casus_access_basis(user, casus, include_break_glass=False)


def can_view_middelen(user: Any, casus: Any) -> bool:
    return middelen_basis(user, casus) is not None


def can_record_middelen(user: Any, casus: Any) -> bool:
    return can_view_middelen(user, casus) and can_work_on_casus(user, casus)


def can_approve_inzet(user: Any, casus: Any) -> bool:
    """Only a teamleider of the casus' organisation approves spending on the person."""
    return (
        user is not None
        and is_active_worker(user)
        and user.role == Role.TEAMLEIDER
        and user.organisation_id == casus.organisation_id
    )


def wachtlijst_basis(user: Any, entry: Any) -> str | None:
    """A waiting-list entry is seen with its casus."""
    return middelen_basis(user, entry.casus)


def can_record_placement(user: Any, entry: Any) -> bool:
    return can_record_middelen(user, entry.casus)


def can_view_waiting_times(user: Any) -> bool:
    """The waiting-time figures of the organisation's casussen: its teamleider (exact
    counts, no persons). The beleidsmedewerker sees the monitor, not these per-organisation
    figures (small counts would need suppression)."""
    return is_active_worker(user) and user.role == Role.TEAMLEIDER
