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

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.signals import post_delete, post_save
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
    """Persons reachable through a visible casus or melding (partners: none).

    The same set as "person of a visible casus or of a visible melding", but as one
    narrow id source per relation (each starts from an index: the user's memberships,
    the organisation's casussen, the meldpunt's meldingen) instead of nesting the two
    whole visible_* subqueries, which made the database scan every organisation's
    casussen and meldingen (issue 17)."""
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding
    from vangnet.persons.models import Person

    qs = qs if qs is not None else Person.objects.all()
    if not is_staff_worker(user):
        return qs.none()
    meldingen = Melding.objects.exclude(person=None)
    sources = [
        Casus.objects.filter(members__user=user).values("person_id"),
        meldingen.filter(casus_id__in=_member_casus_ids(user)).values("person_id"),
    ]
    if user.role in roles.ORGANISATION_WIDE:
        org = user.organisation_id
        sources += [
            Casus.objects.filter(organisation_id=org).values("person_id"),
            meldingen.filter(meldpunt_id=org).values("person_id"),
            meldingen.filter(casus_id__in=_organisation_casus_ids(org)).values("person_id"),
        ]
    # One IN over a UNION: the database collects the few ids first and then looks the
    # persons up by key, instead of testing every person against each source.
    cond = Q(pk__in=sources[0].union(*sources[1:]))
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


# A casus page asks "is this user a member?" for every section (crisis, plannen,
# grondslagen, ...): 15-20 identical queries. The answer is kept on the casus
# instance, which lives for one request; any CaseMember save or delete in this
# process makes every kept answer stale (the generation below), so a membership
# changed during the request is seen at once.
_membership_generation = [0]


def _membership_changed(**kwargs: Any) -> None:
    _membership_generation[0] += 1


post_save.connect(_membership_changed, sender="cases.CaseMember", dispatch_uid="policies-membership-save")
post_delete.connect(_membership_changed, sender="cases.CaseMember", dispatch_uid="policies-membership-delete")


def _fetched_membership(user_pk: Any) -> str:
    return f"_vangnet_member_{user_pk}"


def with_membership(queryset: Any, user: Any) -> Any:
    """Casussen that also say whether ``user`` is on their team (the guard's fetch): the
    policy's first question then needs no query of its own."""
    from vangnet.cases.models import CaseMember

    member = Exists(CaseMember.objects.filter(casus=OuterRef("pk"), user_id=user.pk))
    return queryset.annotate(**{_fetched_membership(user.pk): member})


def _is_member(user: Any, casus: Any) -> bool:
    generation, answers = casus.__dict__.get("_member_answers", (None, None))
    if generation != _membership_generation[0] or answers is None:
        generation, answers = _membership_generation[0], {}
        casus.__dict__["_member_answers"] = (generation, answers)
    # Fetched with the casus (with_membership): taken once, at once, before a change can come.
    fetched = casus.__dict__.pop(_fetched_membership(user.pk), None)
    if fetched is not None and user.pk not in answers:
        answers[user.pk] = bool(fetched)
    if user.pk not in answers:
        answers[user.pk] = casus.members.filter(user=user).exists()
    return answers[user.pk]


def casus_access_basis(user, casus, *, include_break_glass: bool = True) -> str | None:
    if not is_staff_worker(user):
        return None
    if _is_member(user, casus):
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
    """One query for the three relations (membership, organisation, meldpunt) instead
    of up to five EXISTS; the order of the bases is unchanged."""
    from vangnet.cases.models import CaseMember, Casus
    from vangnet.intake.models import Melding
    from vangnet.persons.models import Person

    if not is_staff_worker(user):
        return None
    # The person's casussen and the casussen of the person's meldingen.
    casussen = Casus.objects.filter(
        Q(person_id=person.pk) | Q(pk__in=Melding.objects.filter(person_id=person.pk).values("casus_id"))
    )
    facts = {"member": Exists(CaseMember.objects.filter(user=user, casus__in=casussen))}
    if user.role in roles.ORGANISATION_WIDE:
        org = user.organisation_id
        facts["organisation"] = Exists(casussen.filter(organisation_id=org))
        facts["meldpunt"] = Exists(Melding.objects.filter(person_id=person.pk, meldpunt_id=org))
    found: dict[str, Any] = Person.objects.filter(pk=person.pk).annotate(**facts).values(*facts).first() or {}
    if found.get("member"):
        return BASIS_MEMBER
    if found.get("organisation"):
        return BASIS_ORGANISATION
    if found.get("meldpunt"):
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
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding
    from vangnet.persons.models import Person

    if not is_active_worker(user) or user.role != Role.TEAMLEIDER:
        return None
    org = user.organisation_id
    # one query for the three relations (was up to three EXISTS, one after the other)
    found: Any = (
        Person.objects.filter(pk=person.pk)
        .annotate(
            casus=Exists(Casus.objects.filter(person_id=person.pk, organisation_id=org)),
            melding=Exists(
                Melding.objects.filter(person_id=person.pk).filter(
                    Q(meldpunt_id=org) | Q(casus_id__in=Casus.objects.filter(organisation_id=org).values("pk"))
                )
            ),
            glass=Exists(BreakGlassGrant.objects.filter(person_id=person.pk, user__organisation_id=org)),
        )
        .values("casus", "melding", "glass")
        .first()
        or {}
    )
    if found.get("casus") or found.get("melding"):
        return BASIS_REVIEW
    if found.get("glass"):
        return BASIS_BREAK_GLASS_REVIEW
    return None


def can_view_person_access_log(user, person) -> bool:
    return person_access_log_basis(user, person) is not None


def can_review_break_glass(user) -> bool:
    return is_active_worker(user) and user.role == Role.TEAMLEIDER
