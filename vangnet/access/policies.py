"""Who may see which personal data, and on what basis.

Need-to-know: a user sees a melding, casus or person only through their
organisation's involvement or their membership of the casus. The basis is
returned as a short Dutch text; it is written to the access log as the "why"
of every read. ``None`` means: no access (the view answers 404, so the
existence of a record is not revealed).

Rules per role:
- meldpuntmedewerker: meldingen received by their organisation's meldpunt, the
  persons in those, and casussen run by their organisation (needed to triage:
  "is this person already in a trajectory?"). Break-the-glass for anything else.
- bemoeizorger / consultant: casussen they are a member of, and the meldingen
  and person of those casussen.
- teamleider: all meldingen and casussen of their organisation.
- partner: only the meldingen they submitted themselves, status only.
- functioneel beheerder: configuration, no personal data.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from vangnet.accounts.models import Role

from .models import BreakGlassGrant

BASIS_MEMBER = "casuslid"
BASIS_ORGANISATION = "betrokkenheid organisatie"
BASIS_MELDPUNT = "meldpunt van ontvangst"
BASIS_OWN_MELDING = "eigen melding (status)"
BASIS_BREAK_GLASS = "noodtoegang"


def _active_grant_person_ids(user) -> set[int]:
    if user.role != Role.MELDPUNT:
        return set()
    return set(
        BreakGlassGrant.objects.filter(user=user, expires_at__gt=timezone.now()).values_list("person_id", flat=True)
    )


def can_break_glass(user) -> bool:
    return user.is_authenticated and user.role == Role.MELDPUNT


# --- querysets -------------------------------------------------------------


def visible_casussen(user, qs: QuerySet | None = None, *, include_break_glass: bool = True) -> QuerySet:
    from vangnet.cases.models import Casus

    qs = qs if qs is not None else Casus.objects.all()
    if not user.is_authenticated or not user.organisation_id:
        return qs.none()
    if user.role in (Role.TEAMLEIDER, Role.MELDPUNT):
        cond = Q(organisation_id=user.organisation_id)
    elif user.role in (Role.BEMOEIZORGER, Role.CONSULTANT):
        cond = Q(members__user=user)
    else:
        return qs.none()
    if include_break_glass:
        grants = _active_grant_person_ids(user)
        if grants:
            cond |= Q(person_id__in=grants)
    return qs.filter(cond).distinct()


def visible_meldingen(user, qs: QuerySet | None = None, *, include_break_glass: bool = True) -> QuerySet:
    from vangnet.intake.models import Melding

    qs = qs if qs is not None else Melding.objects.all()
    if not user.is_authenticated or not user.organisation_id:
        return qs.none()
    if user.role == Role.MELDPUNT:
        cond = Q(meldpunt_id=user.organisation_id)
    elif user.role == Role.TEAMLEIDER:
        cond = Q(meldpunt_id=user.organisation_id) | Q(casus__organisation_id=user.organisation_id)
    elif user.role in (Role.BEMOEIZORGER, Role.CONSULTANT):
        cond = Q(casus__members__user=user)
    elif user.role == Role.PARTNER:
        return qs.filter(created_by=user)
    else:
        return qs.none()
    if include_break_glass:
        grants = _active_grant_person_ids(user)
        if grants:
            cond |= Q(person_id__in=grants)
    return qs.filter(cond).distinct()


def visible_persons(user, qs: QuerySet | None = None, *, include_break_glass: bool = True) -> QuerySet:
    """Persons reachable through a visible casus or melding (partners: none)."""
    from vangnet.persons.models import Person

    qs = qs if qs is not None else Person.objects.all()
    if not user.is_authenticated or user.role in (Role.PARTNER, Role.BEHEERDER):
        return qs.none()
    casus_ids = visible_casussen(user, include_break_glass=False).values("person_id")
    melding_ids = visible_meldingen(user, include_break_glass=False).exclude(person=None).values("person_id")
    cond = Q(pk__in=casus_ids) | Q(pk__in=melding_ids)
    if include_break_glass:
        grants = _active_grant_person_ids(user)
        if grants:
            cond |= Q(pk__in=grants)
    return qs.filter(cond)


# --- single-object checks --------------------------------------------------


def _break_glass_basis(user, person_id) -> str | None:
    if person_id and person_id in _active_grant_person_ids(user):
        return BASIS_BREAK_GLASS
    return None


def casus_access_basis(user, casus) -> str | None:
    if not user.is_authenticated or not user.organisation_id:
        return None
    if user.role in (Role.BEMOEIZORGER, Role.CONSULTANT, Role.TEAMLEIDER, Role.MELDPUNT):
        if casus.members.filter(user=user).exists():
            return BASIS_MEMBER
    if user.role in (Role.TEAMLEIDER, Role.MELDPUNT) and casus.organisation_id == user.organisation_id:
        return BASIS_ORGANISATION
    return _break_glass_basis(user, casus.person_id)


def melding_access_basis(user, melding) -> str | None:
    if not user.is_authenticated:
        return None
    if user.role == Role.PARTNER:
        return BASIS_OWN_MELDING if melding.created_by_id == user.pk else None
    if not user.organisation_id:
        return None
    if user.role in (Role.MELDPUNT, Role.TEAMLEIDER) and melding.meldpunt_id == user.organisation_id:
        return BASIS_MELDPUNT
    if melding.casus_id and user.role != Role.BEHEERDER:
        basis = casus_access_basis(user, melding.casus)
        if basis:
            return basis
    return _break_glass_basis(user, melding.person_id)


def person_access_basis(user, person) -> str | None:
    if not user.is_authenticated or user.role in (Role.PARTNER, Role.BEHEERDER):
        return None
    if visible_casussen(user, person.casussen.all(), include_break_glass=False).exists():
        return BASIS_ORGANISATION if user.role in (Role.TEAMLEIDER, Role.MELDPUNT) else BASIS_MEMBER
    if visible_meldingen(user, person.meldingen.all(), include_break_glass=False).exists():
        return BASIS_MELDPUNT
    return _break_glass_basis(user, person.pk)


# --- action permissions ----------------------------------------------------


def can_register_melding(user) -> bool:
    return user.is_authenticated and user.role in (Role.MELDPUNT, Role.TEAMLEIDER) and bool(user.organisation_id)


def can_submit_partner_melding(user) -> bool:
    return user.is_authenticated and user.role == Role.PARTNER and bool(user.organisation_id)


def can_triage(user, melding) -> bool:
    return (
        user.is_authenticated
        and user.role in (Role.MELDPUNT, Role.TEAMLEIDER)
        and melding.meldpunt_id == user.organisation_id
    )


def can_work_on_casus(user, casus) -> bool:
    """Log attempts, change phase, add notes: members and the organisation's teamleider."""
    basis = casus_access_basis(user, casus)
    if basis in (BASIS_MEMBER,):
        return user.role in (Role.BEMOEIZORGER, Role.TEAMLEIDER, Role.MELDPUNT, Role.CONSULTANT)
    return basis == BASIS_ORGANISATION and user.role == Role.TEAMLEIDER


def can_view_person_access_log(user, person) -> bool:
    return user.is_authenticated and user.role == Role.TEAMLEIDER and person_access_basis(user, person) is not None
