"""The rules of the inzage: start one (the export is built and every read of it logged),
review its free texts, release it. Each step writes its access-log rows (object type
``inzage``, the person on the row) in the same transaction; a download is logged by the
guarded fetch of the view (``detail`` names the file)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.access.policies import visible_casussen, visible_meldingen
from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.errors import field_error as _invalid

from . import policies, sources
from .models import MAX_NOTE, Decision, Inzage, InzageItem, ShieldReason, Status


@dataclass(frozen=True)
class Started:
    inzage: Inzage
    created: bool  # False: a concept for this person was already open (a double submit)


def scope_for(person: Any, by: Any) -> sources.Scope:
    """The person's casussen and meldingen that ``by``'s organisation holds (what the visibility
    policies let her see without break-the-glass, and of those only her organisation's: a casus of
    another organisation she is a member of is theirs to give), oldest first."""
    org = by.organisation_id
    casussen = visible_casussen(by, include_break_glass=False).filter(person=person, organisation_id=org)
    meldingen = visible_meldingen(by, include_break_glass=False).filter(
        Q(meldpunt_id=org) | Q(casus__organisation_id=org), person=person
    )
    return sources.Scope(
        person=person,
        by=by,
        casussen=list(casussen.select_related("organisation", "team", "casusregisseur").order_by("opened_at", "pk")),
        meldingen=list(
            meldingen.select_related("meldpunt", "triage").prefetch_related("categories").order_by("received_at", "pk")
        ),
    )


def _basis(by: Any, person: Any) -> str:
    basis = policies.inzage_basis(by, person)
    if basis is None:
        raise PermissionDenied
    return basis


def open_concept(person: Any, organisation: Any) -> Inzage | None:
    return Inzage.objects.filter(person=person, organisation=organisation, status=Status.CONCEPT).first()


def inzagen_of(person: Any, organisation: Any) -> list[Inzage]:
    return list(Inzage.objects.filter(person=person, organisation=organisation).select_related("started_by"))


@transaction.atomic
def start_inzage(person: Any, *, by: Any, context: AuditContext | None = None) -> Started:
    """Build the export of what ``by``'s organisation holds about ``person`` as a concept.
    Every casus and melding read for it gets its own row; a second start while a concept is
    open returns that concept and writes nothing."""
    basis = _basis(by, person)
    existing = open_concept(person, by.organisation)
    if existing is not None:
        return Started(existing, False)
    scope = scope_for(person, by)
    sections, texts = sources.build(scope)
    try:
        with transaction.atomic():
            inzage = Inzage.objects.create(
                reference=uuid.uuid4().hex[:20],
                person=person,
                organisation=by.organisation,
                started_by=by,
                started_at=timezone.now(),
                content={"secties": sections},
            )
    except IntegrityError:  # a parallel double submit made the concept first
        concurrent = open_concept(person, by.organisation)
        if concurrent is None:
            raise
        return Started(concurrent, False)
    inzage.reference = f"INZ-{inzage.pk:06d}"
    Inzage.objects.filter(pk=inzage.pk).update(reference=inzage.reference)
    InzageItem.objects.bulk_create(
        InzageItem(inzage=inzage, key=t.key, section=t.section[:100], source=t.source, text=t.text) for t in texts
    )
    audit(
        by,
        Action.CREATE,
        context=context,
        person=person,
        object_type=ObjectType.INZAGE,
        detail=f"{inzage.reference}: inzage gestart ({len(scope.meldingen)} meldingen, "
        f"{len(scope.casussen)} casussen, {len(texts)} vrije teksten)",
        reason=basis,
    )
    for casus in scope.casussen:
        audit(
            by,
            Action.READ,
            context=context,
            casus=casus,
            object_type=ObjectType.INZAGE,
            detail=f"{inzage.reference}: casus gelezen voor de inzage",
            reason=basis,
        )
    for melding in scope.meldingen:
        audit(
            by,
            Action.READ,
            context=context,
            melding=melding,
            object_type=ObjectType.INZAGE,
            detail=f"{inzage.reference}: melding gelezen voor de inzage",
            reason=basis,
        )
    return Started(inzage, True)


@transaction.atomic
def decide_item(
    inzage: Inzage,
    *,
    item_id: int,
    decision: str,
    reason: str = "",
    note: str = "",
    version: int,
    by: Any,
    context: AuditContext | None = None,
) -> InzageItem:
    """Mark one free text "vrijgeven" or "afschermen" (with a reason). The same decision sent
    twice (a double submit) is saved once; someone else's decision in between is a conflict."""
    basis = _basis(by, inzage.person)
    if inzage.organisation_id != by.organisation_id:
        raise PermissionDenied
    if inzage.is_released:
        raise _invalid("decision", _("Deze inzage is al vrijgegeven; de beoordeling ligt vast."), "released")
    item = inzage.items.filter(pk=item_id).first()
    if item is None:
        raise _invalid("item", _("Deze tekst hoort niet bij deze inzage."), "unknown")
    if decision not in (Decision.VRIJGEVEN, Decision.AFSCHERMEN):
        raise _invalid("decision", _("Kies vrijgeven of afschermen."), "required")
    note = (note or "").strip()
    if decision == Decision.AFSCHERMEN:
        if reason not in ShieldReason.values:
            raise _invalid("reason", _("Kies waarom u deze tekst afschermt."), "required")
        if reason == ShieldReason.ANDERS and not note:
            raise _invalid("note", _("Licht toe waarom u deze tekst afschermt."), "required")
    else:
        reason = ""
    if len(note) > MAX_NOTE:
        raise _invalid("note", _("Maak de toelichting korter."), "max_length")
    if (item.decision, item.reason, item.note) == (decision, reason, note) and item.decided_by_id == by.pk:
        return item  # the same decision again: nothing to save
    if item.version != version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    item.decision, item.reason, item.note = decision, reason, note
    item.decided_by, item.decided_at = by, timezone.now()
    item.save_versioned(version, ["decision", "reason", "note", "decided_by", "decided_at"])
    detail = f"{inzage.reference}: {item.key} {decision}" + (f" ({reason})" if reason else "")
    audit(
        by,
        Action.UPDATE,
        context=context,
        person=inzage.person,
        object_type=ObjectType.INZAGE,
        detail=detail,
        reason=basis,
    )
    return item


