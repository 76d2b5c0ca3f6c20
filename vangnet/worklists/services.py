"""Work queues: what a worker has to do next, and what is past the norms.

The querysets start from ``vangnet.access.policies.visible_*`` so a list can
never show more than the user may see; the views log one read per row shown."""

import copy
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from vangnet.access.policies import visible_casussen, visible_meldingen
from vangnet.accounts.models import User
from vangnet.cases.models import CONTACT_RESULTS, Casus, ContactAttempt, Phase
from vangnet.core.subqueries import count_of
from vangnet.intake.models import ConcernCategory, Melding, UrgencyRank
from vangnet.norms import services as norms
from vangnet.norms.cutoffs import overdue_before
from vangnet.norms.models import NormSettings
from vangnet.norms.workdays import local_date
from vangnet.triage.models import TriageDecision, YesNoUnknown


def url_or_empty(name: str, *args: object) -> str:
    """``reverse`` that tolerates URL names another part of the system has not built yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# --- urgency ------------------------------------------------------------------
#
# Every worklist sorts urgent first (issue 11): a melding by its own
# ``urgency_rank`` (2 gevaar, 1 urgentie-signaal, 0 geen); a casus by the highest
# rank of its meldingen, or GEVAAR when a triage decision on it answered
# "acuut gevaar: ja". Within the same urgency the norm deadline decides.


def casus_urgency(casus_ref: str = "pk") -> Case:
    """SQL expression: the urgency rank of the casus at ``OuterRef(casus_ref)``."""
    highest_melding = (
        Melding.objects.filter(casus_id=OuterRef(casus_ref)).order_by("-urgency_rank").values("urgency_rank")[:1]
    )
    # Two indexed lookups, not one OR across a join (which scans every triage decision per row).
    acute_on_casus = TriageDecision.objects.filter(casus_id=OuterRef(casus_ref), acute_danger=YesNoUnknown.JA)
    acute_on_melding = Melding.objects.filter(casus_id=OuterRef(casus_ref), triage__acute_danger=YesNoUnknown.JA)
    return Case(
        When(Exists(acute_on_casus) | Exists(acute_on_melding), then=Value(int(UrgencyRank.GEVAAR))),
        default=Coalesce(Subquery(highest_melding, output_field=IntegerField()), Value(int(UrgencyRank.GEEN))),
        output_field=IntegerField(),
    )


def with_urgency(casussen: QuerySet) -> QuerySet:
    """Annotate ``urgency_rank`` on a casus queryset (one subquery, no extra query)."""
    return casussen.annotate(urgency_rank=casus_urgency())


def urgent_first(records: list, deadline_attr: str) -> list:
    """Stable sort: highest ``urgency_rank`` first, then the earliest deadline."""
    return sorted(records, key=lambda r: (-r.urgency_rank, getattr(r, deadline_attr)))


# --- meldingen ---------------------------------------------------------------


def _melding_rows(qs: QuerySet) -> QuerySet:
    return qs.select_related("gemeente", "person").prefetch_related(
        Prefetch("categories", queryset=ConcernCategory.objects.order_by("order", "label"))
    )


def meldingen_to_triage(user: User) -> QuerySet:
    """Untriaged meldingen received by the user's own meldpunt: urgent first, then
    the triage deadline (which follows ``received_at``: one norm for all), oldest first."""
    if not user.organisation_id:
        return Melding.objects.none()
    qs = visible_meldingen(user, include_break_glass=False).filter(
        meldpunt_id=user.organisation_id, status=Melding.Status.TE_TRIEREN
    )
    return _melding_rows(qs).order_by("-urgency_rank", "received_at", "pk")


def triage_rows(meldingen: Iterable, now: datetime, settings: NormSettings) -> list:
    rows = norms.annotate_triage(meldingen, now, settings)
    for melding in rows:
        melding.triage_url = url_or_empty("triage:melding", melding.pk)
    return rows


def _overdue_meldingen_qs(user: User, now: datetime, settings: NormSettings) -> QuerySet:
    """Te triëren past the triage norm, in SQL (``norms.cutoffs``: one cut in ``received_at``
    is exactly "now after the deadline"), urgent first, then the earliest deadline."""
    cutoff = overdue_before(now, settings.triage_workdays)
    return meldingen_to_triage(user).filter(received_at__lt=cutoff)


def overdue_meldingen(user: User, now: datetime, settings: NormSettings) -> QuerySet:
    """The triage-overdue meldingen, urgent first (page it, then ``triage_rows``)."""
    return _overdue_meldingen_qs(user, now, settings)


def triage_heads(
    user: User, now: datetime, settings: NormSettings, limit: int, overdue_count: int
) -> tuple[list, list]:
    """The dashboard's first ``limit`` meldingen to triage and first ``limit`` of them past the
    norm (``overdue_count`` of ``triage_counts``). Both lists have one order, so when the first
    list already holds every overdue one the second is taken from it; the categories of both
    are fetched in one query (issue 17: two list queries and two prefetches before)."""
    shown = list(meldingen_to_triage(user).prefetch_related(None)[:limit])
    cutoff = overdue_before(now, settings.triage_workdays)
    overdue = [m for m in shown if m.received_at < cutoff]
    if len(overdue) < min(overdue_count, limit):
        by_pk = {m.pk: m for m in shown}
        fetched = _overdue_meldingen_qs(user, now, settings).prefetch_related(None)[:limit]
        overdue = [by_pk.get(m.pk, m) for m in fetched]
    prefetch_related_objects(
        list({m.pk: m for m in shown + overdue}.values()),
        Prefetch("categories", queryset=ConcernCategory.objects.order_by("order", "label")),
    )
    # Own instances for the second list (sharing the fetched categories): what the view
    # marks on a row of one list (``is_new``) stays off the other, as with two queries.
    overdue = [copy.copy(m) for m in overdue[:limit]]
    return triage_rows(shown, now, settings), triage_rows(overdue, now, settings)


def triage_counts(user: User, now: datetime, settings: NormSettings, since: datetime | None) -> dict[str, int]:
    """How many meldingen are to triage, how many of them are past the triage norm and how
    many were registered after ``since``: one aggregate instead of three counts."""
    cutoff = overdue_before(now, settings.triage_workdays)
    counts = {"total": Count("pk"), "overdue": Count("pk", filter=Q(received_at__lt=cutoff))}
    if since is not None:
        counts["new"] = Count("pk", filter=Q(created_at__gt=since))
    return {"new": 0, **meldingen_to_triage(user).order_by().aggregate(**counts)}


# --- casussen ------------------------------------------------------------------


def _with_attempt_facts(qs: QuerySet) -> QuerySet:
    # Voided attempts do not count (issue 12). One probe of the partial index
    # attempt_counting_at (casus, at, result) per row shown, not a join of every attempt
    # of the rows with a GROUP BY: on that join the urgency subqueries ran per joined
    # attempt and PostgreSQL hashed every acute triage decision (60 ms a page at region size).
    counting = ContactAttempt.objects.counting().filter(casus=OuterRef("pk"))
    contacts = counting.filter(result__in=CONTACT_RESULTS)
    return (
        with_urgency(qs)
        .select_related("person")
        .annotate(
            attempt_count=count_of(counting),
            first_attempt_at=Subquery(counting.order_by("at").values("at")[:1]),
            last_attempt_at=Subquery(counting.order_by("-at").values("at")[:1]),
            first_contact_at=Subquery(contacts.order_by("at").values("at")[:1]),
        )
    )


def my_casussen(user: User) -> QuerySet:
    """Casussen the user is a member of (regisseur, duo or consultant)."""
    qs = visible_casussen(user, include_break_glass=False).filter(members__user=user)
    # Annotate on a clean queryset: the membership join must not multiply the counts.
    return _with_attempt_facts(Casus.objects.filter(pk__in=qs.values("pk")))


def _my_open(user: User) -> QuerySet:
    member_of = visible_casussen(user, include_break_glass=False).filter(members__user=user)
    return Casus.objects.filter(pk__in=member_of.values("pk")).exclude(phase=Phase.AFGESLOTEN)


def casus_rows_for(ids: list[int], now: datetime, settings: NormSettings) -> list:
    """The display rows of the casussen ``ids``, in that order.

    Lists page in two steps: first the ids of one page in SQL order (cheap: no
    aggregate), then the attempt facts for those few rows only. Aggregating
    attempts over every casus of a worker before sorting took 1.5 s for a
    worker with 1,500 casussen at 100,000 meldingen."""
    if not ids:
        return []
    by_pk = {c.pk: c for c in _with_attempt_facts(Casus.objects.filter(pk__in=ids))}
    return casus_rows([by_pk[pk] for pk in ids if pk in by_pk], now, settings)


MY_OPEN_ORDER = ("-urgency_rank", "has_contact_attempt", "opened_at", "pk")


def open_my_cases_order(user: User) -> QuerySet:
    """The ids of the user's open casussen in worklist order: urgent first; within
    the same urgency the ones without any attempt (their first-attempt deadline
    still counts; the overdue ones have the earliest), then the rest; oldest
    opened first. The deadline follows ``opened_at`` (one norm for all), so the
    database sorts and pages."""
    return with_urgency(_my_open(user)).order_by(*MY_OPEN_ORDER).values_list("pk", flat=True)


def my_open_counts(user: User, now: datetime, settings: NormSettings, new_ids: set[int]) -> dict[str, int]:
    """How many open casussen the user has, how many of them are past the
    first-attempt norm without any attempt, and how many are new (``new_ids``)."""
    cutoff = overdue_before(now, settings.first_attempt_workdays)
    # One aggregate instead of three counts.
    counts = {"open": Count("pk"), "overdue": Count("pk", filter=Q(has_contact_attempt=False, opened_at__lt=cutoff))}
    if new_ids:
        counts["new"] = Count("pk", filter=Q(pk__in=new_ids))
    return {"new": 0, **_my_open(user).aggregate(**counts)}


def _overdue_casussen_qs(user: User, now: datetime, settings: NormSettings) -> QuerySet:
    """The organisation's open casussen without any contact attempt past the first-attempt
    norm, in SQL (``norms.cutoffs``), urgent first, then the earliest deadline."""
    if not user.organisation_id:
        return Casus.objects.none()
    cutoff = overdue_before(now, settings.first_attempt_workdays)
    # Visibility on the outer query (no join to multiply rows here): with the stored
    # has_contact_attempt the database reads the partial index casus_waiting_first_attempt.
    qs = visible_casussen(user, include_break_glass=False).filter(organisation_id=user.organisation_id)
    return (
        norms.without_attempts(with_urgency(qs))
        .exclude(phase=Phase.AFGESLOTEN)
        .filter(opened_at__lt=cutoff)
        .select_related("person")
        .order_by("-urgency_rank", "opened_at", "pk")
    )


def overdue_casus_rows(casussen: Iterable, now: datetime, settings: NormSettings) -> list:
    rows = list(casussen)
    for casus in rows:  # no attempt at all: that is why they are overdue
        casus.attempt_count = 0
        casus.first_attempt_at = None
        casus.last_attempt_at = None
        casus.first_contact_at = None
    return casus_rows(rows, now, settings)


def organisation_overdue_casussen(user: User, now: datetime, settings: NormSettings) -> QuerySet:
    """The organisation's first-attempt-overdue casussen, urgent first (page it, then
    ``overdue_casus_rows``)."""
    return _overdue_casussen_qs(user, now, settings)


def organisation_overdue_casussen_head(
    user: User, now: datetime, settings: NormSettings, limit: int
) -> tuple[list, int]:
    # The total rides along on the rows as a window count (one query instead of two); with no
    # row shown there is none to count.
    qs = _overdue_casussen_qs(user, now, settings)
    rows = list(qs.annotate(head_total=Window(Count("pk")))[:limit])
    return overdue_casus_rows(rows, now, settings), rows[0].head_total if rows else 0


def casus_rows(casussen: Iterable, now: datetime, settings: NormSettings) -> list:
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


def closed_my_cases_order(user: User) -> QuerySet:
    """The ids of the user's closed casussen, latest closed first (page, then ``casus_rows_for``)."""
    member_of = visible_casussen(user, include_break_glass=False).filter(members__user=user)
    return (
        Casus.objects.filter(pk__in=member_of.values("pk"), phase=Phase.AFGESLOTEN)
        .order_by("-closed_at", "-pk")
        .values_list("pk", flat=True)
    )


