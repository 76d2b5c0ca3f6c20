"""Who may see and do what in the network part.

- Sociale kaart: not personal data; every active user may read it. The
  functioneel beheerder maintains every voorziening, a network partner only
  those of their own organisation.
- A referral is seen by the staff of the sending casus (``casus_access_basis``)
  and by the partner users (Role.PARTNER) of the receiving organisation. A
  partner sees ONLY the parts the worker chose to share: no notes, attempts or
  other meldingen. Everyone else: 404.
- Follow-ups and referral actions (intake, in zorg, intrekken): whoever may work
  on the casus (``can_work_on_casus``).
- Status messages to melders: the meldpunt that received the melding and the
  workers of its casus.
- Figures: the teamleider, aggregates of their organisation only.
"""

from django.db.models import QuerySet

from vangnet.access.policies import (
    BASIS_MELDPUNT,
    BASIS_MEMBER,
    BASIS_ORGANISATION,
    can_work_on_casus,
    casus_access_basis,
    is_active_worker,
    melding_access_basis,
)
from vangnet.accounts import roles
from vangnet.accounts.models import Role, User

from .models import Referral

BASIS_RECEIVING_PARTNER = "ontvangende netwerkpartner (verwijzing)"


def is_partner(user) -> bool:
    return is_active_worker(user) and user.role == Role.PARTNER


# --- sociale kaart -----------------------------------------------------------


def can_view_sociale_kaart(user) -> bool:
    return is_active_worker(user)


def can_add_service(user) -> bool:
    return is_active_worker(user) and user.role in roles.SOCIALE_KAART_EDITORS


def can_edit_service(user, service) -> bool:
    if not is_active_worker(user):
        return False
    if user.role == Role.BEHEERDER:
        return True
    return user.role == Role.PARTNER and service.organisation_id == user.organisation_id


def service_organisations(user):
    """The organisations the user may add a voorziening for."""
    from vangnet.organisations.models import Organisation

    if not can_add_service(user):
        return Organisation.objects.none()
    if user.role == Role.BEHEERDER:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk=user.organisation_id)


# --- referrals ---------------------------------------------------------------


def partner_referrals(user, qs: QuerySet | None = None) -> QuerySet:
    """Referrals addressed to the partner user's organisation."""
    qs = qs if qs is not None else Referral.objects.all()
    if not is_partner(user):
        return qs.none()
    return qs.filter(service__organisation_id=user.organisation_id)


def referral_access_basis(user, referral) -> str | None:
    if not is_active_worker(user):
        return None
    if user.role == Role.PARTNER:
        return BASIS_RECEIVING_PARTNER if referral.service.organisation_id == user.organisation_id else None
    if user.role in roles.STAFF:
        return casus_access_basis(user, referral.casus, include_break_glass=False)
    return None


def can_refer(user, casus) -> bool:
    return can_work_on_casus(user, casus)


def can_answer_referral(user, referral) -> bool:
    return (
        referral_access_basis(user, referral) == BASIS_RECEIVING_PARTNER and referral.status == Referral.Status.PROPOSED
    )


def can_manage_referral(user, referral) -> bool:
    """Record intake / in zorg, withdraw: the workers of the sending casus."""
    return user.role in roles.STAFF and can_work_on_casus(user, referral.casus)


def can_view_due_follow_ups(user: User) -> bool:
    """The vinger-aan-de-pols worklist is for staff; partners and beheerders have none."""
    return user.role in roles.STAFF


# --- status messages ---------------------------------------------------------


def status_message_basis(user, melding) -> str | None:
    """Basis for sending a status message about this melding (None: not allowed)."""
    if not is_active_worker(user) or user.role not in roles.MELDER_CONTACTS:
        return None
    basis = melding_access_basis(user, melding, include_break_glass=False)
    if basis in (BASIS_MELDPUNT, BASIS_ORGANISATION):
        return basis
    if basis == BASIS_MEMBER and melding.casus_id and can_work_on_casus(user, melding.casus):
        return basis
    return None


# --- figures -----------------------------------------------------------------


def can_view_figures(user) -> bool:
    return is_active_worker(user) and user.role == Role.TEAMLEIDER
