"""Who may open the monitor (issue 13), and what they see.

- The teamleider: the figures of her own organisation (its meldpunt's meldingen, its
  casussen), with exact counts, because she looks at them within the team.
- Functioneel beheer and the policy officer (beleidsmedewerker): the same page with the
  small-cell rule applied (counts 1-4 as "<5", shares from them hidden) and without the
  names of workers; they have no access to personal data. Functioneel beheer sees its
  organisation's figures; the policy officer those of the gemeenten in the werkgebied of
  his organisation (a gemeente), whichever meldpunt handled them.
- Everyone else is refused (403, logged).
"""

from dataclasses import dataclass
from typing import Any

from vangnet.access.policies import is_active_worker
from vangnet.accounts import roles
from vangnet.accounts.models import Role


@dataclass(frozen=True)
class Scope:
    """The part of the data a viewer's figures cover.

    ``organisation_id``: meldingen of that meldpunt and casussen of that organisation.
    ``gemeente_ids``: meldingen from those gemeenten and the casussen with a melding from
    one of them (an empty tuple: nothing). ``None`` for both: the whole database (the
    ``figures`` command)."""

    organisation_id: int | None = None
    gemeente_ids: tuple[int, ...] | None = None


def can_view_monitor(user: Any) -> bool:
    return bool(user and user.is_authenticated and is_active_worker(user) and user.role in roles.MONITOR_VIEWERS)


def sees_exact_figures(user: Any) -> bool:
    """The team's own view; everything else that leaves the team gets the small-cell rule."""
    return can_view_monitor(user) and user.role == Role.TEAMLEIDER


def monitor_scope(user: Any) -> Scope:
    """The data behind ``user``'s monitor (only for a user who ``can_view_monitor``)."""
    if user.role == Role.BELEID:
        return Scope(gemeente_ids=tuple(user.organisation.gemeenten.order_by("pk").values_list("pk", flat=True)))
    return Scope(organisation_id=user.organisation_id)