def now_and_settings() -> tuple[datetime, NormSettings]:
    return timezone.now(), NormSettings.current()


# --- vinger aan de pols, urgent first ------------------------------------------------


def follow_ups_urgent_first(user: User, limit: int = 10) -> list:
    """The due vinger-aan-de-pols checks of the user's casussen (vangnet.network's
    ``due_follow_ups``), urgent casus first, then the earliest planned date."""
    from vangnet.network.services import due_follow_ups

    qs = due_follow_ups(user).annotate(urgency_rank=casus_urgency("referral__casus_id"))
    return list(qs.order_by("-urgency_rank", "due_date", "id")[:limit])


# --- the home page's figures in one statement ------------------------------------------
#
# Issue 17: the home page asked a query per count and ran each section's list query even
# when it had no row. Its counts, the previous visit and a yes/no per section are now
# subqueries on the user's own row, one statement; a section's rows are fetched only when
# it has any. Each subquery is built from the very queryset its list pages, so a figure
# cannot drift from its list.

PREVIOUS_VISIT = "previous_visit"


def _previous_visit() -> Subquery:
    from .models import HomeVisit

    return Subquery(HomeVisit.objects.filter(user=OuterRef("pk")).values("seen_at")[:1])


def _after_previous_visit(field: str, depth: int = 1) -> Q:
    """``field`` later than the previous visit on the user's row ``depth`` subqueries out
    (none on a first visit: NULL compares as not later, so nothing is new)."""
    ref: Any = PREVIOUS_VISIT
    for _ in range(depth):
        ref = OuterRef(ref)
    return Q(**{f"{field}__gt": ref})


