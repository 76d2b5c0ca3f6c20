"""The rules of practical means: record an inzet (a time-out place or a flexible
budget, approved by a teamleider), put the person on a waiting list for a
follow-up place, record the placement, and the waiting times per kind of place.
Each change writes its access-log row in the same transaction; the row names the
kind and the day, never the purpose."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core import plausible
from vangnet.core.errors import field_error as _invalid

from . import policies
from .models import (
    MAX_AMOUNT,
    MAX_PROVIDER,
    MAX_PURPOSE,
    Inzet,
    InzetKind,
    Wachtlijst,
    WachtlijstKind,
    WachtlijstStatus,
)

# How far back a waiting-list day may lie (someone may have waited long before the casus).
OLDEST_LISTING = timedelta(days=10 * 365)


def _open(casus: Any) -> None:
    if not casus.is_open:
        raise _invalid("__all__", _("De casus is afgesloten; heropen hem eerst."), "closed")


def inzet_list(casus: Any) -> list[Inzet]:
    return list(Inzet.objects.filter(casus=casus).select_related("approved_by", "recorded_by"))


def waiting_list(casus: Any) -> list[Wachtlijst]:
    return list(Wachtlijst.objects.filter(casus=casus).select_related("recorded_by"))


def approvers(casus: Any) -> list[Any]:
    """The teamleiders who may approve an inzet on ``casus``."""
    from vangnet.accounts.models import User
    from vangnet.accounts.roles import Role

    return list(
        User.objects.filter(organisation_id=casus.organisation_id, role=Role.TEAMLEIDER, is_active=True).order_by(
            "first_name", "last_name", "username"
        )
    )


def _audit(by: Any, context: AuditContext | None, casus: Any, object_type: str, action: str, detail: str) -> None:
    audit(
        by,
        action,
        context=context,
        casus=casus,
        object_type=object_type,
        detail=detail,
        reason=policies.middelen_basis(by, casus) or "",
    )


@transaction.atomic
def record_inzet(
    casus: Any,
    *,
    kind: str,
    amount: Decimal | None,
    purpose: str,
    approved_by: Any,
    spent_on: date | None,
    by: Any,
    context: AuditContext | None = None,
) -> Inzet:
    """Record a means spent on the person of ``casus``. The approval must name a
    teamleider of the casus' organisation. The same inzet sent twice (a double submit)
    is the first one, without a second row."""
    if not policies.can_record_middelen(by, casus):
        raise PermissionDenied
    _open(casus)
    errors: dict[str, ValidationError] = {}
    if kind not in InzetKind.values:
        errors["kind"] = ValidationError(_("Kies de soort inzet."), code="kind")
    try:
        amount = Decimal(amount) if amount is not None else None
    except (InvalidOperation, TypeError, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        errors["amount"] = ValidationError(_("Vul het bedrag in euro's in."), code="required")
    elif amount <= 0:
        errors["amount"] = ValidationError(_("Het bedrag moet groter zijn dan nul."), code="not_positive")
    elif amount > MAX_AMOUNT:
        errors["amount"] = ValidationError(
            _("Dit bedrag is onwaarschijnlijk hoog (meer dan € %(max)s). Controleer het bedrag.") % {"max": MAX_AMOUNT},
            code="too_high",
        )
    elif amount != amount.quantize(Decimal("0.01")):
        errors["amount"] = ValidationError(_("Vul het bedrag in hele centen in."), code="cents")
    purpose = (purpose or "").strip()
    if not purpose:
        errors["purpose"] = ValidationError(_("Beschrijf waarvoor het geld of de plek is."), code="required")
    elif len(purpose) > MAX_PURPOSE:
        errors["purpose"] = ValidationError(
            _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_PURPOSE}, code="too_long"
        )
    if approved_by is None or not policies.can_approve_inzet(approved_by, casus):
        errors["approved_by"] = ValidationError(
            _("Kies de teamleider van de organisatie van de casus die de inzet heeft goedgekeurd."), code="approver"
        )
    if spent_on is None:
        errors["spent_on"] = ValidationError(_("Vul de datum in."), code="required")
    else:
        try:
            plausible.check_past_day(
                spent_on, field="spent_on", not_before=casus.opened_at, not_before_label=_("de start van de casus")
            )
        except ValidationError as exc:
            errors.update(exc.error_dict)  # type: ignore[arg-type]
    if errors or amount is None or spent_on is None:
        raise ValidationError(errors)
    earlier = (
        Inzet.objects.select_for_update()
        .filter(
            casus=casus,
            kind=kind,
            amount=amount,
            purpose=purpose,
            approved_by=approved_by,
            spent_on=spent_on,
            recorded_by=by,
        )
        .first()
    )
    if earlier is not None:
        return earlier
    inzet = Inzet.objects.create(
        casus=casus,
        kind=kind,
        amount=amount,
        purpose=purpose,
        approved_by=approved_by,
        spent_on=spent_on,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    _audit(by, context, casus, ObjectType.INZET, Action.CREATE, f"inzet vastgelegd ({kind}, {spent_on.isoformat()})")
    return inzet


def _check_listing(kind: str, provider: str, listed_on: date | None) -> tuple[str, date]:
    errors: dict[str, ValidationError] = {}
    if kind not in WachtlijstKind.values:
        errors["kind"] = ValidationError(_("Kies de soort plek."), code="kind")
    provider = (provider or "").strip()
    if len(provider) > MAX_PROVIDER:
        errors["provider"] = ValidationError(
            _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_PROVIDER}, code="too_long"
        )
    if listed_on is None:
        errors["listed_on"] = ValidationError(
            _("Vul de datum in waarop de betrokkene op de lijst is gezet."), code="required"
        )
    else:
        try:
            plausible.check_past_day(
                listed_on,
                field="listed_on",
                not_before=timezone.localdate() - OLDEST_LISTING,
                not_before_label=_("tien jaar geleden"),
            )
        except ValidationError as exc:
            errors.update(exc.error_dict)  # type: ignore[arg-type]
    if errors or listed_on is None:
        raise ValidationError(errors)
    return provider, listed_on


@transaction.atomic
def put_on_waiting_list(
    casus: Any,
    *,
    kind: str,
    provider: str = "",
    listed_on: date | None,
    by: Any,
    context: AuditContext | None = None,
) -> Wachtlijst:
    """The person of ``casus`` waits for a follow-up place since ``listed_on``. The
    same entry sent twice (a double submit) is the first one."""
    if not policies.can_record_middelen(by, casus):
        raise PermissionDenied
    _open(casus)
    provider, listed_on = _check_listing(kind, provider, listed_on)
    earlier = (
        Wachtlijst.objects.select_for_update()
        .filter(casus=casus, kind=kind, provider=provider, listed_on=listed_on, status=WachtlijstStatus.WACHTEND)
        .first()
    )
    if earlier is not None:
        return earlier
    entry = Wachtlijst.objects.create(
        casus=casus, kind=kind, provider=provider, listed_on=listed_on, recorded_by=by, recorded_at=timezone.now()
    )
    _audit(
        by,
        context,
        casus,
        ObjectType.WACHTLIJST,
        Action.CREATE,
        f"op de wachtlijst gezet ({kind}, {listed_on.isoformat()})",
    )
    return entry


@transaction.atomic
def record_placement(
    entry: Wachtlijst,
    *,
    expected_version: int,
    status: str,
    placed_on: date | None,
    by: Any,
    context: AuditContext | None = None,
) -> Wachtlijst:
    """The end of the wait: placed on a day (``geplaatst``), or the entry lapsed
    (``vervallen``, no day). Optimistic locking: when someone saved the entry since
    ``expected_version``, ConcurrentEditError and nothing changes."""
    casus = entry.casus
    if not policies.can_record_placement(by, entry):
        raise PermissionDenied
    _open(casus)
    if status not in (WachtlijstStatus.GEPLAATST, WachtlijstStatus.VERVALLEN):
        raise _invalid("status", _("Kies: geplaatst of vervallen."), "status")
    if status == WachtlijstStatus.GEPLAATST:
        if placed_on is None:
            raise _invalid("placed_on", _("Vul de datum van de plaatsing in."), "required")
        plausible.check_past_day(
            placed_on,
            field="placed_on",
            not_before=entry.listed_on,
            not_before_label=_("de datum waarop de betrokkene op de lijst is gezet"),
        )
    else:
        placed_on = None
    entry.status = status
    entry.placed_on = placed_on
    entry.updated_by = by
    entry.updated_at = timezone.now()
    entry.save_versioned(expected_version, ["status", "placed_on", "updated_by", "updated_at"])
    _audit(
        by,
        context,
        casus,
        ObjectType.WACHTLIJST,
        Action.UPDATE,
        f"wachtlijst afgesloten ({status}{', ' + placed_on.isoformat() if placed_on else ''})",
    )
    return entry


@dataclass(frozen=True)
class WaitingFigure:
    kind: str
    label: str
    waiting: int
    placed: int
    median_days_waiting: float | None
    median_days_placed: float | None


def waiting_times(organisation: Any, period: tuple[date, date] | None = None) -> list[WaitingFigure]:
    """Per kind of place, for the casussen of ``organisation``: how many wait now, how
    many were placed (in ``period`` (first, last day) when given) and the median days
    waited (placed: list day to placement day; waiting: list day to today). One query."""
    today = timezone.localdate()
    rows = Wachtlijst.objects.filter(
        casus__organisation=organisation, status__in=[WachtlijstStatus.WACHTEND, WachtlijstStatus.GEPLAATST]
    ).values_list("kind", "status", "listed_on", "placed_on")
    waited: dict[str, list[int]] = {k: [] for k in WachtlijstKind.values}
    placed: dict[str, list[int]] = {k: [] for k in WachtlijstKind.values}
    for kind, status, listed_on, placed_on in rows:
        if status == WachtlijstStatus.WACHTEND:
            waited[kind].append((today - listed_on).days)
        elif placed_on is not None and (period is None or period[0] <= placed_on <= period[1]):
            placed[kind].append((placed_on - listed_on).days)
    return [
        WaitingFigure(
            kind,
            str(label),
            len(waited[kind]),
            len(placed[kind]),
            statistics.median(waited[kind]) if waited[kind] else None,
            statistics.median(placed[kind]) if placed[kind] else None,
        )
        for kind, label in WachtlijstKind.choices
    ]