def open_count(inzage: Inzage) -> int:
    return inzage.items.filter(decision=Decision.OPEN).count()


@transaction.atomic
def release_inzage(inzage: Inzage, *, version: int, by: Any, context: AuditContext | None = None) -> Inzage:
    """Release the reviewed inzage: from now on it can be downloaded, and it no longer
    changes. Every free text must have been decided. A second release changes nothing."""
    basis = _basis(by, inzage.person)
    if inzage.organisation_id != by.organisation_id:
        raise PermissionDenied
    if inzage.is_released:
        return inzage
    left = open_count(inzage)
    if left:
        message = ngettext(
            "Beoordeel eerst alle vrije teksten: nog %(n)s tekst.",
            "Beoordeel eerst alle vrije teksten: nog %(n)s teksten.",
            left,
        ) % {"n": left}
        raise _invalid("version", message, "open_items")
    inzage.status, inzage.released_by, inzage.released_at = Status.VRIJGEGEVEN, by, timezone.now()
    inzage.save_versioned(version, ["status", "released_by", "released_at"])
    shielded = inzage.items.filter(decision=Decision.AFSCHERMEN).count()
    audit(
        by,
        Action.UPDATE,
        context=context,
        person=inzage.person,
        object_type=ObjectType.INZAGE,
        detail=f"{inzage.reference}: inzage vrijgegeven ({shielded} teksten afgeschermd)",
        reason=basis,
    )
    return inzage