def _count(qs: QuerySet) -> Any:
    return Value(0) if qs.query.is_empty() else count_of(qs)


def _any(qs: QuerySet) -> Any:
    return Value(False) if qs.query.is_empty() else Exists(qs)


def home_figures(user: User, figures: dict[str, Any]) -> dict[str, Any]:
    """``figures`` (name: subquery) and ``previous_visit`` (None on a first visit) in one
    statement on the user's own row."""
    return dict(
        User.objects.filter(pk=user.pk)
        .annotate(**{PREVIOUS_VISIT: _previous_visit()})
        .values(PREVIOUS_VISIT, **figures)
        .get()
    )


def _new_notifications(user: User) -> Any:
    """Created after the previous visit (the header's unread count comes with the user)."""
    from vangnet.notifications.models import Notification

    return _count(Notification.objects.filter(user=user).filter(_after_previous_visit("created_at")))


def staff_home_figures(user: User, now: datetime, settings: NormSettings) -> dict[str, Any]:
    """The werkvoorraad's figures: the counts it shows and whether each section has a row."""
    from vangnet.cases.models import CaseMember
    from vangnet.network.services import due_follow_ups
    from vangnet.plannen.services import overdue_actions_for_worker
    from vangnet.procesregie.services import regisseur_overdue
    from vangnet.verzoeken import policies as verzoeken_policies
    from vangnet.verzoeken.services import open_requests
    from vangnet.wvggz import policies as wvggz_policies
    from vangnet.wvggz.services import open_onderzoeken

    from . import contact_board
    from . import policies as worklist_policies

    my_open = _my_open(user)
    first_attempt_cutoff = overdue_before(now, settings.first_attempt_workdays)
    # she joined it (regisseur, duo, consultant) after her previous visit
    joined = CaseMember.objects.filter(user=user, casus=OuterRef("pk")).filter(_after_previous_visit("added_at", 2))
    figures: dict[str, Any] = {
        "new_notifications": _new_notifications(user),
        "my_open": _count(my_open),
        "my_overdue": _count(my_open.filter(has_contact_attempt=False, opened_at__lt=first_attempt_cutoff)),
        "my_new": _count(my_open.filter(Exists(joined))),
        "any_wvggz": _any(open_onderzoeken(wvggz_policies.summary_onderzoeken(user))),
        "any_follow_up": _any(due_follow_ups(user)),
        "any_plan_overdue": _any(overdue_actions_for_worker(user)),
        "any_regie_overdue": _any(regisseur_overdue(user)),
    }
    if worklist_policies.can_view_organisation_overview(user):
        to_triage = meldingen_to_triage(user)
        triage_cutoff = overdue_before(now, settings.triage_workdays)
        figures |= {
            "triage_total": _count(to_triage),
            "triage_overdue": _count(to_triage.filter(received_at__lt=triage_cutoff)),
            "triage_new": _count(to_triage.filter(_after_previous_visit("created_at"))),
            "any_casus_overdue": _any(_overdue_casussen_qs(user, now, settings)),
        }
    if worklist_policies.can_view_contact_board(user):
        figures["contact_board"] = _count(contact_board.lapsed_casussen(user, now))
    if verzoeken_policies.can_view_own_requests(user):
        # the requests the teamleider's worklist section picks from
        figures["any_verzoek"] = _any(open_requests(user))
    return home_figures(user, figures)


