"""Break the glass: emergency access of a meldpunt worker to one person.

Search first (logged, minimal identification only), then a written reason and
an explicit confirmation; the grant lasts BREAK_GLASS_DURATION and everything
read under it is flagged in the access log. The teamleider reviews grants."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.audit.models import AccessLog
from vangnet.audit.services import log_access
from vangnet.core.logging import get_logger
from vangnet.persons.matching.names import surname_key
from vangnet.persons.models import Person

from . import policies
from .models import BREAK_GLASS_DURATION, BreakGlassGrant

logger = get_logger(__name__)

MIN_REASON_LENGTH = 10
MAX_RESULTS = 20
SEARCH_DETAIL = "noodtoegang: zoeken"


def find_persons_for_break_glass(*, bsn: str = "", surname: str = "", date_of_birth: date | None = None) -> list[Person]:
    """Exact lookup: by BSN, or by normalised surname plus exact date of birth."""
    if bsn:
        qs = Person.objects.filter(bsn=bsn)
    elif surname and date_of_birth:
        key = surname_key(surname)
        if not key:
            return []
        qs = Person.objects.filter(surname_key=key, date_of_birth=date_of_birth)
    else:
        return []
    return list(qs.order_by("surname", "given_names", "pk")[:MAX_RESULTS])


def summarise_search(*, bsn: str = "", surname: str = "", date_of_birth: date | None = None) -> str:
    """What was searched, for the access log: never the full BSN."""
    if bsn:
        return f"zoeken op BSN eindigend op {bsn[-3:]}"
    dob = date_of_birth.isoformat() if date_of_birth else "-"
    return f"zoeken op achternaam '{surname.strip()[:100]}' en geboortedatum {dob}"


def log_break_glass_search(request, persons, summary: str) -> None:
    """One E row for the search itself, and one per person shown in the results."""
    log_access(request, AccessLog.Action.EXECUTE, object_type="zoekopdracht", detail=f"{SEARCH_DETAIL} ({summary})",
               reason=f"{summary}; {len(persons)} resultaten")
    for person in persons:
        log_access(request, AccessLog.Action.EXECUTE, person=person, object_type="persoon (zoekresultaat)",
                   detail=f"{SEARCH_DETAIL}: zoekresultaat (naam, geboortejaar)", reason=summary)


@transaction.atomic
def break_the_glass(request, person: Person, reason: str) -> BreakGlassGrant:
    user = request.user
    if not policies.can_break_glass(user):
        raise PermissionDenied
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            _("Geef een reden van minstens %(min)d tekens.") % {"min": MIN_REASON_LENGTH}, code="reason_too_short"
        )
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        user=user, person=person, reason=reason, created_at=now, expires_at=now + BREAK_GLASS_DURATION
    )
    until = timezone.localtime(grant.expires_at)
    log_access(
        request,
        AccessLog.Action.EXECUTE,
        person=person,
        object_type="noodtoegang",
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
    return grant


def grants_to_review(user):
    """Break-the-glass grants of the teamleider's organisation, newest first."""
    if not policies.can_review_break_glass(user):
        return BreakGlassGrant.objects.none()
    return BreakGlassGrant.objects.filter(user__organisation_id=user.organisation_id).select_related(
        "user", "person", "reviewed_by"
    )


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
def mark_reviewed(request, grant: BreakGlassGrant) -> BreakGlassGrant:
    user = request.user
    if not policies.can_review_break_glass(user) or grant.user.organisation_id != user.organisation_id:
        raise PermissionDenied
    if grant.reviewed_at is None:
        grant.reviewed_at = timezone.now()
        grant.reviewed_by = user
        grant.save(update_fields=["reviewed_at", "reviewed_by"])
        log_access(
            request,
            AccessLog.Action.UPDATE,
            person=grant.person,
            object_type="noodtoegang",
            detail=f"noodtoegang {grant.pk} beoordeeld",
            reason=policies.BASIS_BREAK_GLASS_REVIEW,
        )
    return grant


def format_until(moment) -> str:
    return date_format(timezone.localtime(moment), "H:i")
