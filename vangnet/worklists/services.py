"""Work queues: what a worker has to do next, and what is past the norms.

The querysets start from ``vangnet.access.policies.visible_*`` so a list can
never show more than the user may see; the views log one read per row shown."""

from datetime import datetime

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from vangnet.access.policies import visible_casussen, visible_meldingen
from vangnet.cases.models import CONTACT_RESULTS, Casus, Phase
from vangnet.intake.models import ConcernCategory, Melding
from vangnet.norms import services as norms
from vangnet.norms.models import NormSettings
from vangnet.norms.workdays import local_date


def url_or_empty(name: str, *args) -> str:
    """``reverse`` that tolerates URL names another part of the system has not built yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# --- meldingen ---------------------------------------------------------------


def _melding_rows(qs: QuerySet) -> QuerySet:
    return qs.select_related("gemeente", "person").prefetch_related(
        Prefetch("categories", queryset=ConcernCategory.objects.order_by("order", "label"))
    )


def meldingen_to_triage(user) -> QuerySet:
    """Untriaged meldingen received by the user's own meldpunt, oldest first."""
    if not user.organisation_id:
        return Melding.objects.none()
    qs = visible_meldingen(user, include_break_glass=False).filter(
        meldpunt_id=user.organisation_id, status=Melding.Status.TE_TRIEREN
    )
    return _melding_rows(qs).order_by("received_at", "pk")


def triage_rows(meldingen, now: datetime, settings: NormSettings) -> list:
    rows = norms.annotate_triage(meldingen, now, settings)
    for melding in rows:
        melding.triage_url = url_or_empty("triage:melding", melding.pk)
    return rows


def overdue_meldingen(user, now: datetime, settings: NormSettings) -> list:
    rows = norms.overdue_triage(meldingen_to_triage(user), now, settings)
    return triage_rows(rows, now, settings)


# --- casussen ------------------------------------------------------------------


def _with_attempt_facts(qs: QuerySet) -> QuerySet:
    return qs.select_related("person").annotate(
        attempt_count=Count("attempts", distinct=True),
        first_attempt_at=Min("attempts__at"),
        last_attempt_at=Max("attempts__at"),
        first_contact_at=Min("attempts__at", filter=Q(attempts__result__in=CONTACT_RESULTS)),
    )


def my_casussen(user) -> QuerySet:
    """Casussen the user is a member of (regisseur, duo or consultant)."""
    qs = visible_casussen(user, include_break_glass=False).filter(members__user=user)
    # Annotate on a clean queryset: the membership join must not multiply the counts.
    return _with_attempt_facts(Casus.objects.filter(pk__in=qs.values("pk")))


def organisation_overdue_casussen(user, now: datetime, settings: NormSettings) -> list:
    if not user.organisation_id:
        return []
    qs = visible_casussen(user, include_break_glass=False).filter(organisation_id=user.organisation_id)
    rows = norms.overdue_first_attempt(
        Casus.objects.filter(pk__in=qs.values("pk")).select_related("person"), now, settings
    )
    for casus in rows:
        casus.attempt_count = 0
        casus.first_attempt_at = None
        casus.last_attempt_at = None
        casus.first_contact_at = None
    return casus_rows(rows, now, settings)


def casus_rows(casussen, now: datetime, settings: NormSettings) -> list:
    """Set display facts on each (annotated) casus: deadline, first-contact status, days since last attempt."""
    today = local_date(now)
    rows = []
    for casus in casussen:
        casus.first_attempt_deadline = norms.first_attempt_deadline(casus, settings)
        casus.first_attempt_status = norms.first_attempt_status(casus, now, settings)
        casus.first_attempt_label = norms.FIRST_ATTEMPT_LABELS[casus.first_attempt_status]
        casus.first_attempt_overdue = casus.first_attempt_status == norms.FirstAttemptStatus.OVERDUE
        casus.days_since_last_attempt = (
            (today - local_date(casus.last_attempt_at)).days if casus.last_attempt_at else None
        )
        casus.detail_url = url_or_empty("cases:detail", casus.pk)
        rows.append(casus)
    return rows


def open_my_cases(user, now: datetime, settings: NormSettings) -> list:
    """The user's open casussen: first-attempt-overdue first, then oldest opened first."""
    qs = my_casussen(user).exclude(phase=Phase.AFGESLOTEN).order_by("opened_at", "pk")
    rows = casus_rows(qs, now, settings)
    rows.sort(key=lambda c: not c.first_attempt_overdue)  # stable: keeps the opened_at order within groups
    return rows


def closed_my_cases(user) -> QuerySet:
    """The user's closed casussen, latest closed first (paginate before ``casus_rows``)."""
    return my_casussen(user).filter(phase=Phase.AFGESLOTEN).order_by("-closed_at", "-pk")


def now_and_settings() -> tuple[datetime, NormSettings]:
    return timezone.now(), NormSettings.current()
