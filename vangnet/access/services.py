"""Break the glass: emergency access of a meldpunt worker to one person.

Search first (logged, minimal identification only), then a written reason and
an explicit confirmation; the grant lasts BREAK_GLASS_DURATION and everything
read under it is flagged in the access log. The teamleider reviews grants."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.accounts.models import Role, User
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ObjectType, audit
from vangnet.core.logging import get_logger
from vangnet.notifications.models import EventKind
from vangnet.notifications.services import notify
from vangnet.persons.models import Person

from . import policies
from .models import BREAK_GLASS_DURATION, BreakGlassGrant, RefusalAlert

logger = get_logger(__name__)

MIN_REASON_LENGTH = 10
MAX_RESULTS = 20
SEARCH_DETAIL = "noodtoegang: zoeken"
BASIS_BREAK_GLASS_OWNER = "beoordeling noodtoegang (gegevens van eigen organisatie)"


class BreakGlassLimitReached(ValidationError):
    """The user has had her daily number of break-the-glass grants."""


def find_persons_for_break_glass(
    *, bsn: str = "", surname: str = "", date_of_birth: date | None = None
) -> list[Person]:
    """Exact lookup: by BSN, or by normalised surname plus exact date of birth."""
    if bsn:
        qs = Person.objects.filter(bsn=bsn)
    elif surname and date_of_birth:
        qs = Person.objects.with_surname(surname).filter(date_of_birth=date_of_birth)
    else:
        return []
    return list(qs.order_by("surname", "given_names", "pk")[:MAX_RESULTS])


def summarise_search(*, bsn: str = "", surname: str = "", date_of_birth: date | None = None) -> str:
    """What was searched, for the access log: never the full BSN."""
    if bsn:
        return f"zoeken op BSN eindigend op {bsn[-3:]}"
    dob = date_of_birth.isoformat() if date_of_birth else "-"
    return f"zoeken op achternaam '{surname.strip()[:100]}' en geboortedatum {dob}"


@transaction.atomic
def log_break_glass_search(user, persons, summary: str, *, context: AuditContext | None = None) -> None:
    """One E row for the search itself, and one per person shown in the results."""
    audit(
        user,
        AccessLog.Action.EXECUTE,
        context=context,
        object_type=ObjectType.ZOEKOPDRACHT,
        detail=f"{SEARCH_DETAIL} ({summary})",
        reason=f"{summary}; {len(persons)} resultaten",
    )
    for person in persons:
        audit(
            user,
            AccessLog.Action.EXECUTE,
            context=context,
            person=person,
            object_type=ObjectType.PERSOON_ZOEKRESULTAAT,
            detail=f"{SEARCH_DETAIL}: zoekresultaat (naam, geboortejaar)",
            reason=summary,
        )


@transaction.atomic
def break_the_glass(person: Person, reason: str, *, by, context: AuditContext | None = None) -> BreakGlassGrant:
    """Grant ``by`` emergency access to ``person`` for BREAK_GLASS_DURATION."""
    user = by
    if not policies.can_break_glass(user):
        raise PermissionDenied
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Geef een reden van minstens %(min)d tekens.") % {"min": MIN_REASON_LENGTH},
                    code="reason_too_short",
                )
            }
        )
    now = timezone.now()
    # Lock the user's row so two requests at once cannot both pass the daily cap.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if daily_limit_reached(user, now):
        raise BreakGlassLimitReached(daily_limit_message(), code="daily_limit")
    grant = BreakGlassGrant.objects.create(
        user=user, person=person, reason=reason, created_at=now, expires_at=now + BREAK_GLASS_DURATION
    )
    until = timezone.localtime(grant.expires_at)
    audit(
        user,
        AccessLog.Action.EXECUTE,
        context=context,
        person=person,
        object_type=ObjectType.NOODTOEGANG,
        detail=f"noodtoegang verleend tot {until:%Y-%m-%d %H:%M}",
        reason=reason,
        break_glass=True,
    )
    logger.warning(
        "break_glass_granted",
        grant_id=grant.pk,
        user_id=user.pk,
        organisation_id=user.organisation_id,
        person_id=person.pk,
        expires_at=grant.expires_at.isoformat(),
        reason_length=len(reason),
    )
    notify_owning_organisations(grant)
    return grant


def daily_limit_reached(user, now=None) -> bool:
    return grants_today(user, now) >= settings.VANGNET_BREAK_GLASS_DAILY_LIMIT


def daily_limit_message() -> str:
    return _(
        "U hebt vandaag al %(limit)d keer noodtoegang gekregen; dat is het maximum per dag. "
        "Neem contact op met uw teamleider als u nu toch toegang nodig hebt."
    ) % {"limit": settings.VANGNET_BREAK_GLASS_DAILY_LIMIT}


def grants_today(user, now=None) -> int:
    """How many grants the user got since midnight (local time)."""
    now = now or timezone.now()
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    return BreakGlassGrant.objects.filter(user=user, created_at__gte=midnight).count()


def owning_organisation_ids(person) -> set[int]:
    """The organisations whose data on this person exist: casus organisations, the
    meldpunten that received a melding, and the organisations of those meldingen's casussen."""
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    ids = set(Casus.objects.filter(person=person).values_list("organisation_id", flat=True))
    for meldpunt_id, casus_org_id in Melding.objects.filter(person=person).values_list(
        "meldpunt_id", "casus__organisation_id"
    ):
        ids.update(i for i in (meldpunt_id, casus_org_id) if i)
    ids.discard(None)
    return ids


