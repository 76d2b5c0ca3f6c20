"""The casus timeline a page at a time (issue 12, item 8).

``services.timeline`` builds the whole story (the print view needs that); a casus
with 10,000 contact attempts made the casus page 6 MB and 3 s. Here each source
(meldingen, phase changes, attempts, notes) is asked for at most one page of rows
older than a cursor, newest first, and the few rows are merged in Python. The
order is the one of ``services.timeline``: time, then melding < fase < poging <
notitie, then the record id; the cursor is the last entry shown ("poging-1234"),
so "toon eerdere" costs the same on page 1 and page 400."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import CharField, Count, Exists, Max, Q, QuerySet, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from vangnet.core.subqueries import count_of

from . import services
from .models import (
    CONTACT_RESULTS,
    AttemptResult,
    AttemptType,
    CaseNote,
    Casus,
    ContactAttempt,
    IntensityChange,
    PhaseChange,
)
from .services import _KIND_ORDER, Engagement, TimelineEntry, intensity_title

PAGE_SIZE = 25


@dataclass(frozen=True)
class PagedEntry(TimelineEntry):
    """A timeline entry that knows its record, so the page can link to it and
    "toon eerdere" can continue after it."""

    pk: int = 0
    record: Any = None

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk}"


@dataclass(frozen=True)
class TimelinePage:
    entries: list[PagedEntry]
    # The key of the last entry when older ones exist ("toon eerdere"), else "".
    next_before: str
    # The page does not start at the newest entry.
    is_older: bool


def melding_entry(m: Any) -> PagedEntry:
    return PagedEntry(
        m.received_at,
        "melding",
        _("Melding %(ref)s") % {"ref": m.reference},
        m.description[:300],
        m.get_melder_type_display(),
        pk=m.pk,
        record=m,
    )


def phase_entry(pc: PhaseChange) -> PagedEntry:
    if pc.from_phase:
        title = _("Fase: %(to)s (was: %(from)s)") % {
            "to": pc.get_to_phase_display(),
            "from": pc.get_from_phase_display(),
        }
    else:
        title = _("Fase: %(to)s") % {"to": pc.get_to_phase_display()}
    return PagedEntry(pc.changed_at, "fase", title, pc.reason, str(pc.changed_by), pk=pc.pk, record=pc)


def attempt_entry(a: ContactAttempt) -> PagedEntry:
    title = f"{a.get_type_display()}: {a.get_result_display()}"
    if a.with_police:
        title += " " + _("(met politie)")
    workers = ", ".join(str(w) for w in a.workers.all())
    return PagedEntry(a.at, "poging", title, a.note, workers, pk=a.pk, record=a)


def note_entry(n: CaseNote) -> PagedEntry:
    return PagedEntry(n.created_at, "notitie", _("Notitie"), n.text, str(n.author), pk=n.pk, record=n)


def intensity_entry(ic: IntensityChange) -> PagedEntry:
    return PagedEntry(
        ic.changed_at, "intensiteit", intensity_title(ic), ic.reason, str(ic.changed_by), pk=ic.pk, record=ic
    )


@dataclass(frozen=True)
class _Source:
    kind: str
    field: str  # the time the entry is ordered by
    rows: Callable[[Casus], QuerySet]
    entry: Callable[[Any], PagedEntry]


def _sources() -> list[_Source]:
    return [
        _Source("melding", "received_at", lambda c: c.meldingen.all(), melding_entry),
        _Source("fase", "changed_at", lambda c: c.phase_changes.select_related("changed_by"), phase_entry),
        # Attempts in two streams, counting and voided: the first is read in order from the
        # attempt_counting index (casus, voided_at, at, ...) without sorting every attempt
        # of the casus; the voided ones are few.
        _Source(
            "poging",
            "at",
            lambda c: c.attempts.filter(voided_at__isnull=True).prefetch_related("workers"),
            attempt_entry,
        ),
        _Source(
            "poging",
            "at",
            lambda c: c.attempts.filter(voided_at__isnull=False).prefetch_related("workers"),
            attempt_entry,
        ),
        _Source("notitie", "created_at", lambda c: c.notes.select_related("author"), note_entry),
        _Source(
            "intensiteit",
            "changed_at",
            lambda c: c.intensity_changes.select_related("changed_by"),
            intensity_entry,
        ),
    ]


# Entries of other apps (issue 15: crisis episodes), added by their AppConfig.ready() through
# ``register_source``, so this app does not import them.
_REGISTERED: list[_Source] = []


def register_source(kind: str, order: int, field: str, rows: Callable[[Casus], QuerySet], entry: Callable) -> None:
    """Add a kind of entry to the timeline: ``rows(casus)`` its records, ordered by
    ``field``; ``entry(record)`` its PagedEntry; ``order`` breaks ties on equal times."""
    if any(s.kind == kind for s in _REGISTERED):
        return
    _KIND_ORDER[kind] = order
    _REGISTERED.append(_Source(kind, field, rows, entry))
    services.register_timeline_source(kind, rows, entry)


def _all_sources() -> list[_Source]:
    return _sources() + _REGISTERED


@dataclass(frozen=True)
class _Cursor:
    at: datetime
    order: int
    pk: int


def _older_than(source: _Source, cursor: _Cursor) -> Q:
    """Rows whose (time, kind order, id) sorts before the cursor's."""
    order = _KIND_ORDER[source.kind]
    at = source.field
    if order < cursor.order:
        return Q(**{f"{at}__lte": cursor.at})
    if order > cursor.order:
        return Q(**{f"{at}__lt": cursor.at})
    return Q(**{f"{at}__lt": cursor.at}) | Q(**{at: cursor.at, "pk__lt": cursor.pk})