def partner_home_figures(user: User) -> dict[str, Any]:
    """The partner home's figures: the counts it shows and whether each section has a row."""
    from vangnet.network.models import Referral
    from vangnet.plannen.services import overdue_partner_actions
    from vangnet.procesregie import policies as regie_policies
    from vangnet.procesregie.services import open_actions_aan_zet

    referrals = partner_referrals(user)
    figures: dict[str, Any] = {
        "new_notifications": _new_notifications(user),
        "referrals": _count(referrals),
        "referrals_waiting": _count(referrals.filter(status=Referral.Status.PROPOSED)),
        "referrals_new": _count(referrals.filter(_after_previous_visit("proposed_at"))),
        "meldingen": _count(partner_meldingen(user)),
        "any_plan_overdue": _any(overdue_partner_actions(user)),
    }
    if regie_policies.can_view_aan_zet(user):
        figures["any_aan_zet"] = _any(open_actions_aan_zet(user))
    return home_figures(user, figures)


def my_open_head(user: User, now: datetime, settings: NormSettings, limit: int, since: datetime | None) -> list:
    """The first ``limit`` rows of the user's open casussen in worklist order, each marked
    ``is_new`` when she joined it after ``since``: one query, the attempt facts of those
    rows only (the ids of the head as a limited subquery, see ``casus_rows_for``)."""
    from vangnet.cases.models import CaseMember

    head = _with_attempt_facts(Casus.objects.filter(pk__in=open_my_cases_order(user)[:limit]))
    if since is not None:
        joined = CaseMember.objects.filter(user=user, casus=OuterRef("pk"), added_at__gt=since)
        head = head.annotate(joined_since=Exists(joined))
    rows = casus_rows(head.order_by(*MY_OPEN_ORDER), now, settings)
    mark_new(rows, lambda c: getattr(c, "joined_since", False))
    return rows


