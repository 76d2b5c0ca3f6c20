"""Who may see which personal data, and on what basis.

Need-to-know: a user sees a melding, casus or person only through their
organisation's involvement or their membership of the casus. The basis is
returned as a short Dutch text; it is written to the access log as the "why"
of every read. ``None`` means: no access (the view answers 404, so the
existence of a record is not revealed).

Everyone needs an active account with an organisation; without one there is
no access to anything (also not for superusers: personal data is never
reached through technical privileges).

Rules per role:
- meldpuntmedewerker: meldingen received by their organisation's meldpunt, the
  persons in those, and casussen run by their organisation (needed to triage:
  "is this person already in a trajectory?"), plus casussen they are a member
  of. Break-the-glass for anything else: an active, time-limited grant
  (at most ``BREAK_GLASS_DURATION``) for one person.
- bemoeizorger / consultant: casussen they are a member of, and the meldingen
  and person of those casussen.
- teamleider: all meldingen and casussen of their organisation (and casussen
  they are a member of).
- partner: only the meldingen they submitted themselves, status only; never
  persons or casussen.
- functioneel beheerder: configuration, no personal data.

The queryset functions (``visible_*``) and the single-object checks
(``*_access_basis``) describe the same rule; tests/access/test_policies.py
checks that they agree.
"""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from vangnet.accounts import roles
from vangnet.accounts.roles import Role

from .models import BREAK_GLASS_DURATION, BreakGlassGrant

if TYPE_CHECKING:
    from vangnet.accounts.models import User
    from vangnet.persons.models import DuplicateCandidate

BASIS_MEMBER = "casuslid"
BASIS_ORGANISATION = "betrokkenheid organisatie"
BASIS_MELDPUNT = "meldpunt van ontvangst"
BASIS_OWN_MELDING = "eigen melding (status)"
BASIS_BREAK_GLASS = "noodtoegang"
BASIS_REVIEW = "toezicht teamleider"
BASIS_BREAK_GLASS_REVIEW = "beoordeling noodtoegang"
BASIS_TRIAGE = "triage"


def is_active_worker(user) -> bool:
    """Logged in, account active, and belonging to an organisation."""
    return bool(
        user is not None
        and user.is_authenticated
        and getattr(user, "is_active", False)
        and getattr(user, "organisation_id", None)
    )


def is_staff_worker(user) -> bool:
    return is_active_worker(user) and user.role in roles.STAFF


# --- break the glass -------------------------------------------------------


def can_break_glass(user) -> bool:
    return is_active_worker(user) and user.role == Role.MELDPUNT


def active_grants(user, person_id=None) -> QuerySet:
    """The user's running break-the-glass grants. A grant counts only while it
    has not expired and never longer than BREAK_GLASS_DURATION after it was
    given, whatever ``expires_at`` says."""
    if not can_break_glass(user):
        return BreakGlassGrant.objects.none()
    now = timezone.now()
    qs = BreakGlassGrant.objects.filter(
        user=user, expires_at__gt=now, created_at__lte=now, created_at__gt=now - BREAK_GLASS_DURATION
    )
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    return qs


def _active_grant_person_ids(user) -> set[int]:
    return set(active_grants(user).values_list("person_id", flat=True))


def break_glass_until(user, person_id):
    """When the user's emergency access to this person ends (None: no access)."""
    grant = active_grants(user, person_id).order_by("-expires_at").first()
    if grant is None:
        return None
    return min(grant.expires_at, grant.created_at + BREAK_GLASS_DURATION)


def _break_glass_basis(user, person_id) -> str | None:
    if person_id and active_grants(user, person_id).exists():
        return BASIS_BREAK_GLASS
    return None


# --- querysets -------------------------------------------------------------


def _member_casus_ids(user: "User") -> QuerySet:
    from vangnet.cases.models import CaseMember

    return CaseMember.objects.filter(user=user).values("casus_id")


def _organisation_casus_ids(organisation_id: int) -> QuerySet:
    from vangnet.cases.models import Casus

    return Casus.objects.filter(organisation_id=organisation_id).values("pk")


def visible_casussen(user, qs: QuerySet | None = None, *, include_break_glass: bool = True) -> QuerySet:
    from vangnet.cases.models import Casus

    qs = qs if qs is not None else Casus.objects.all()
    if not is_staff_worker(user):
        return qs.none()
    # Membership as an id subquery, not a join: an OR over a LEFT JOIN made the
    # database walk every organisation's members (issue 11 list benchmark).
    cond = Q(pk__in=_member_casus_ids(user))
    if user.role in roles.ORGANISATION_WIDE:
        cond |= Q(organisation_id=user.organisation_id)
    if include_break_glass:
        grants = _active_grant_person_ids(user)
        if grants:
            cond |= Q(person_id__in=grants)
    return qs.filter(cond)


def visible_meldingen(user, qs: QuerySet | None = None, *, include_break_glass: bool = True) -> QuerySet:
    from vangnet.intake.models import Melding

    qs = qs if qs is not None else Melding.objects.all()
    if not is_active_worker(user):
        return qs.none()
    if user.role == Role.PARTNER:
        return qs.filter(created_by=user)
    if user.role not in roles.STAFF:
        return qs.none()
    cond = Q(casus_id__in=_member_casus_ids(user))
    if user.role in roles.ORGANISATION_WIDE:
        cond |= Q(meldpunt_id=user.organisation_id) | Q(casus_id__in=_organisation_casus_ids(user.organisation_id))
    if include_break_glass:
        grants = _active_grant_person_ids(user)
        if grants:
            cond |= Q(person_id__in=grants)
    return qs.filter(cond)