def _owned_person_ids(organisation_id):
    """Persons with data of this organisation (a subquery)."""
    return Person.objects.filter(
        Q(casussen__organisation_id=organisation_id)
        | Q(meldingen__meldpunt_id=organisation_id)
        | Q(meldingen__casus__organisation_id=organisation_id)
    ).values("pk")


def _teamleiders(organisation_ids, exclude=None):
    qs = User.objects.filter(role=Role.TEAMLEIDER, is_active=True, organisation_id__in=organisation_ids)
    return qs.exclude(pk=exclude.pk) if exclude is not None else qs


def notify_owning_organisations(grant: BreakGlassGrant) -> int:
    """Tell the teamleiders of every other organisation whose data the grant opens,
    at once and in the app (no client data in the text)."""
    others = owning_organisation_ids(grant.person) - {grant.user.organisation_id}
    text = _(
        "Noodtoegang genomen door een medewerker van %(org)s tot gegevens van uw organisatie. "
        "Bekijk het bij Noodtoegang beoordelen."
    ) % {"org": grant.user.organisation}
    url = reverse("access:break_glass_review")
    sent = 0
    for teamleider in _teamleiders(others):
        notify(teamleider, text, url, kind=EventKind.BREAK_GLASS)
        sent += 1
    if others:
        logger.warning(
            "break_glass_other_organisation",
            grant_id=grant.pk,
            user_id=grant.user_id,
            owning_organisation_ids=sorted(others),
            teamleiders_notified=sent,
        )
    return sent


def grants_to_review(user):
    """Break-the-glass grants the teamleider reviews, newest first: those of her
    organisation's users, and those on persons whose data her organisation owns."""
    if not policies.can_review_break_glass(user):
        return BreakGlassGrant.objects.none()
    org = user.organisation_id
    return BreakGlassGrant.objects.filter(
        Q(user__organisation_id=org) | Q(person_id__in=_owned_person_ids(org))
    ).select_related("user", "user__organisation", "person", "reviewed_by")


def grant_review_basis(user, grant) -> str | None:
    """Why the teamleider may see this grant (None: not at all)."""
    if not policies.can_review_break_glass(user):
        return None
    if grant.user.organisation_id == user.organisation_id:
        return policies.BASIS_BREAK_GLASS_REVIEW
    if user.organisation_id in owning_organisation_ids(grant.person):
        return BASIS_BREAK_GLASS_OWNER
    return None


def can_mark_reviewed(user, grant) -> bool:
    """Only the teamleider of the user's own organisation judges the grant (she
    supervises the user); the owning organisation sees it and the access log."""
    return policies.can_review_break_glass(user) and grant.user.organisation_id == user.organisation_id


def accesses_under_grant(grant: BreakGlassGrant) -> int:
    """How many access-log rows the user wrote under this grant."""
    return AccessLog.objects.filter(
        user_id=str(grant.user_id),
        person_id=str(grant.person_id),
        break_glass=True,
        timestamp__gte=grant.created_at,
        timestamp__lte=grant.expires_at,
    ).count()


@transaction.atomic
def mark_reviewed(grant: BreakGlassGrant, *, by, context: AuditContext | None = None) -> BreakGlassGrant:
    user = by
    if not can_mark_reviewed(user, grant):
        raise PermissionDenied
    if grant.reviewed_at is None:
        grant.reviewed_at = timezone.now()
        grant.reviewed_by = user
        grant.save(update_fields=["reviewed_at", "reviewed_by"])
        audit(
            user,
            AccessLog.Action.UPDATE,
            context=context,
            person=grant.person,
            object_type=ObjectType.NOODTOEGANG,
            detail=f"noodtoegang {grant.pk} beoordeeld",
            reason=policies.BASIS_BREAK_GLASS_REVIEW,
        )
    return grant


def format_until(moment) -> str:
    return date_format(timezone.localtime(moment), "H:i")


# --- bursts of refusals --------------------------------------------------------


def check_refusal_burst(user, *, context: AuditContext | None = None) -> RefusalAlert | None:
    """After a refusal: at VANGNET_REFUSAL_BURST refusals within
    VANGNET_REFUSAL_BURST_MINUTES, tell the user's teamleider(s) in the app and
    write a security event, once per window."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    limit = settings.VANGNET_REFUSAL_BURST
    minutes = settings.VANGNET_REFUSAL_BURST_MINUTES
    refusals = AccessLog.objects.filter(user_id=str(user.pk), action=AccessLog.Action.REFUSED)
    latest = refusals.order_by("-pk").values_list("timestamp", flat=True).first()
    if latest is None:
        return None
    # Access-log timestamps come from the database clock: measure the window on that clock too.
    since = latest - timedelta(minutes=minutes)
    count = refusals.filter(timestamp__gte=since).count()
    if count < limit:
        return None
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if RefusalAlert.objects.filter(user=user, created_at__gte=since).exists():
            return None
        alert = RefusalAlert.objects.create(user=user, refusals=count, created_at=latest)
        text = _("Gebruiker %(user)s kreeg %(count)d weigeringen in %(minutes)d minuten.") % {
            "user": user.get_username(),
            "count": count,
            "minutes": minutes,
        }
        teamleiders = list(_teamleiders([user.organisation_id], exclude=user)) if user.organisation_id else []
        for teamleider in teamleiders:
            notify(teamleider, text)  # about a colleague's account: the free-text kind shows which
    from vangnet.accounts.services import log_security_event

    where = {"ip_address": context.ip_address} if context is not None else {}
    log_security_event(
        "access_refusal_burst",
        user=user,
        refusals=count,
        window_minutes=minutes,
        organisation_id=user.organisation_id,
        teamleiders_notified=len(teamleiders),
        **where,
    )
    return alert
