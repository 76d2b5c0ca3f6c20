"""Who oversees retention.

- The report (what would be removed), its release and the run log: the privacy officer
  (``roles.PRIVACY_OFFICERS``). He sees kinds, references, dates and counts, never content.
- Holds (bewaren wegens lopende procedure): the privacy officer on any record, the teamleider
  on the records of her own organisation (a casus of it, a melding of its meldpunt, a person
  with such a casus or melding).
"""

from typing import Any

from vangnet.accounts import roles

BASIS_PRIVACY = "privacyfunctionaris"
BASIS_TEAMLEIDER_HOLD = "teamleider van de organisatie (bewaarblokkade)"


def can_oversee_retention(user: Any) -> bool:
    return getattr(user, "role", None) in roles.PRIVACY_OFFICERS


def can_manage_holds(user: Any) -> bool:
    return can_oversee_retention(user) or getattr(user, "role", None) == roles.Role.TEAMLEIDER


def _organisation_ids(record: Any) -> set[int]:
    """The organisations a record belongs to (casus, melding or person)."""
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    if isinstance(record, Casus):
        return {record.organisation_id}
    if isinstance(record, Melding):
        return {record.meldpunt_id}
    return set(Casus.objects.filter(person=record).values_list("organisation_id", flat=True)) | set(
        Melding.objects.filter(person=record).values_list("meldpunt_id", flat=True)
    )


def hold_basis(user: Any, record: Any) -> str | None:
    """The basis on which ``user`` places or lifts a hold on ``record`` (None: may not)."""
    if can_oversee_retention(user):
        return BASIS_PRIVACY
    if getattr(user, "role", None) == roles.Role.TEAMLEIDER and user.organisation_id in _organisation_ids(record):
        return BASIS_TEAMLEIDER_HOLD
    return None


def hold_record(hold: Any) -> Any:
    return hold.person or hold.melding or hold.casus


def hold_access_basis(user: Any, hold: Any) -> str | None:
    """Who sees (and may lift) a hold: whoever may place it on its record."""
    return hold_basis(user, hold_record(hold))