def parse_before(casus: Casus, value: str | None) -> _Cursor | None:
    """The cursor of a "toon eerdere" link ("poging-1234"), looked up within this
    casus only; anything else (a typo, another casus's record) starts at the newest."""
    kind, _sep, raw_pk = (value or "").partition("-")
    records: dict[str, Any] = {
        "melding": casus.meldingen,
        "fase": casus.phase_changes,
        "poging": casus.attempts,
        "notitie": casus.notes,
        "intensiteit": casus.intensity_changes,
    }
    records.update({s.kind: s.rows(casus) for s in _REGISTERED})
    field = next((s.field for s in _all_sources() if s.kind == kind), None)
    if field is None or not raw_pk.isdigit() or len(raw_pk) > 18:
        return None
    at = records[kind].filter(pk=int(raw_pk)).values_list(field, flat=True).first()
    if at is None:
        return None
    return _Cursor(at, _KIND_ORDER[kind], int(raw_pk))


def _newest(query: QuerySet, field: str, n: int) -> list[Any]:
    """The ``n`` newest rows by (``field``, id). Ordered by the time alone, so the
    database can read them in index order (attempt_counting) instead of sorting
    every attempt of the casus for the id tie-break; the tie is broken here, and
    only when the page edge falls inside a tie are the rows of that time fetched."""
    rows = list(query.order_by(f"-{field}")[: n + 1])
    if len(rows) > n and getattr(rows[n], field) == getattr(rows[n - 1], field):
        # the n-th and the next share a time: fetch everything at that time (rare)
        last = getattr(rows[n - 1], field)
        rows = [r for r in rows if getattr(r, field) != last] + list(query.filter(**{field: last}))
    rows.sort(key=lambda r: (getattr(r, field), r.pk), reverse=True)
    return rows[:n]


def _by_time_and_id(field: str) -> Callable[[Any], tuple]:
    return lambda row: (getattr(row, field), row.pk)


def _sort_key(entry: PagedEntry) -> tuple:
    return (entry.at, _KIND_ORDER[entry.kind], entry.pk)


