"""Who may see and change the life-domain picture of a casus.

- See: the care team of the casus (``roles.CARE_TEAM``: bemoeizorger, teamleider,
  consultant) with a basis to see the casus (``casus_access_basis``: casuslid, or the
  organisation's teamleider). The meldpunt sees the casus but not its care content
  (403), nor under break-the-glass; the policy officer, functioneel beheer and
  partners have no basis.
- Add or correct: whoever works on the casus (``can_work_on_casus``), of the care team.
- A partner sees the latest picture only on a referral that shares it
  (``shared_picture``), never on these pages.
"""

from typing import Any

from vangnet.access.policies import can_work_on_casus, casus_access_basis
from vangnet.accounts import roles


def leefgebieden_basis(user: Any, casus: Any) -> str | None:
    """The basis on which ``user`` sees the pictures of ``casus`` (None: not at all)."""
    if getattr(user, "role", None) not in roles.CARE_TEAM:
        return None
    return casus_access_basis(user, casus, include_break_glass=False)


def can_view_leefgebieden(user: Any, casus: Any) -> bool:
    return leefgebieden_basis(user, casus) is not None


def can_edit_leefgebieden(user: Any, casus: Any) -> bool:
    return can_view_leefgebieden(user, casus) and can_work_on_casus(user, casus)


def assessment_basis(user: Any, assessment: Any) -> str | None:
    """A picture is seen with its casus."""
    return leefgebieden_basis(user, assessment.casus)


def can_edit_assessment(user: Any, assessment: Any) -> bool:
    return can_edit_leefgebieden(user, assessment.casus)
