"""Procesregie business rules: escalate, decide, assign, complete, close, and the figures.

Each function checks the state and the permission, writes, and logs."""

from datetime import date
from statistics import median
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.accounts import roles
from vangnet.accounts.models import User
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ObjectType, audit
from vangnet.core import plausible
from vangnet.core.errors import field_error as _error
from vangnet.notifications.models import EventKind
from vangnet.notifications.services import notify_event

from . import policies
from .models import Action, Decision, Escalation

A = AccessLog.Action


def _log(context, by, action, casus, detail, reason):
    audit(by, action, context=context, casus=casus, object_type=ObjectType.PROCESREGIE, detail=detail, reason=reason)


def _required(text, message, field):
    text = (text or "").strip()
    if not text:
        raise _error(field, message, "required")
    return text


def open_escalation(casus) -> Escalation | None:
    return casus.escalations.filter(status=Escalation.Status.OPEN).first()


def open_or_latest_escalation(casus: Any) -> Escalation | None:
    """The open escalation (a casus has at most one), else the latest closed one."""
    is_open = Case(When(status=Escalation.Status.OPEN, then=Value(0)), default=Value(1))
    return casus.escalations.order_by(is_open, "-escalated_at", "-id").first()


@transaction.atomic
def escalate_casus(casus, *, description, procesregisseur, by, context: AuditContext | None = None) -> Escalation:
    if not policies.can_escalate(by, casus):
        raise PermissionDenied
    description = _required(description, _("Beschrijf wat er vastzit."), "description")
    if not policies.is_eligible_procesregisseur(procesregisseur, casus):
        raise _error("procesregisseur", _("Deze persoon kan geen procesregisseur zijn voor deze casus."), "regisseur")
    if open_escalation(casus) is not None:
        raise ValidationError(_("Deze casus is al geëscaleerd naar procesregie."), code="open")
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                casus=casus, description=description, escalated_by=by, procesregisseur=procesregisseur
            )
    except IntegrityError as exc:  # two people escalating at the same moment
        raise ValidationError(_("Deze casus is al geëscaleerd naar procesregie."), code="open") from exc
    _log(context, by, A.CREATE, casus, f"escalatie {escalation.pk} naar procesregie", "casuslid / teamleider")
    notify_event(
        procesregisseur,
        EventKind.ESCALATION,
        reference=casus.reference,
        url=reverse("procesregie:detail", args=[escalation.pk]),
        actor=by,
    )
    return escalation


def _direct_check(escalation, by):
    if not policies.can_direct(by, escalation):
        if not escalation.is_open:
            raise ValidationError(
                _("Deze escalatie is afgerond; er kan niets meer aan worden toegevoegd."), code="closed"
            )
        raise PermissionDenied


@transaction.atomic
def record_decision(escalation, *, text, decided_on=None, by, context: AuditContext | None = None) -> Decision:
    _direct_check(escalation, by)
    text = _required(text, _("Vul het besluit in."), "text")
    decided_on = decided_on or timezone.localdate()
    plausible.check_past_day(
        decided_on, field="decided_on", not_before=escalation.escalated_at, not_before_label=_("de escalatie")
    )
    decision = Decision.objects.create(escalation=escalation, text=text, decided_on=decided_on, recorded_by=by)
    _log(
        context,
        by,
        A.CREATE,
        escalation.casus,
        f"besluit {decision.pk} (escalatie {escalation.pk})",
        policies.BASIS_REGISSEUR,
    )
    return decision


@transaction.atomic
def assign_action(
    escalation, *, organisation, description, due_date, by, context: AuditContext | None = None
) -> Action:
    _direct_check(escalation, by)
    description = _required(description, _("Beschrijf wat de organisatie moet doen."), "description")
    if due_date is None:
        raise _error("due_date", _("Vul in wanneer de actie uiterlijk klaar moet zijn."), "required")
    if due_date < timezone.localdate():
        raise _error("due_date", _("De uiterste datum ligt in het verleden."), "past")
    plausible.check_planned_day(due_date, field="due_date")
    action = Action.objects.create(
        escalation=escalation, organisation=organisation, description=description, due_date=due_date, assigned_by=by
    )
    _log(
        context, by, A.CREATE, escalation.casus, f"actie {action.pk} aan zet: {organisation}", policies.BASIS_REGISSEUR
    )
    # Everyone of the organisation aan zet who may mark it done hears of it (issue 11):
    # the casus reference and a link to their "aan zet" page, nothing else.
    notify_event(
        User.objects.filter(organisation=organisation, is_active=True, role__in=roles.DATA_ACCESS),
        EventKind.REGIE_ACTION,
        reference=escalation.casus.reference,
        url=reverse("procesregie:aan_zet"),
        actor=by,
    )
    return action