# --- new since the last visit ----------------------------------------------------------


def record_home_visit(user: User, at: datetime) -> None:
    """Remember that the user saw her home page at ``at`` (safe when two requests race)."""
    from .models import HomeVisit

    if not HomeVisit.objects.filter(user=user).update(seen_at=at):
        HomeVisit.objects.bulk_create([HomeVisit(user=user, seen_at=at)], ignore_conflicts=True)


def mark_new(records: list, is_new: Callable[[Any], bool]) -> int:
    """Set ``is_new`` on each record; returns how many are new."""
    count = 0
    for record in records:
        record.is_new = bool(is_new(record))
        count += record.is_new
    return count


# --- the partner home --------------------------------------------------------------------


def partner_referrals(user: User) -> QuerySet:
    """Referrals to the partner's organisation: waiting for an answer first, then newest."""
    from vangnet.network import policies as network_policies
    from vangnet.network.models import Referral

    return (
        network_policies.partner_referrals(user)
        .select_related("service", "casus")
        .annotate(waiting=Case(When(status=Referral.Status.PROPOSED, then=Value(0)), default=Value(1)))
        .order_by("waiting", "-proposed_at", "-pk")
    )


def partner_meldingen(user: User) -> QuerySet:
    """The partner's own meldingen (what ``intake:partner_list`` shows), newest first."""
    return visible_meldingen(user).select_related("casus").order_by("-received_at", "-pk")


