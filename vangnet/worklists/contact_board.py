"""The contact-lapse board (issue 15, part 3; in the spirit of the FACT-bord, seed 000).

The open casussen a user sees whose last real contact (kort contact or gesprek, not
voided; ``cases.models.CONTACT_RESULTS``) is older than their intensity's rhythm
(``cases.models.RHYTHM_DAYS``) allows, worst first: by how many rhythms overdue. A
casus without any real contact counts from the day it was opened. Attempts without
contact since the last real contact are shown as effort ("3 pogingen zonder
contact"): in bemoeizorg and FACT they count as work, never against the client.

Nothing here (nor anywhere else) closes a casus because of a lapse: the board only
lists. A casus leaves it by real contact, or when a person closes it with a reason.

The candidates are one query (the last real contact as one index probe per casus,
the lapse as a condition on it); the rows of one page a second (with the effort as a
subquery per row, in SQL). No query per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Case, Count, DateTimeField, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from vangnet.access.policies import visible_casussen
from vangnet.accounts.models import User
from vangnet.cases.models import (
    CONTACT_RESULTS,
    EARLIEST_ATTEMPT,
    RHYTHM_DAYS,
    CaseMember,
    Casus,
    ContactAttempt,
    Phase,
)


def _open_visible(user: User) -> QuerySet:
    """The open casussen the user sees as a worker (never through break-the-glass)."""
    return visible_casussen(user, include_break_glass=False).exclude(phase=Phase.AFGESLOTEN)


def _lapsed(now: datetime) -> Q:
    """The last real contact (or the start) is older than the casus' rhythm allows.

    One comparison with the rhythm's cutoff picked by intensity (a CASE), so ``since``
    (one index probe) stands once in the statement: as an OR of one comparison per
    rhythm PostgreSQL costed five probes per casus, and that estimate (440,000 at region
    size) switched JIT compilation on for the home page's figures (230 of its 590 ms)."""
    cutoffs = [When(intensity=value, then=Value(now - timedelta(days=days))) for value, days in RHYTHM_DAYS.items()]
    return Q(since__lt=Case(*cutoffs, output_field=DateTimeField()))


def _with_since_by_probe(qs: QuerySet) -> QuerySet:
    """``since`` (the last real contact, else the opening) as one index probe per casus
    (attempt_counting_at, newest first) instead of grouping over every attempt: the
    teamleider home page's count at 20,000 casussen / 350,000 attempts went 630 -> 135 ms
    on SQLite. (A NOT EXISTS per rhythm inside an OR made PostgreSQL hash all attempts.)"""
    last_contact = (
        ContactAttempt.objects.counting()
        .filter(casus_id=OuterRef("pk"), result__in=CONTACT_RESULTS)
        .order_by("-at")
        .values("at")[:1]
    )
    return qs.annotate(
        since=Coalesce(Subquery(last_contact, output_field=DateTimeField()), "opened_at", output_field=DateTimeField())
    )


def lapsed_candidates(user: User, now: datetime) -> QuerySet:
    """(pk, intensity, since) of every lapsed casus: one query, one probe per casus."""
    return _with_since_by_probe(_open_visible(user)).filter(_lapsed(now)).values_list("pk", "intensity", "since")


def overdue_ratio(since: datetime, intensity: str, now: datetime) -> float:
    """How many rhythms have passed since the last real contact (above 1: lapsed)."""
    return (now - since).total_seconds() / timedelta(days=RHYTHM_DAYS[intensity]).total_seconds()


def lapsed_order(user: User, now: datetime) -> list[int]:
    """The ids of the lapsed casussen, worst first (most rhythms overdue; then the
    longest without contact; then the id, so the order is stable between pages)."""
    rows = list(lapsed_candidates(user, now))
    rows.sort(key=lambda r: (-overdue_ratio(r[2], r[1], now), r[2], r[0]))
    return [pk for pk, _intensity, _since in rows]


@dataclass(frozen=True)
class BoardRow:
    casus: Casus
    last_contact_at: datetime | None
    # Attempts without contact since the last real contact (or ever, without one).
    attempts_without_contact: int
    days_since: int
    rhythm_days: int
    times_overdue: float
    is_member: bool

    @property
    def has_contact(self) -> bool:
        return self.last_contact_at is not None

    @property
    def aan_zet(self) -> Any:
        """Who acts: the casusregisseur."""
        return self.casus.casusregisseur


def board_rows(user: User, ids: list[int], now: datetime) -> list[BoardRow]:
    """The rows of one page of ``lapsed_order`` in that order: one query for the
    casussen (with the last contact and the effort in SQL) and one for the user's
    memberships among them (the basis of the access-log rows)."""
    counting = ContactAttempt.objects.counting().filter(casus_id=OuterRef("pk"))
    last_contact = counting.filter(result__in=CONTACT_RESULTS).order_by("-at").values("at")[:1]
    failed = (
        ContactAttempt.objects.counting()
        .filter(casus_id=OuterRef("pk"))
        .exclude(result__in=CONTACT_RESULTS)
        .filter(at__gt=Coalesce(OuterRef("last_contact_at"), Value(EARLIEST_ATTEMPT), output_field=DateTimeField()))
        .order_by()
        .values("casus_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    casussen = (
        Casus.objects.filter(pk__in=ids)
        .select_related("person", "casusregisseur")
        .annotate(last_contact_at=Subquery(last_contact, output_field=DateTimeField()))
        .annotate(attempts_without_contact=Coalesce(Subquery(failed, output_field=IntegerField()), Value(0)))
    )
    by_pk = {c.pk: c for c in casussen}
    member_of = set(CaseMember.objects.filter(user=user, casus_id__in=ids).values_list("casus_id", flat=True))
    rows = []
    for pk in ids:
        casus = by_pk.get(pk)
        if casus is None:  # closed between the two queries
            continue
        since = casus.last_contact_at or casus.opened_at
        rows.append(
            BoardRow(
                casus=casus,
                last_contact_at=casus.last_contact_at,
                attempts_without_contact=casus.attempts_without_contact,
                days_since=(now - since).days,
                rhythm_days=RHYTHM_DAYS[casus.intensity],
                times_overdue=overdue_ratio(since, casus.intensity, now),
                is_member=pk in member_of,
            )
        )
    return rows


def lapsed_casussen(user: User, now: datetime) -> QuerySet:
    """The casussen on the user's board, unordered (to count: ``lapsed_count``, or as a
    subquery of the home page's figures)."""
    return _with_since_by_probe(_open_visible(user)).filter(_lapsed(now))


def lapsed_count(user: User, now: datetime) -> int:
    """How many casussen are on the user's board (one query, no grouping)."""
    return lapsed_casussen(user, now).count()
