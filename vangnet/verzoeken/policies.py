"""Who registers, handles and oversees the betrokkene's requests.

- Register a request: the teamleider of an organisation that holds the person's records
  (a casus of the organisation, a melding its meldpunt received or that belongs to one of
  its casussen). Membership of another organisation's casus is not enough: answering for
  the records is the organisation's (the controller's) task; never under break-the-glass.
- See and handle a request: the teamleider of the organisation the request was made to.
- The register (all requests, references, kinds, dates and status; no person, no text):
  the privacy officer (``roles.PRIVACY_OFFICERS``), for the whole installation.
- Everyone else: no basis (404), and the person page's and casus page's own rules for
  the restriction banner (whoever sees the person sees that it is restricted).
"""

from typing import Any

from django.db.models import Q

from vangnet.access.policies import is_active_worker
from vangnet.accounts import roles
from vangnet.accounts.roles import Role

BASIS_HANDLER = "verzoek van betrokkene: organisatie van ontvangst"
BASIS_REGISTER = "register verzoeken (privacyfunctionaris)"


def _is_teamleider(user: Any) -> bool:
    return is_active_worker(user) and user.role == Role.TEAMLEIDER


def organisation_holds_records(organisation_id: int, person: Any) -> bool:
    """The organisation has records of the person: a casus, or a melding its meldpunt
    received or that belongs to one of its casussen."""
    return bool(
        person.casussen.filter(organisation_id=organisation_id).exists()
        or person.meldingen.filter(Q(meldpunt_id=organisation_id) | Q(casus__organisation_id=organisation_id)).exists()
    )


def can_register_request(user: Any, person: Any, *, holds_records: bool | None = None) -> bool:
    """``holds_records``: ``organisation_holds_records`` for the user's organisation when the
    page knows it already (the person page asks the same for its access-log link)."""
    if not _is_teamleider(user):
        return False
    return organisation_holds_records(user.organisation_id, person) if holds_records is None else holds_records


def verzoek_basis(user: Any, verzoek: Any) -> str | None:
    """The basis on which ``user`` sees the request (None: not at all)."""
    if _is_teamleider(user) and verzoek.organisation_id == user.organisation_id:
        return BASIS_HANDLER
    return None


def can_handle_request(user: Any, verzoek: Any) -> bool:
    return verzoek_basis(user, verzoek) is not None


def can_view_register(user: Any) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_active", False) and user.role in roles.PRIVACY_OFFICERS)


def can_view_own_requests(user: Any) -> bool:
    """The teamleider's list of her organisation's requests."""
    return _is_teamleider(user)