def visible_persons(user, qs: QuerySet | None = None, *, include_break_glass: bool = True) -> QuerySet:
    """Persons reachable through a visible casus or melding (partners: none)."""
    from vangnet.persons.models import Person

    qs = qs if qs is not None else Person.objects.all()
    if not is_staff_worker(user):
        return qs.none()
    casus_ids = visible_casussen(user, include_break_glass=False).values("person_id")
    melding_ids = visible_meldingen(user, include_break_glass=False).exclude(person=None).values("person_id")
    cond = Q(pk__in=casus_ids) | Q(pk__in=melding_ids)
    if include_break_glass:
        grants = _active_grant_person_ids(user)
        if grants:
            cond |= Q(pk__in=grants)
    return qs.filter(cond)


def visible_open_duplicates(user: "User") -> "QuerySet[DuplicateCandidate]":
    """Open duplicate proposals where the user may see both persons (noodtoegang does not count)."""
    from vangnet.persons.models import DuplicateCandidate

    visible = visible_persons(user, include_break_glass=False).values("pk")
    return DuplicateCandidate.objects.filter(
        status=DuplicateCandidate.Status.OPEN,
        person_a__in=visible,
        person_b__in=visible,
        person_a__is_active=True,
        person_b__is_active=True,
    ).select_related("person_a", "person_b")


# --- single-object checks --------------------------------------------------


def casus_access_basis(user, casus, *, include_break_glass: bool = True) -> str | None:
    if not is_staff_worker(user):
        return None
    if casus.members.filter(user=user).exists():
        return BASIS_MEMBER
    if user.role in roles.ORGANISATION_WIDE and casus.organisation_id == user.organisation_id:
        return BASIS_ORGANISATION
    return _break_glass_basis(user, casus.person_id) if include_break_glass else None


def melding_access_basis(user, melding, *, include_break_glass: bool = True) -> str | None:
    if not is_active_worker(user):
        return None
    if user.role == Role.PARTNER:
        return BASIS_OWN_MELDING if melding.created_by_id == user.pk else None
    if user.role not in roles.STAFF:
        return None
    if user.role in roles.ORGANISATION_WIDE and melding.meldpunt_id == user.organisation_id:
        return BASIS_MELDPUNT
    if melding.casus_id:
        basis = casus_access_basis(user, melding.casus, include_break_glass=False)
        if basis:
            return basis
    return _break_glass_basis(user, melding.person_id) if include_break_glass else None


def person_access_basis(user, person, *, include_break_glass: bool = True) -> str | None:
    if not is_staff_worker(user):
        return None
    casussen = person.casussen.all()
    meldingen = person.meldingen.all()
    if casussen.filter(members__user=user).exists() or meldingen.filter(casus__members__user=user).exists():
        return BASIS_MEMBER
    if user.role in roles.ORGANISATION_WIDE:
        org = user.organisation_id
        if casussen.filter(organisation_id=org).exists() or meldingen.filter(casus__organisation_id=org).exists():
            return BASIS_ORGANISATION
        if meldingen.filter(meldpunt_id=org).exists():
            return BASIS_MELDPUNT
    return _break_glass_basis(user, person.pk) if include_break_glass else None


# --- action permissions ----------------------------------------------------


def can_register_melding(user) -> bool:
    return is_active_worker(user) and user.role in roles.ORGANISATION_WIDE


def can_submit_partner_melding(user) -> bool:
    return is_active_worker(user) and user.role == Role.PARTNER


def can_triage(user, melding) -> bool:
    return (
        is_active_worker(user) and user.role in roles.ORGANISATION_WIDE and melding.meldpunt_id == user.organisation_id
    )


def can_work_on_casus(user, casus) -> bool:
    """Log attempts, change phase, add notes: members and the organisation's teamleider.
    Never on break-the-glass access (that is for looking, not for working)."""
    basis = casus_access_basis(user, casus)
    if basis == BASIS_MEMBER:
        return user.role in roles.STAFF
    return basis == BASIS_ORGANISATION and user.role == Role.TEAMLEIDER


def person_access_log_basis(user, person) -> str | None:
    """Why a teamleider may read who accessed this person (None: not at all).

    Only through their organisation's involvement (a casus of the organisation,
    a melding received by its meldpunt) or because a user of their organisation
    broke the glass for this person (the teamleider reviews that). Membership of
    another organisation's casus is not enough: supervising other organisations'
    staff is not the teamleider's task."""
    if not is_active_worker(user) or user.role != Role.TEAMLEIDER:
        return None
    org = user.organisation_id
    if (
        person.casussen.filter(organisation_id=org).exists()
        or person.meldingen.filter(Q(meldpunt_id=org) | Q(casus__organisation_id=org)).exists()
    ):
        return BASIS_REVIEW
    if BreakGlassGrant.objects.filter(person=person, user__organisation_id=org).exists():
        return BASIS_BREAK_GLASS_REVIEW
    return None


def can_view_person_access_log(user, person) -> bool:
    return person_access_log_basis(user, person) is not None


def can_review_break_glass(user) -> bool:
    return is_active_worker(user) and user.role == Role.TEAMLEIDER