# --- teambelasting (caseload) ------------------------------------------------------------

NO_CONTACT_DAYS = 14
RUNNING_PHASES = tuple(p for p in Phase if p != Phase.AFGESLOTEN)


class Figure:
    """The click-through keys of the caseload figures (GET ``cijfer=``)."""

    RUNNING = "lopend"
    ATTEMPTS = "pogingen"
    NO_CONTACT = "zonder_contact"
    FOLLOW_UP = "vinger"

    @classmethod
    def all(cls) -> tuple[str, ...]:
        return (cls.RUNNING, cls.ATTEMPTS, cls.NO_CONTACT, cls.FOLLOW_UP, *(str(p) for p in RUNNING_PHASES))


def week_start(now: datetime) -> datetime:
    """Monday 00:00 local time of the week of ``now``."""
    from datetime import timedelta

    from vangnet.norms.workdays import start_of_day

    today = local_date(now)
    return start_of_day(today - timedelta(days=today.weekday()))


def organisation_casussen(teamleider: User) -> QuerySet:
    """The casussen of the teamleider's own organisation (never another's, never break-glass)."""
    if not teamleider.organisation_id:
        return Casus.objects.none()
    visible = visible_casussen(teamleider, include_break_glass=False)
    return Casus.objects.filter(pk__in=visible.values("pk"), organisation_id=teamleider.organisation_id)


def _running(qs: QuerySet) -> QuerySet:
    return qs.exclude(phase=Phase.AFGESLOTEN)


def _without_recent_contact(qs: QuerySet, now: datetime) -> QuerySet:
    """Casussen open 14+ days without a real contact (kort contact or gesprek) in the last 14 days."""
    from datetime import timedelta

    since = now - timedelta(days=NO_CONTACT_DAYS)
    recent_contact = ContactAttempt.objects.counting().filter(
        casus_id=OuterRef("pk"), result__in=CONTACT_RESULTS, at__gte=since
    )
    return qs.filter(opened_at__lte=since).filter(~Exists(recent_contact))


def _with_overdue_follow_up(qs: QuerySet, today: date) -> QuerySet:
    """A vinger aan de pols past its planned date and still unanswered."""
    from vangnet.network.models import FollowUp

    overdue = FollowUp.objects.filter(referral__casus_id=OuterRef("pk"), answer="", due_date__lt=today)
    return qs.filter(Exists(overdue))


def caseload_workers(teamleider: User) -> QuerySet:
    """Who carries casussen in the teamleider's organisation: its active case workers."""
    from vangnet.accounts import roles

    if teamleider.organisation_id is None:
        return User.objects.none()
    return User.objects.filter(organisation_id=teamleider.organisation_id, is_active=True, role__in=roles.CASE_WORKERS)


def caseload_worker(teamleider: User, pk: int) -> User | None:
    """The worker ``pk`` if she is on the teamleider's caseload page (a case worker of her
    organisation, or the casusregisseur of one of its running casussen), else None."""
    regisseurs = _running(organisation_casussen(teamleider)).values("casusregisseur_id")
    on_page = Q(pk__in=caseload_workers(teamleider).values("pk")) | Q(pk__in=regisseurs)
    return User.objects.filter(on_page, pk=pk).first()


