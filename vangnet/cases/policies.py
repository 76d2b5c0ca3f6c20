"""Who may do what with a casus beyond seeing and working on it (those two are
``vangnet.access.policies.casus_access_basis`` and ``can_work_on_casus``)."""

from typing import Any

from vangnet.access.policies import _is_member, can_work_on_casus
from vangnet.accounts import roles
from vangnet.accounts.roles import Role


def can_manage_members(user, casus) -> bool:
    """The casusregisseur and the teamleider of the casus organisation."""
    if not user.is_authenticated or not user.is_active or not user.organisation_id:
        return False
    # the membership answer the page's access check already remembered on the casus
    if user.pk == casus.casusregisseur_id and _is_member(user, casus):
        return True
    return user.role == Role.TEAMLEIDER and user.organisation_id == casus.organisation_id


def may_correct(user: Any, casus: Any, author_id: int | None) -> bool:
    """Who may correct or void a contact attempt or note, given that ``user`` may
    work on the casus: whoever logged it, the casusregisseur, and the teamleider
    of the casus organisation. A duo partner corrects her own entries only: the
    entry is her colleague's account of what happened."""
    if user.pk == author_id or user.pk == casus.casusregisseur_id:
        return True
    return user.role == Role.TEAMLEIDER and user.organisation_id == casus.organisation_id


def can_correct_attempt(user: Any, attempt: Any) -> bool:
    return can_work_on_casus(user, attempt.casus) and may_correct(user, attempt.casus, attempt.created_by_id)


def can_correct_note(user: Any, note: Any) -> bool:
    return can_work_on_casus(user, note.casus) and may_correct(user, note.casus, note.author_id)


def can_change_intensity(user: Any, casus: Any) -> bool:
    """Raise or lower the intensity (issue 15, part 3): whoever works on the casus
    (``can_work_on_casus``: its members, the organisation's teamleider) of the care team
    (``roles.CARE_TEAM``); not the meldpunt, never under break-the-glass."""
    return getattr(user, "role", None) in roles.CARE_TEAM and can_work_on_casus(user, casus)
