"""Who may see and change the naasten of a person.

- See: the care team of a casus of the person (``roles.CARE_TEAM``) with a basis to
  see that casus (``casus_access_basis``: casuslid, or the organisation's
  teamleider). The meldpunt, partners, the policy officer and functioneel beheer
  do not; nor break-the-glass.
- Add, change, log a contact: whoever works on an open casus of the person
  (``can_work_on_casus``), of the care team. Never under break-the-glass.
"""

from typing import Any

from vangnet.access.policies import can_work_on_casus, casus_access_basis
from vangnet.accounts import roles


def naasten_basis(user: Any, casus: Any) -> str | None:
    """The basis on which ``user`` sees the naasten of the person of ``casus``."""
    if getattr(user, "role", None) not in roles.CARE_TEAM:
        return None
    return casus_access_basis(user, casus, include_break_glass=False)


def can_view_naasten(user: Any, casus: Any) -> bool:
    return naasten_basis(user, casus) is not None


def can_edit_naasten(user: Any, casus: Any) -> bool:
    return casus.is_open and can_view_naasten(user, casus) and can_work_on_casus(user, casus)


def _casussen(person: Any) -> list[Any]:
    return list(person.casussen.select_related("organisation").order_by("-opened_at", "-id"))


def naaste_basis(user: Any, naaste: Any) -> str | None:
    """A naaste is seen with a casus of its person (the first that gives a basis)."""
    for casus in _casussen(naaste.person):
        basis = naasten_basis(user, casus)
        if basis:
            return basis
    return None


def working_casus(user: Any, person: Any) -> Any | None:
    """The open casus of ``person`` on which ``user`` may edit the naasten (None: none)."""
    return next((c for c in _casussen(person) if can_edit_naasten(user, c)), None)


def can_edit_naaste(user: Any, naaste: Any) -> bool:
    return working_casus(user, naaste.person) is not None