class WorkerLoad:
    def __init__(self, worker: User, organisation_id: int | None) -> None:
        self.worker = worker
        # A casusregisseur who left the organisation or was deactivated, with casussen still running.
        self.left = not worker.is_active or worker.organisation_id != organisation_id
        self.phases: dict[str, int] = dict.fromkeys((str(p) for p in RUNNING_PHASES), 0)
        self.attempts_this_week = 0
        self.no_contact = 0
        self.overdue_follow_ups = 0

    @property
    def running(self) -> int:
        return sum(self.phases.values())

    def phase_rows(self) -> list[tuple[str, str, int]]:
        """(phase value, label, count) in the order of the phases."""
        return [(str(p), str(p.label), self.phases[str(p)]) for p in RUNNING_PHASES]


def caseload(teamleider: User, now: datetime) -> list[WorkerLoad]:
    """Per worker of the organisation: running casussen (as casusregisseur) per phase,
    contact attempts this week (where she went), running casussen without real contact
    for 14+ days and with an overdue vinger aan de pols. A fixed number of grouped
    queries, whatever the number of workers or casussen; a casusregisseur who left the
    organisation or was deactivated still shows while she has running casussen."""

    casussen = organisation_casussen(teamleider)
    running = _running(casussen)
    per_phase = list(
        running.values("casusregisseur_id", "phase").annotate(n=Count("pk")).order_by("casusregisseur_id", "phase")
    )
    no_contact = dict(
        _without_recent_contact(running, now)
        .values("casusregisseur_id")
        .annotate(n=Count("pk"))
        .values_list("casusregisseur_id", "n")
    )
    follow_ups = dict(
        _with_overdue_follow_up(running, local_date(now))
        .values("casusregisseur_id")
        .annotate(n=Count("pk"))
        .values_list("casusregisseur_id", "n")
    )
    worker_ids = set(caseload_workers(teamleider).values_list("pk", flat=True))
    worker_ids |= {row["casusregisseur_id"] for row in per_phase}
    # One row per (attempt, worker) in the through table, so a plain count per worker is
    # her attempts; COUNT(DISTINCT) over the attempt join made the database sort them all.
    went = ContactAttempt.workers.through.objects.filter(
        user_id__in=worker_ids,
        contactattempt__in=ContactAttempt.objects.counting().filter(
            at__gte=week_start(now), at__lte=now, casus__in=casussen
        ),
    )
    attempts = {row["user_id"]: row["n"] for row in went.values("user_id").annotate(n=Count("pk"))}
    loads = {
        u.pk: WorkerLoad(u, teamleider.organisation_id)
        for u in User.objects.filter(pk__in=worker_ids).order_by("first_name", "last_name", "pk")
    }
    for row in per_phase:
        loads[row["casusregisseur_id"]].phases[row["phase"]] = row["n"]
    for pk, load in loads.items():
        load.no_contact = no_contact.get(pk, 0)
        load.overdue_follow_ups = follow_ups.get(pk, 0)
        load.attempts_this_week = attempts.get(pk, 0)
    return list(loads.values())


def caseload_casussen(teamleider: User, now: datetime, *, figure: str, worker_id: int | None) -> QuerySet:
    """The ids of the casussen behind one caseload figure (for one worker, or all when
    ``worker_id`` is None): urgent first, then the oldest opened (page, then ``casus_rows_for``)."""

    casussen = organisation_casussen(teamleider)
    if figure == Figure.ATTEMPTS:
        attempts = ContactAttempt.objects.counting().filter(
            casus_id=OuterRef("pk"), at__gte=week_start(now), at__lte=now
        )
        if worker_id is not None:
            attempts = attempts.filter(workers__id=worker_id)
        qs = casussen.filter(Exists(attempts))
    else:
        qs = _running(casussen)
        if worker_id is not None:
            qs = qs.filter(casusregisseur_id=worker_id)
        if figure == Figure.NO_CONTACT:
            qs = _without_recent_contact(qs, now)
        elif figure == Figure.FOLLOW_UP:
            qs = _with_overdue_follow_up(qs, local_date(now))
        elif figure != Figure.RUNNING:
            qs = qs.filter(phase=figure)
    return with_urgency(qs).order_by("-urgency_rank", "opened_at", "pk").values_list("pk", flat=True)