@transaction.atomic
def complete_action(action, *, note="", by, expected_version=None, context: AuditContext | None = None) -> Action:
    if not action.is_open:
        raise ValidationError(_("Deze actie is al afgerond."), code="done")
    if not policies.can_complete_action(by, action):
        raise PermissionDenied
    action.status = Action.Status.GEDAAN
    action.done_at = timezone.now()
    action.done_by = by
    action.done_note = (note or "").strip()
    action.save_versioned(
        action.version if expected_version is None else expected_version, ["status", "done_at", "done_by", "done_note"]
    )
    basis = policies.BASIS_REGISSEUR if action.escalation.procesregisseur_id == by.pk else policies.BASIS_AAN_ZET
    _log(context, by, A.UPDATE, action.escalation.casus, f"actie {action.pk} gedaan", basis)
    return action


@transaction.atomic
def close_escalation(escalation, *, note, by, expected_version=None, context: AuditContext | None = None) -> Escalation:
    _direct_check(escalation, by)
    note = _required(note, _("Schrijf op waarom de escalatie kan worden afgerond."), "note")
    if escalation.actions.filter(status=Action.Status.OPEN).exists():
        raise ValidationError(_("Er staan nog acties open. Rond die eerst af."), code="open_actions")
    escalation.status = Escalation.Status.AFGEROND
    escalation.closed_at = timezone.now()
    escalation.closed_by = by
    escalation.closing_note = note
    escalation.save_versioned(
        escalation.version if expected_version is None else expected_version,
        ["status", "closed_at", "closed_by", "closing_note"],
    )
    _log(context, by, A.UPDATE, escalation.casus, f"escalatie {escalation.pk} afgerond", policies.BASIS_REGISSEUR)
    return escalation


# --- lists and figures ---------------------------------------------------------


def overdue_actions(qs=None, today=None):
    today = today or timezone.localdate()
    qs = qs if qs is not None else Action.objects.all()
    return qs.filter(status=Action.Status.OPEN, due_date__lt=today, escalation__status=Escalation.Status.OPEN)


def regisseur_overdue(user: Any, today: date | None = None) -> QuerySet:
    """The regisseur's own open escalations' actions past their due date, oldest first."""
    qs = Action.objects.filter(escalation__procesregisseur=user).select_related("organisation", "escalation__casus")
    return overdue_actions(qs, today).order_by("due_date", "id")


def regisseur_overdue_actions(user, today=None):
    return list(regisseur_overdue(user, today))


def _aan_zet(user: Any) -> QuerySet:
    return Action.objects.filter(organisation_id=user.organisation_id).select_related(
        "escalation__casus", "escalation__procesregisseur"
    )


def open_actions_aan_zet(user: Any) -> QuerySet:
    """The open actions for the user's organisation in open escalations, by due date."""
    return (
        _aan_zet(user)
        .filter(status=Action.Status.OPEN, escalation__status=Escalation.Status.OPEN)
        .order_by("due_date", "id")
    )


def actions_aan_zet(user):
    """Actions for the user's organisation: open ones first (by due date), then the last done ones."""
    open_ = list(open_actions_aan_zet(user))
    done = list(_aan_zet(user).filter(status=Action.Status.GEDAAN).order_by("-done_at")[:20])
    return open_, done


def figures(organisation, today=None):
    """Aggregates for the teamleider over escalations of the organisation's casussen (no personal data)."""
    today = today or timezone.localdate()
    escalations = Escalation.objects.filter(casus__organisation=organisation)
    closed = list(escalations.filter(status=Escalation.Status.AFGEROND).values_list("escalated_at", "closed_at"))
    days = [(c - e).total_seconds() / 86400 for e, c in closed if c]
    actions = Action.objects.filter(escalation__in=escalations)
    overdue_by_org = list(
        overdue_actions(actions, today)
        .values("organisation__name")
        .annotate(n=Count("id"))
        .order_by("-n", "organisation__name")
    )
    return {
        "open_escalations": escalations.filter(status=Escalation.Status.OPEN).count(),
        "closed_escalations": len(closed),
        "median_days_to_close": round(median(days), 1) if days else None,
        "open_actions": actions.filter(status=Action.Status.OPEN, escalation__status=Escalation.Status.OPEN).count(),
        "overdue_actions": sum(r["n"] for r in overdue_by_org),
        "overdue_by_organisation": overdue_by_org,
    }