def timeline_page(
    casus: Casus,
    *,
    before: str | None = None,
    size: int = PAGE_SIZE,
    all_rows: dict[str, list[Any]] | None = None,
    summary: dict[str, Any] | None = None,
) -> TimelinePage:
    """At most ``size`` entries, newest first, older than ``before`` (a key from a
    previous page) or from the newest. Four small queries (plus the workers of
    the attempts shown), however long the casus is. ``all_rows``: every record of a
    kind the caller fetched already (the casus page's meldingen), for the first page.
    ``summary``: the casus page's ``source_flags``, answered: a source without rows is not asked."""
    cursor = parse_before(casus, before)
    streams: list[Iterable[PagedEntry]] = []
    for i, source in enumerate(_all_sources()):
        if summary and summary.get(_flag(i)) is False:
            continue
        if cursor is None and all_rows and source.kind in all_rows:
            # the same rows _newest would fetch: the newest by (time, id)
            rows = sorted(all_rows[source.kind], key=_by_time_and_id(source.field), reverse=True)[: size + 1]
        else:
            query = source.rows(casus)
            if cursor is not None:
                query = query.filter(_older_than(source, cursor))
            rows = _newest(query, source.field, size + 1)
        for row in rows:
            row.casus = casus  # the correction line asks for it: no query per entry
        streams.append([source.entry(r) for r in rows])
    merged = list(heapq.merge(*streams, key=_sort_key, reverse=True))
    entries = merged[:size]
    more = len(merged) > size
    return TimelinePage(entries, entries[-1].key if more else "", cursor is not None)


def _flag(i: int) -> str:
    return f"timeline_source_{i}"


def source_flags(casus: Casus) -> dict[str, Exists]:
    """Per source whether the casus has any row, as annotations for the casus page's one
    query over its sections: most casussen have no intensity changes, crisis episodes or
    voided attempts, and those sources are then not asked (see ``timeline_page``)."""
    return {_flag(i): Exists(source.rows(casus).order_by()) for i, source in enumerate(_all_sources())}


def engagement(casus: Casus) -> Engagement:
    """``services.engagement`` (the same rule, the same attempts that count) in one
    aggregate instead of every attempt's row in Python (46 ms of each casus page and
    each HTMX save at 10,000 attempts on SQLite): the first contact is a subquery,
    the count before it a filtered count over the same index range."""
    counting, first_at, first_pk = _first_contact(casus)
    figures = counting.aggregate(
        total=Count("pk"),
        first_at=Max(first_at),  # the subquery's one value (aggregate() takes aggregates only)
        before=Count("pk", filter=Q(at__lt=first_at) | Q(at=first_at, pk__lt=first_pk)),
    )
    return _engagement(figures)


def engagement_flags(casus: Casus) -> dict[str, Any]:
    """``engagement``'s three figures as annotations for the casus page's one query over
    its sections (scalar subqueries over the same attempts); ``engagement_from`` reads them."""
    counting, first_at, first_pk = _first_contact(casus)
    return {
        "engagement_total": count_of(counting),
        "engagement_first_at": first_at,
        "engagement_before": count_of(counting.filter(Q(at__lt=first_at) | Q(at=first_at, pk__lt=first_pk))),
    }


def _first_contact(casus: Casus) -> tuple[QuerySet, Subquery, Subquery]:
    """The attempts that count, and the time and id of the first contact among them as
    subqueries: the one rule of ``engagement`` and ``engagement_flags``."""
    counting = ContactAttempt.objects.counting().filter(casus=casus)
    first = counting.filter(result__in=CONTACT_RESULTS).order_by("at", "pk")
    return counting, Subquery(first.values("at")[:1]), Subquery(first.values("pk")[:1])


def engagement_from(summary: dict[str, Any], casus: Casus) -> Engagement:
    """The engagement from ``engagement_flags``' answers (asked here when they are missing)."""
    if "engagement_total" not in summary:
        return engagement(casus)
    return _engagement(
        {
            "total": summary["engagement_total"],
            "first_at": summary["engagement_first_at"],
            "before": summary["engagement_before"],
        }
    )


def _engagement(figures: dict[str, Any]) -> Engagement:
    total = figures["total"]
    if figures["first_at"] is None:
        return Engagement(first_contact_at=None, attempts_before_contact=total, total_attempts=total)
    return Engagement(
        first_contact_at=figures["first_at"], attempts_before_contact=figures["before"], total_attempts=total
    )


# --- what the quick form offers (issue 12, item 7) ------------------------------------


# On an attempt that is not on the timeline page: its workers' ids, from the page's summary.
_WORKER_IDS = "_vangnet_worker_ids"


