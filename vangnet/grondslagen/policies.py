"""Who may see and change the task and ground of a casus, who records a person's
consent and objection, and who reviews an override.

- Task and ground: seen with the casus (``casus_access_basis``); changed by whoever
  works on it (``can_work_on_casus``: its members, the organisation's teamleider),
  never under break-the-glass.
- Consent and objection: seen by whoever sees the person; recorded and withdrawn by
  staff working on one of the person's casussen, and by the meldpunt and the
  teamleider of an organisation involved with the person (not under break-the-glass).
- An override (a share against an objection, or "toestemming" without consent): the
  teamleider of the organisation of the worker who shared reviews it.
"""

from typing import Any

from django.db.models import Q

from vangnet.access.policies import (
    BASIS_MELDPUNT,
    BASIS_ORGANISATION,
    can_work_on_casus,
    casus_access_basis,
    is_active_worker,
    person_access_basis,
)
from vangnet.accounts import roles
from vangnet.accounts.roles import Role

BASIS_OVERRIDE_REVIEW = "beoordeling afwijking toestemming"


def grondslag_basis(user: Any, casus: Any) -> str | None:
    return casus_access_basis(user, casus)


def can_change_grondslag(user: Any, casus: Any) -> bool:
    return can_work_on_casus(user, casus)


def consent_basis(user: Any, person: Any) -> str | None:
    """Consent and objection are seen with the person."""
    return person_access_basis(user, person)


_UNKNOWN = object()


def can_record_consent(user: Any, person: Any, *, casus: Any = None, basis: Any = _UNKNOWN) -> bool:
    """``casus`` (one of the person's casussen, already on the page) is asked first: its
    membership answer is remembered on the instance. ``basis``: the page's own
    ``person_access_basis(user, person)``, so it is not asked again (a break-the-glass
    basis counts as none here)."""
    if not is_active_worker(user) or user.role not in roles.STAFF:
        return False
    if casus is not None and can_work_on_casus(user, casus):
        return True
    # "works on one of the person's casussen" (can_work_on_casus: a member, or the teamleider
    # of the casus organisation) as one EXISTS, not a membership query per casus
    works = Q(members__user=user)
    if user.role == Role.TEAMLEIDER:
        works |= Q(organisation_id=user.organisation_id)
    if person.casussen.filter(works).exists():
        return True
    if user.role not in roles.ORGANISATION_WIDE:
        return False
    if basis is _UNKNOWN:
        basis = person_access_basis(user, person, include_break_glass=False)
    return basis in (BASIS_ORGANISATION, BASIS_MELDPUNT)


def toestemming_basis(user: Any, toestemming: Any) -> str | None:
    return consent_basis(user, toestemming.person)


def can_withdraw_consent(user: Any, toestemming: Any) -> bool:
    return can_record_consent(user, toestemming.person)


def can_review_overrides(user: Any) -> bool:
    return is_active_worker(user) and user.role == Role.TEAMLEIDER


def afwijking_basis(user: Any, afwijking: Any) -> str | None:
    """The teamleider of the sharing worker's organisation."""
    if can_review_overrides(user) and afwijking.by.organisation_id == user.organisation_id:
        return BASIS_OVERRIDE_REVIEW
    return None


def can_mark_override_reviewed(user: Any, afwijking: Any) -> bool:
    return afwijking_basis(user, afwijking) is not None
