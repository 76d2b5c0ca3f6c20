"""Who may do what in procesregie.

- Escalate: whoever may work on the casus (members, the organisation's
  teamleider; see access.policies.can_work_on_casus), while the casus is open.
- Procesregisseur: a teamleider of the casus organisation, or a staff user of
  any organisation who holds the permission ``procesregie.act_as_procesregisseur``
  (a named, mandated coordinator, e.g. at the gemeente or Zorg- en Veiligheidshuis).
- See an escalation: its procesregisseur, the casus members and the teamleider
  of the casus organisation. Everyone else: 404.
- Record decisions, assign actions, close: only the procesregisseur, while open.
- Mark an action done: the procesregisseur, or any user (partner or staff) of
  the organisation that is aan zet. Such a user sees only the action text, the
  due date and the casus reference: no name, no escalation text, no decisions.
"""

from django.db.models import Q

from vangnet.access.policies import (
    BASIS_MEMBER,
    BASIS_REVIEW,
    _is_member,
    can_work_on_casus,
    is_active_worker,
    is_staff_worker,
)
from vangnet.accounts import roles
from vangnet.accounts.models import Role, User

BASIS_REGISSEUR = "procesregisseur"
BASIS_AAN_ZET = "organisatie aan zet (procesregie)"

PERMISSION = "procesregie.act_as_procesregisseur"


def eligible_procesregisseurs(casus):
    perm = Q(
        user_permissions__codename="act_as_procesregisseur", user_permissions__content_type__app_label="procesregie"
    )
    perm |= Q(
        groups__permissions__codename="act_as_procesregisseur",
        groups__permissions__content_type__app_label="procesregie",
    )
    teamleider = Q(role=Role.TEAMLEIDER, organisation_id=casus.organisation_id)
    ids = User.objects.filter(is_active=True, role__in=roles.STAFF, organisation__isnull=False).filter(
        teamleider | perm
    )
    return User.objects.filter(pk__in=ids.values("pk")).select_related("organisation")


def is_eligible_procesregisseur(user, casus) -> bool:
    return eligible_procesregisseurs(casus).filter(pk=user.pk).exists()


def can_view_procesregie(user) -> bool:
    """The "mijn procesregie" page: staff only (partners see what is aan zet)."""
    return is_staff_worker(user)


def can_escalate(user, casus) -> bool:
    return casus.is_open and can_work_on_casus(user, casus)


def escalation_access_basis(user, escalation) -> str | None:
    if not is_staff_worker(user):
        return None
    if escalation.procesregisseur_id == user.pk:
        return BASIS_REGISSEUR
    casus = escalation.casus
    if _is_member(user, casus):  # remembered on the casus for the page
        return BASIS_MEMBER
    if user.role == Role.TEAMLEIDER and casus.organisation_id == user.organisation_id:
        return BASIS_REVIEW
    return None


def visible_escalations(user, qs=None):
    from .models import Escalation

    qs = qs if qs is not None else Escalation.objects.all()
    if not is_staff_worker(user):
        return qs.none()
    cond = Q(procesregisseur=user) | Q(casus__members__user=user)
    if user.role == Role.TEAMLEIDER:
        cond |= Q(casus__organisation_id=user.organisation_id)
    return qs.filter(pk__in=Escalation.objects.filter(cond).values("pk"))


def can_direct(user, escalation) -> bool:
    return is_active_worker(user) and escalation.is_open and escalation.procesregisseur_id == user.pk


def can_act_on(user, action) -> bool:
    """The procesregisseur, or a user of the organisation aan zet (whatever the state)."""
    if not is_active_worker(user):
        return False
    if action.escalation.procesregisseur_id == user.pk:
        return True
    return user.role in roles.DATA_ACCESS and user.organisation_id == action.organisation_id


def can_complete_action(user, action) -> bool:
    return action.is_open and action.escalation.is_open and can_act_on(user, action)


def can_view_aan_zet(user) -> bool:
    return is_active_worker(user) and user.role in roles.DATA_ACCESS


def can_view_figures(user) -> bool:
    return is_active_worker(user) and user.role == Role.TEAMLEIDER