def _own_attempts(casus: Casus, user: Any) -> QuerySet[ContactAttempt]:
    # by id, not created_at: the same order, and the primary key walks back without sorting 10,000 rows
    return casus.attempts.filter(created_by=user).order_by("-pk")


def last_attempt(
    casus: Casus, user: Any, *, summary: dict[str, Any] | None = None, shown: Iterable[Any] = ()
) -> ContactAttempt | None:
    """The user's most recently logged attempt on this casus (by when it was typed in).
    ``summary``: the casus page's answer to ``last_attempt_flag`` (its id); ``shown``: the
    records on the timeline page, whose attempt (with its workers) is taken when it is there."""
    if summary is None or "last_own_attempt" not in summary:
        return _own_attempts(casus, user).first()
    pk = summary["last_own_attempt"]
    if pk is None:
        return None
    found = next((r for r in shown if isinstance(r, ContactAttempt) and r.pk == pk), None)
    if found is not None:
        return found
    # not on the page: the quick form reads only its type and its workers (from the summary)
    stub = ContactAttempt(pk=pk, casus=casus, type=summary["last_own_attempt_type"])
    workers = summary.get("last_own_attempt_workers")
    if "last_own_attempt_workers" in summary:
        stub.__dict__[_WORKER_IDS] = [int(i) for i in (workers or "").split(",") if i]
    return stub


def last_attempt_flag(casus: Casus, user: Any) -> dict[str, Any]:
    """The id and type of ``last_attempt`` as annotations for the casus page's one query."""
    own = _own_attempts(casus, user)
    last = Subquery(own.values("pk")[:1])
    through: Any = ContactAttempt.workers.through  # the plugin cannot follow annotations on it
    workers = (
        through.objects.filter(contactattempt_id=last)
        .values("contactattempt_id")
        .annotate(ids=StringAgg(Cast("user_id", CharField()), delimiter=Value(",")))
        .values("ids")
    )
    return {
        "last_own_attempt": last,
        "last_own_attempt_type": Subquery(own.values("type")[:1]),
        "last_own_attempt_workers": Subquery(workers),
    }


def remembered_workers(
    casus: Casus, user: Any, attempt: ContactAttempt | None, team_ids: Iterable[int] | None = None
) -> list[int]:
    """Who went last time, so the duo partner is ticked again: the workers of the
    user's last attempt who are still in the team (or the user herself). ``team_ids``:
    the members' user ids when the caller has them already (the casus page)."""
    if attempt is None:
        return [user.pk]
    members = casus.members.values_list("user_id", flat=True) if team_ids is None else team_ids
    team = set(members) | {user.pk}
    # the casus page's summary brought them (last_attempt), or the timeline prefetched them (.all())
    known = attempt.__dict__.get(_WORKER_IDS)
    worker_ids = known if known is not None else [w.pk for w in attempt.workers.all()]
    ids = [pk for pk in worker_ids if pk in team]
    return ids or [user.pk]


@dataclass(frozen=True)
class QuickChoice:
    """One tap for the most common outcome: nobody answered."""

    type: str
    result: str
    label: str

    @property
    def value(self) -> str:
        return f"{self.type}:{self.result}"


def quick_choices(last: ContactAttempt | None) -> list[QuickChoice]:
    """ "Huisbezoek, niet thuis" always; beside it the kind the user used last time."""
    choices = [QuickChoice(AttemptType.HUISBEZOEK, AttemptResult.GEEN_GEHOOR, _("Huisbezoek, niet thuis"))]
    if last is not None and last.type != AttemptType.HUISBEZOEK and last.type in AttemptType.values:
        label = _("%(type)s: geen gehoor") % {"type": AttemptType(last.type).label}
        choices.append(QuickChoice(last.type, AttemptResult.GEEN_GEHOOR, label))
    return choices


def quick_choice(value: str) -> tuple[str, str] | None:
    """The (type, result) of a quick button's value, None when it is not one."""
    kind, _sep, result = (value or "").partition(":")
    if kind in AttemptType.values and result == AttemptResult.GEEN_GEHOOR:
        return kind, result
    return None
