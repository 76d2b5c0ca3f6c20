"""Who may see and change the crisis card and the crisis episodes of a casus.

- See: everyone entitled to the casus (``casus_access_basis``: its members, the
  organisation's meldpunt and teamleider, and a meldpuntmedewerker under
  break-the-glass: in a crisis, who to call is what emergency access is for).
  The card shows at the top of the casus page; partners, functioneel beheer and
  the policy officer have no basis.
- Change the card, record an episode, add the feedback: whoever works on the casus
  (``can_work_on_casus``) of the care team (not the meldpunt), never under
  break-the-glass (``can_work_on_casus`` refuses that basis).
- A partner sees the card only on a referral that shares it
  (``services.shared_card``), never on these pages.
"""

from typing import Any

from vangnet.access.policies import can_work_on_casus, casus_access_basis
from vangnet.accounts import roles


def crisis_basis(user: Any, casus: Any) -> str | None:
    """The basis on which ``user`` sees the crisis card and episodes of ``casus``."""
    return casus_access_basis(user, casus)


def can_view_crisis(user: Any, casus: Any) -> bool:
    return crisis_basis(user, casus) is not None


def can_edit_crisis(user: Any, casus: Any) -> bool:
    return getattr(user, "role", None) in roles.CARE_TEAM and can_work_on_casus(user, casus)


def episode_basis(user: Any, episode: Any) -> str | None:
    """An episode is seen with its casus."""
    return crisis_basis(user, episode.casus)


def can_add_feedback(user: Any, episode: Any) -> bool:
    return can_edit_crisis(user, episode.casus)
