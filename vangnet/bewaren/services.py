"""Retention: which records have passed their bewaartermijn (``plan``), the dry-run report
the privacy officer releases, the removal of the released items, and holds.

A *dossier* is the set of records that hang together: a casus, the meldingen triaged into
it and the Wvggz onderzoeken of those meldingen or that started it. It becomes inactive
when all of them are (casus closed, onderzoek afgerond, melding triaged) and expires its
kind's term after the last of them did: a closed casus (``casus``), else an onderzoek
(``wvggz_onderzoek``), else a melding without follow-up (``melding``). Status messages and
in-beeld questions have short terms of their own. A person goes once no melding or casus
refers to him any more (with his aliases, addresses, crisis card, naasten, match keys...).

A hold on a person keeps everything about him; on a melding or casus, its dossier. Release
works per report: every daily run writes one report (one per day); the privacy officer
releases the newest; the next daily run removes the released items that are still expired
and not held (checked again at that moment) and writes the next report."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core.months import add_months

from . import deletion, policies
from .models import Hold, RetentionRemoval, RetentionReport, RetentionReportItem, RetentionRun, Soort
from .terms import months

REASON = "bewaartermijn verstreken"
KIND_ORDER = list(Soort.values)  # removal order: short-lived kinds, dossiers, then persons

# The access-log row of a removed record: its object type.
OBJECT_TYPES = {
    "persons.Person": ObjectType.PERSOON,
    "intake.Melding": ObjectType.MELDING,
    "cases.Casus": ObjectType.CASUS,
    "wvggz.Onderzoek": ObjectType.WVGGZ_ONDERZOEK,
    "network.StatusMessage": ObjectType.STATUSBERICHT,
    "inbeeld.InBeeldQuestion": ObjectType.IN_BEELD_VRAAG,
}


@dataclass
class Item:
    """One record (with what belongs to it) past its term."""

    kind: str
    object_id: int
    reference: str
    inactive_since: datetime
    expires_on: date
    roots: dict[str, set[int]]
    person_ids: set[int] = field(default_factory=set)
    held: bool = False
    blocked_by: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.object_id)


@dataclass
class Holds:
    persons: set[int]
    meldingen: set[int]
    casussen: set[int]

    @classmethod
    def active(cls) -> "Holds":
        rows = Hold.objects.filter(lifted_at__isnull=True).values_list("person_id", "melding_id", "casus_id")
        persons, meldingen, casussen = set(), set(), set()
        for person_id, melding_id, casus_id in rows:
            (persons.add(person_id) if person_id else None)
            (meldingen.add(melding_id) if melding_id else None)
            (casussen.add(casus_id) if casus_id else None)
        return cls(persons, meldingen, casussen)


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def person_reference(pk: int) -> str:
    return f"P-{pk}"


# --- the plan --------------------------------------------------------------


def _dossier(
    casus_ids: set[int], melding_ids: set[int], onderzoek_ids: set[int]
) -> tuple[set[int], set[int], set[int]]:
    """Grow the three sets until they hold every record of the dossier."""
    from vangnet.intake.models import Melding
    from vangnet.triage.models import TriageDecision
    from vangnet.wvggz.models import Onderzoek

    cs, ms, os_ = set(casus_ids), set(melding_ids), set(onderzoek_ids)
    while True:
        size = (len(cs), len(ms), len(os_))
        ms |= set(Melding.objects.filter(casus__in=cs).values_list("pk", flat=True))
        ms |= set(TriageDecision.objects.filter(casus__in=cs).values_list("melding_id", flat=True))
        ms |= set(Onderzoek.objects.filter(pk__in=os_).values_list("melding_id", flat=True))
        os_ |= set(Onderzoek.objects.filter(Q(casus__in=cs) | Q(melding__in=ms)).values_list("pk", flat=True))
        cs |= set(Melding.objects.filter(pk__in=ms, casus__isnull=False).values_list("casus_id", flat=True))
        cs |= set(Onderzoek.objects.filter(pk__in=os_, casus__isnull=False).values_list("casus_id", flat=True))
        cs |= set(TriageDecision.objects.filter(melding__in=ms, casus__isnull=False).values_list("casus_id", flat=True))
        if (len(cs), len(ms), len(os_)) == size:
            return cs, ms, os_


def _dossier_item(cs: set[int], ms: set[int], os_: set[int], now: datetime, holds: Holds) -> Item | None:
    """The dossier as an item if every record of it is inactive and its term has passed."""
    from vangnet.cases.models import Casus, Phase
    from vangnet.intake.models import Melding
    from vangnet.wvggz.models import Onderzoek, Status

    casussen = list(Casus.objects.filter(pk__in=cs).order_by("pk"))
    meldingen = list(Melding.objects.filter(pk__in=ms).select_related("triage").order_by("pk"))
    onderzoeken = list(Onderzoek.objects.filter(pk__in=os_).order_by("pk"))
    moments: list[datetime] = []
    for casus in casussen:
        if casus.phase != Phase.AFGESLOTEN or casus.closed_at is None:
            return None
        moments.append(casus.closed_at)
    for onderzoek in onderzoeken:
        if onderzoek.status != Status.AFGEROND or onderzoek.decided_at is None:
            return None
        moments.append(onderzoek.decided_at)
    for melding in meldingen:
        if melding.status != Melding.Status.GETRIEERD:
            return None
        triage = getattr(melding, "triage", None)
        moments.append(triage.decided_at if triage is not None else melding.received_at)
    if not moments:
        return None
    kind = Soort.CASUS if casussen else Soort.WVGGZ_ONDERZOEK if onderzoeken else Soort.MELDING
    inactive_since = max(moments)
    expires_at = add_months(inactive_since, months(kind))
    if expires_at > now:
        return None
    main = casussen or onderzoeken or meldingen
    references = [r.reference for r in main] + [
        r.reference for group in (onderzoeken, meldingen) if group is not main for r in group
    ]
    person_ids = {c.person_id for c in casussen} | {m.person_id for m in meldingen if m.person_id}
    held = bool(person_ids & holds.persons or cs & holds.casussen or ms & holds.meldingen)
    return Item(
        kind=kind,
        object_id=main[0].pk,
        reference=", ".join(references)[:200],
        inactive_since=inactive_since,
        expires_on=_local_day(expires_at),
        roots={"cases.Casus": set(cs), "intake.Melding": set(ms), "wvggz.Onderzoek": set(os_)},
        person_ids=person_ids,
        held=held,
    )


def _dossier_items(now: datetime, holds: Holds) -> list[Item]:
    from vangnet.cases.models import Casus, Phase
    from vangnet.intake.models import Melding
    from vangnet.wvggz.models import Onderzoek, Status

    seeds: list[tuple[set[int], set[int], set[int]]] = []
    cutoff = {kind: add_months(now, -months(kind)) for kind in (Soort.CASUS, Soort.WVGGZ_ONDERZOEK, Soort.MELDING)}
    for pk in Casus.objects.filter(phase=Phase.AFGESLOTEN, closed_at__lte=cutoff[Soort.CASUS]).values_list(
        "pk", flat=True
    ):
        seeds.append(({pk}, set(), set()))
    for pk in Onderzoek.objects.filter(
        status=Status.AFGEROND, decided_at__lte=cutoff[Soort.WVGGZ_ONDERZOEK]
    ).values_list("pk", flat=True):
        seeds.append((set(), set(), {pk}))
    for pk in (
        Melding.objects.filter(
            status=Melding.Status.GETRIEERD,
            casus__isnull=True,
            wvggz_onderzoek__isnull=True,
            triage__decided_at__lte=cutoff[Soort.MELDING],
        )
        .filter(triage__casus__isnull=True)
        .values_list("pk", flat=True)
    ):
        seeds.append((set(), {pk}, set()))
    items: list[Item] = []
    seen: set[frozenset[tuple[str, int]]] = set()
    for seed in seeds:
        cs, ms, os_ = _dossier(*seed)
        key = frozenset({("c", pk) for pk in cs} | {("m", pk) for pk in ms} | {("o", pk) for pk in os_})
        if key in seen:
            continue
        seen.add(key)
        item = _dossier_item(cs, ms, os_, now, holds)
        if item is not None:
            items.append(item)
    return items


def _status_message_items(now: datetime, holds: Holds, going_meldingen: set[int]) -> list[Item]:
    from vangnet.network.models import StatusMessage

    term = months(Soort.STATUSBERICHT)
    items = []
    rows = StatusMessage.objects.filter(sent_at__lte=add_months(now, -term)).exclude(melding__in=going_meldingen)
    for message in rows.select_related("melding").order_by("sent_at", "pk"):
        melding = message.melding
        held = (
            melding.pk in holds.meldingen
            or (melding.casus_id is not None and melding.casus_id in holds.casussen)
            or (melding.person_id is not None and melding.person_id in holds.persons)
        )
        items.append(
            Item(
                kind=Soort.STATUSBERICHT,
                object_id=message.pk,
                reference=f"{melding.reference}/S{message.pk}",
                inactive_since=message.sent_at,
                expires_on=_local_day(add_months(message.sent_at, term)),
                roots={"network.StatusMessage": {message.pk}},
                held=held,
            )
        )
    return items


def _in_beeld_items(now: datetime, holds: Holds) -> list[Item]:
    from vangnet.inbeeld.models import InBeeldQuestion

    term = months(Soort.IN_BEELD_VRAAG)
    items = []
    for question in InBeeldQuestion.objects.filter(asked_at__lte=add_months(now, -term)).order_by("asked_at", "pk"):
        held = question.person_id in holds.persons or question.casus_id in holds.casussen
        items.append(
            Item(
                kind=Soort.IN_BEELD_VRAAG,
                object_id=question.pk,
                reference=f"IB-{question.pk}",
                inactive_since=question.asked_at,
                expires_on=_local_day(add_months(question.asked_at, term)),
                roots={"inbeeld.InBeeldQuestion": {question.pk}},
                held=held,
            )
        )
    return items


def _merged_into(pk: int) -> set[int]:
    """The person and every person merged into him (recursively): they go together."""
    from vangnet.persons.models import Person

    found, frontier = {pk}, {pk}
    while frontier:
        frontier = set(Person._base_manager.filter(merged_into__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def _person_items(now: datetime, holds: Holds, dossiers: list[Item]) -> list[Item]:
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding
    from vangnet.persons.models import Person

    going = [d for d in dossiers if not d.held]
    going_meldingen = set().union(*(d.roots["intake.Melding"] for d in going)) if going else set()
    going_casussen = set().union(*(d.roots["cases.Casus"] for d in going)) if going else set()
    by_person: dict[int, list[Item]] = {}
    for dossier in going:
        for pk in dossier.person_ids:
            by_person.setdefault(pk, []).append(dossier)
    term = months(Soort.PERSOON)
    with_records = set(Melding.objects.filter(person__isnull=False).values_list("person_id", flat=True)) | set(
        Casus.objects.values_list("person_id", flat=True)
    )
    orphans = set(
        Person.objects.filter(merged_into__isnull=True, created_at__lte=add_months(now, -term))
        .exclude(pk__in=with_records)
        .values_list("pk", flat=True)
    )
    candidates = (set(by_person) | orphans) - holds.persons
    items = []
    for person in Person.objects.filter(pk__in=candidates, merged_into__isnull=True).order_by("pk"):
        if (
            Melding.objects.filter(person=person).exclude(pk__in=going_meldingen).exists()
            or Casus.objects.filter(person=person).exclude(pk__in=going_casussen).exists()
        ):
            continue
        own = by_person.get(person.pk, [])
        if own:
            inactive_since = max(person.created_at, *(d.inactive_since for d in own))
            expires_on = max(d.expires_on for d in own)
        else:
            inactive_since = person.created_at
            expires_on = _local_day(add_months(person.created_at, term))
        items.append(
            Item(
                kind=Soort.PERSOON,
                object_id=person.pk,
                reference=person_reference(person.pk),
                inactive_since=inactive_since,
                expires_on=expires_on,
                roots={"persons.Person": _merged_into(person.pk)},
                person_ids={person.pk},
            )
        )
    return items


def _allowed(roots: dict[str, set[int]]) -> set[deletion.Node]:
    return {(label, pk) for label, pks in roots.items() for pk in pks}


def plan(now: datetime | None = None, *, check_needs: bool = True) -> list[Item]:
    """Every record past its term now, in removal order, held ones marked; with
    ``check_needs`` also what something outside the expired set still needs."""
    now = now or timezone.now()
    holds = Holds.active()
    dossiers = _dossier_items(now, holds)
    going_meldingen = set().union(*(d.roots["intake.Melding"] for d in dossiers if not d.held)) if dossiers else set()
    persons = _person_items(now, holds, dossiers)
    items = _status_message_items(now, holds, going_meldingen) + _in_beeld_items(now, holds) + dossiers + persons
    if check_needs:
        for item in items:
            if item.held:
                continue
            allowed = _allowed(item.roots)
            if item.kind == Soort.PERSOON:  # his dossiers go first
                for dossier in dossiers:
                    if item.object_id in dossier.person_ids and not dossier.held:
                        allowed |= _allowed(dossier.roots)
            needed_by = deletion.collect(item.roots, allowed).needed_by
            item.blocked_by = deletion.Blocked(dict(needed_by)).summary() if needed_by else ""
    items.sort(key=lambda i: (KIND_ORDER.index(i.kind), i.expires_on, i.object_id))
    return items


# --- removal ---------------------------------------------------------------


def _audit_removal(item: Item, actor: Any) -> None:
    """One access-log row per removed record, written before it goes (same transaction)."""
    from django.apps import apps

    for label, pks in item.roots.items():
        model = apps.get_model(label)
        for obj in model._base_manager.filter(pk__in=pks):
            subject: dict = {}
            if label == "persons.Person":
                subject = {"person": obj}
                reference = person_reference(obj.pk)
            elif label == "cases.Casus":
                subject = {"casus": obj}
                reference = obj.reference
            elif label == "intake.Melding":
                subject = {"melding": obj}
                reference = obj.reference
            elif label == "wvggz.Onderzoek":
                subject = {"melding": obj.melding}
                reference = obj.reference
            elif label == "network.StatusMessage":
                subject = {"melding": obj.melding}
                reference = f"{obj.melding.reference}/S{obj.pk}"
            else:  # an in-beeld question
                subject = {"person": obj.person} if obj.person_id else {}
                reference = f"IB-{obj.pk}"
            audit(
                actor,
                Action.DELETE,
                object_type=OBJECT_TYPES[label],
                detail=f"{reference} verwijderd (bewaartermijn)",
                reason=REASON,
                **subject,
            )


def _references(item: Item) -> list[str]:
    return [part.strip() for part in item.reference.split(",") if part.strip()]


def remove_item(item: Item, *, actor: Any = None) -> dict[str, int]:
    """Remove one item with everything that belongs to it, or raise ``deletion.Blocked``.
    Its notifications (kind + reference) go too; the access log keeps one row per record."""
    from vangnet.notifications.models import Notification
    from vangnet.persons.models import Person
    from vangnet.verzoeken import services as verzoeken_services

    collected = deletion.collect(item.roots, _allowed(item.roots))
    if collected.needed_by:
        raise deletion.Blocked(dict(collected.needed_by))
    with transaction.atomic():
        _audit_removal(item, actor)
        # A request of the betrokkene stays in the register (accountability, AVG art. 5(2))
        # without anything about him; its link to the person would only be set to NULL.
        anonymised = sum(
            verzoeken_services.anonymise_requests_of(Person(pk=pk))
            for label, pk in collected.nodes
            if label == "persons.Person"
        )
        counts = deletion.remove(collected)
        if anonymised:
            counts["verzoeken.Verzoek (geanonimiseerd)"] = anonymised
        notifications = Notification.objects.filter(reference__in=_references(item)).delete()[1]
        for label, count in notifications.items():
            counts[label] = counts.get(label, 0) + count
    return counts


@transaction.atomic
def apply_report(report: RetentionReport, now: datetime | None = None) -> RetentionRun:
    """Remove the released items of ``report`` that are still expired and not held now."""
    now = now or timezone.now()
    locked = RetentionReport.objects.select_for_update().get(pk=report.pk)
    if locked.status != RetentionReport.Status.VRIJGEGEVEN:
        raise ValidationError(_("Dit bewaarrapport is niet (meer) vrijgegeven."))
    run = RetentionRun.objects.create(report=locked)
    current = {item.key: item for item in plan(now, check_needs=False)}
    rows = sorted(
        locked.items.filter(held=False, blocked_by=""), key=lambda r: (KIND_ORDER.index(r.kind), r.expires_on, r.pk)
    )
    for row in rows:
        item = current.get((row.kind, row.object_id))
        outcome, counts, note = RetentionRemoval.Outcome.VERWIJDERD, {}, ""
        if item is None or item.reference != row.reference:
            outcome = RetentionRemoval.Outcome.NIET_VERLOPEN
        elif item.held:
            outcome = RetentionRemoval.Outcome.BLOKKADE
        else:
            if item.kind == Soort.PERSOON:
                item.roots = {"persons.Person": _merged_into(item.object_id)}
            try:
                with transaction.atomic():
                    counts = remove_item(item, actor=locked.released_by)
            except deletion.Blocked as blocked:
                outcome, note = RetentionRemoval.Outcome.NODIG, blocked.summary()
            except (ProtectedError, RestrictedError, IntegrityError) as error:  # a race: kept, said why
                outcome, note = RetentionRemoval.Outcome.NODIG, type(error).__name__
        RetentionRemoval.objects.create(
            run=run,
            kind=row.kind,
            object_id=row.object_id,
            reference=row.reference,
            outcome=outcome,
            rows=sum(counts.values()),
            counts=counts,
            note=note,
        )
    run.removed = run.removals.filter(outcome=RetentionRemoval.Outcome.VERWIJDERD).count()
    run.kept = run.removals.exclude(outcome=RetentionRemoval.Outcome.VERWIJDERD).count()
    run.finished_at = timezone.now()
    run.save(update_fields=["removed", "kept", "finished_at"])
    locked.status = RetentionReport.Status.UITGEVOERD
    locked.save(update_fields=["status"])
    return run


def apply_released_reports(now: datetime | None = None) -> list[RetentionRun]:
    released = RetentionReport.objects.filter(status=RetentionReport.Status.VRIJGEGEVEN).order_by("day")
    return [apply_report(report, now) for report in released]


# --- the report ------------------------------------------------------------


@transaction.atomic
def write_report(now: datetime | None = None) -> RetentionReport:
    """Today's dry-run report (at most one per day; a second run the same day keeps it).
    Older reports nobody released are superseded by it."""
    now = now or timezone.now()
    report, created = RetentionReport.objects.get_or_create(day=_local_day(now))
    if created:
        RetentionReportItem.objects.bulk_create(
            RetentionReportItem(
                report=report,
                kind=item.kind,
                object_id=item.object_id,
                reference=item.reference,
                inactive_since=item.inactive_since,
                expires_on=item.expires_on,
                held=item.held,
                blocked_by=item.blocked_by,
            )
            for item in plan(now)
        )
        RetentionReport.objects.filter(status=RetentionReport.Status.CONCEPT, day__lt=report.day).update(
            status=RetentionReport.Status.VERVALLEN
        )
    return report


def latest_report() -> RetentionReport | None:
    return RetentionReport.objects.order_by("-day").first()


def report_counts(report: RetentionReport) -> list[dict]:
    """Per kind: removable, held, still needed (for the report page)."""
    counts = []
    items = list(report.items.all())
    for kind in Soort:
        mine = [i for i in items if i.kind == kind]
        counts.append(
            {
                "kind": kind.label,
                "removable": sum(1 for i in mine if i.removable),
                "held": sum(1 for i in mine if i.held),
                "needed": sum(1 for i in mine if not i.held and i.blocked_by),
            }
        )
    return counts


@transaction.atomic
def release_report(report: RetentionReport, *, by: Any, context: AuditContext | None = None) -> RetentionReport:
    """The privacy officer releases the newest report: the next daily run removes its items."""
    if not policies.can_oversee_retention(by):
        raise PermissionDenied
    newest = latest_report()
    if newest is None or newest.pk != report.pk:
        raise ValidationError(_("Alleen het nieuwste bewaarrapport kan worden vrijgegeven."))
    released = RetentionReport.objects.filter(pk=report.pk, status=RetentionReport.Status.CONCEPT).update(
        status=RetentionReport.Status.VRIJGEGEVEN, released_by=by, released_at=timezone.now()
    )
    if released != 1:
        raise ValidationError(_("Dit bewaarrapport is al vrijgegeven of vervallen."))
    report.refresh_from_db()
    removable = report.items.filter(held=False, blocked_by="").count()
    audit(
        by,
        Action.UPDATE,
        context=context,
        object_type=ObjectType.BEWAARRAPPORT,
        detail=f"bewaarrapport {report.day:%Y-%m-%d} vrijgegeven ({removable} te verwijderen)",
        reason=policies.BASIS_PRIVACY,
    )
    return report


# --- housekeeping and the daily task ---------------------------------------


def remove_expired_drafts() -> int:
    """Forms kept after an expired session (they can hold anything typed)."""
    from vangnet.accounts.drafts import delete_expired_drafts

    return delete_expired_drafts()


TASK_RESULT_DAYS = 30


def prune_task_results() -> int:
    """Finished background-task results older than a month (their arguments name ids)."""
    from datetime import timedelta

    from django_tasks_db.models import DBTaskResult

    old = timezone.now() - timedelta(days=TASK_RESULT_DAYS)
    return DBTaskResult.objects.filter(finished_at__isnull=False, finished_at__lte=old).delete()[0]


def prune_access_log() -> object:
    """The access log's own term (NEN 7513, at least 5 years; vangnet.audit keeps its chain
    verifiable with a checkpoint). Not in the report: no record content, only log rows."""
    from vangnet.audit.services import prune_access_log as prune

    return prune(by=None)


# The retention steps of the daily run, in order.
RETENTION_STEPS: list[Callable[[], object]] = [
    apply_released_reports,
    remove_expired_drafts,
    prune_task_results,
    prune_access_log,
    write_report,
]


def run_daily(steps: Iterable[Callable[[], object]] | None = None) -> list[object]:
    """The daily retention run (task ``apply_retention`` and ``manage.py apply_retention``)."""
    return [step() for step in (RETENTION_STEPS if steps is None else steps)]


# --- holds -----------------------------------------------------------------

HOLD_KINDS = (("persoon", _("Persoon")), ("melding", _("Melding")), ("casus", _("Casus")))


def find_hold_record(kind: str, reference: str, *, by: Any, context: AuditContext | None = None) -> Any:
    """The record a hold is for: a melding or casus by its reference, a person through the
    reference of one of his meldingen or casussen. Not found, or not of the teamleider's
    organisation: the same message (a REFUSED row in the second case)."""
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    reference = reference.strip().upper()
    casus = Casus.objects.filter(reference=reference).select_related("person").first()
    melding = None if casus else Melding.objects.filter(reference=reference).select_related("person").first()
    found: Any = casus or melding
    record: Any = None
    if kind == "casus":
        record = casus
    elif kind == "melding":
        record = melding
    elif kind == "persoon":
        record = found.person if found is not None else None
    not_found = ValidationError({"reference": _("Geen gegeven van deze soort met dit kenmerk dat u kunt blokkeren.")})
    if record is None:
        raise not_found
    if policies.hold_basis(by, record) is None:
        audit(by, Action.REFUSED, context=context, object_type=ObjectType.BEWAARBLOKKADE, detail=f"{reference}")
        raise not_found
    return record


def _hold_subject(record: Any) -> dict:
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    if isinstance(record, Casus):
        return {"casus": record}
    if isinstance(record, Melding):
        return {"melding": record}
    return {"person": record}


def _record_reference(record: Any) -> str:
    return getattr(record, "reference", "") or person_reference(record.pk)


@transaction.atomic
def place_hold(record: Any, *, reason: str, by: Any, context: AuditContext | None = None) -> Hold:
    """Bewaren wegens lopende procedure, with a written reason."""
    basis = policies.hold_basis(by, record)
    if basis is None:
        raise PermissionDenied
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Schrijf op waarom dit bewaard moet blijven (minstens 10 tekens).")})
    subject = _hold_subject(record)
    field_name = next(iter(subject))
    already = ValidationError({"reference": _("Er staat al een bewaarblokkade op dit gegeven.")})
    if Hold.objects.filter(lifted_at__isnull=True, **{field_name: record}).exists():
        raise already
    try:
        with transaction.atomic():  # two at once: the partial unique constraint lets one in
            hold = Hold.objects.create(
                reference=_record_reference(record), reason=reason, placed_by=by, **{field_name: record}
            )
    except IntegrityError:
        raise already from None
    audit(
        by,
        Action.CREATE,
        context=context,
        object_type=ObjectType.BEWAARBLOKKADE,
        detail=f"bewaarblokkade op {hold.reference} geplaatst",
        reason=basis,
        **subject,
    )
    return hold


@transaction.atomic
def lift_hold(
    hold: Hold, *, reason: str, by: Any, expected_version: int | None = None, context: AuditContext | None = None
) -> Hold:
    basis = policies.hold_access_basis(by, hold)
    if basis is None:
        raise PermissionDenied
    if hold.lifted_at is not None:
        raise ValidationError({"reason": _("Deze bewaarblokkade is al opgeheven.")})
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Schrijf op waarom de blokkade wordt opgeheven (minstens 10 tekens).")})
    hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), by, reason
    hold.save_versioned(
        hold.version if expected_version is None else expected_version, ["lifted_at", "lifted_by", "lift_reason"]
    )
    audit(
        by,
        Action.UPDATE,
        context=context,
        object_type=ObjectType.BEWAARBLOKKADE,
        detail=f"bewaarblokkade op {hold.reference} opgeheven",
        reason=basis,
        **_hold_subject(policies.hold_record(hold)),
    )
    return hold


def holds_for(user: Any) -> list[Hold]:
    """The holds ``user`` sees: all for the privacy officer, her organisation's for a teamleider."""
    rows = Hold.objects.select_related("person", "melding", "casus", "placed_by", "lifted_by")
    if policies.can_oversee_retention(user):
        return list(rows)
    return [h for h in rows if policies.hold_access_basis(user, h) is not None]
