"""The rules of task and ground per casus, and of consent and objection per person.

- ``current_basis``: the casus' task and ground (its default until someone changes it).
- ``change_grondslag``: a change needs a written reason; versioned; one history row.
- ``record_consent`` / ``withdraw_consent``: a person's consent or objection, dated.
- ``check_sharing``: what the sharing forms (network referral, overleg share) ask
  before they share: does the ground fit the task, did the person object to this
  organisation, is there consent when the ground is "toestemming"; an override needs
  a written reason and is recorded for review (``record_override``).
- ``objects_to``: the "in beeld?" check asks whether the person objected to the
  asking organisation.
Each change writes its access-log row in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core import plausible
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.errors import field_error as _invalid
from vangnet.organisations.models import Organisation
from vangnet.verzoeken.services import active_restriction
from vangnet.wvggz.models import Onderzoek

from . import catalogue, policies
from .catalogue import Ground, Task
from .models import MAX_PURPOSE, MAX_REASON, Afwijking, CasusGrondslag, GrondslagWijziging, Toestemming

# The version a form carries while the casus still runs under its default (no row yet).
DEFAULT_VERSION = 0


# --- task and ground per casus ------------------------------------------------


def default_task(casus: Any) -> Task:
    """A casus of a Wvggz verkennend onderzoek runs under the Wvggz task; every other
    casus (bemoeizorg after triage) starts as toeleiding."""
    return Task.WVGGZ if Onderzoek.objects.filter(casus=casus).exists() else Task.TOELEIDING


def current_basis(casus: Any, known: tuple[CasusGrondslag | None, bool] | None = None) -> CasusGrondslag:
    """The casus' task and ground. Without a stored row: the default (unsaved, version 0).
    One query: the stored row, and whether a Wvggz onderzoek runs (for the default).
    ``known``: (the stored row or None, whether an onderzoek runs) when the caller fetched
    them already (the casus page): no query."""
    if known is not None:
        stored, has_onderzoek = known
        if stored is not None:
            stored.casus = casus
            return stored
        return _default_basis(casus, has_onderzoek)
    # from the casus (its own class: this app does not import the cases app), with the
    # stored row joined (a reverse one-to-one) and default_task's onderzoek as an EXISTS
    found = (
        type(casus)
        ._default_manager.filter(pk=casus.pk)
        .select_related("grondslag")
        .annotate(has_onderzoek=Exists(Onderzoek.objects.filter(casus=OuterRef("pk"))))
        .first()
    )
    row = getattr(found, "grondslag", None) if found is not None else None
    if row is not None:
        row.casus = casus
        return row
    return _default_basis(casus, found is not None and found.has_onderzoek)


def _default_basis(casus: Any, has_onderzoek: bool) -> CasusGrondslag:
    task = Task.WVGGZ if has_onderzoek else Task.TOELEIDING
    return CasusGrondslag(
        casus=casus,
        task=task,
        ground=catalogue.spec(task).default_ground,
        changed_at=casus.opened_at,
        version=DEFAULT_VERSION,
    )


def casus_task(casus: Any | None) -> Task:
    """The task a share from ``casus`` runs under (no casus: a melding before triage is toeleiding)."""
    return Task(current_basis(casus).task) if casus is not None else Task.TOELEIDING


def history(casus: Any) -> list[GrondslagWijziging]:
    return list(GrondslagWijziging.objects.filter(casus=casus).select_related("changed_by"))


@transaction.atomic
def change_grondslag(
    casus: Any,
    *,
    task: str,
    ground: str,
    reason: str,
    expected_version: int,
    by: Any,
    context: AuditContext | None = None,
) -> CasusGrondslag:
    """Change the task and/or ground of ``casus``, with a written reason. Optimistic
    locking: when someone changed it since ``expected_version``, ConcurrentEditError."""
    if not policies.can_change_grondslag(by, casus):
        raise PermissionDenied
    errors: dict[str, ValidationError] = {}
    if task not in Task.values:
        errors["task"] = ValidationError(_("Kies de taak waaronder de casus loopt."), code="required")
    elif ground not in Ground.values:
        errors["ground"] = ValidationError(_("Kies de grondslag."), code="required")
    elif not catalogue.fits(task, ground):
        errors["ground"] = ValidationError(
            _("Deze grondslag past niet bij de taak %(task)s. Kies een van de grondslagen die erbij horen.")
            % {"task": Task(task).label},
            code="does_not_fit",
        )
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = ValidationError(_("Schrijf waarom de taak of grondslag verandert."), code="required")
    elif len(reason) > MAX_REASON:
        errors["reason"] = ValidationError(
            _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_REASON}, code="too_long"
        )
    if errors:
        raise ValidationError(errors)
    current = current_basis(casus)
    if current.version != expected_version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    if (current.task, current.ground) == (task, ground):
        raise _invalid("__all__", _("De taak en de grondslag zijn niet veranderd."), "unchanged")
    old_task, old_ground = current.task, current.ground
    now = timezone.now()
    if current.pk is None:
        try:
            with transaction.atomic():
                row = CasusGrondslag.objects.create(
                    casus=casus, task=task, ground=ground, changed_by=by, changed_at=now
                )
        except IntegrityError:
            # A parallel first change was stored first.
            raise ConcurrentEditError(ConcurrentEditError.message) from None
    else:
        row = current
        row.task, row.ground, row.changed_by, row.changed_at = task, ground, by, now
        row.save_versioned(expected_version, ["task", "ground", "changed_by", "changed_at"])
    GrondslagWijziging.objects.create(
        casus=casus,
        old_task=old_task,
        old_ground=old_ground,
        task=task,
        ground=ground,
        reason=reason,
        changed_by=by,
        changed_at=now,
    )
    audit(
        by,
        Action.UPDATE,
        context=context,
        casus=casus,
        object_type=ObjectType.GRONDSLAG,
        detail=f"taak/grondslag {old_task}/{old_ground} -> {task}/{ground}",
        reason=policies.grondslag_basis(by, casus) or "",
    )
    return row


# --- consent and objection ------------------------------------------------------


def consents(person: Any) -> list[Toestemming]:
    """All of the person's consents and objections, newest first (ended ones too)."""
    return list(Toestemming.objects.filter(person=person).select_related("organisation", "recorded_by", "withdrawn_by"))


def _in_force(qs: QuerySet[Toestemming], day: date) -> QuerySet[Toestemming]:
    return qs.filter(given_on__lte=day, withdrawn_on__isnull=True).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def is_in_force(t: Toestemming, day: date | None = None) -> bool:
    day = day or timezone.localdate()
    return t.given_on <= day and t.withdrawn_on is None and (t.ends_on is None or t.ends_on >= day)


def _about(qs: QuerySet[Toestemming], organisation: Organisation, task: str | None) -> QuerySet[Toestemming]:
    qs = qs.filter(Q(organisation=organisation) | Q(organisation__isnull=True, organisation_kind=organisation.kind))
    if task is not None:
        qs = qs.filter(Q(task="") | Q(task=task))
    return qs


def objection_to(
    person: Any, organisation: Organisation, task: str | None = None, day: date | None = None
) -> Toestemming | None:
    """The person's objection in force against sharing with ``organisation`` (itself or
    its kind) for ``task`` (None: for any task), or None."""
    if person is None:
        return None
    qs = _in_force(
        Toestemming.objects.filter(person=person, soort=Toestemming.Soort.BEZWAAR), day or timezone.localdate()
    )
    return _about(qs, organisation, task).first()


def consent_for(person: Any, organisation: Organisation, task: str, day: date | None = None) -> Toestemming | None:
    """The person's consent in force for sharing with ``organisation`` for ``task``, or None."""
    if person is None:
        return None
    qs = _in_force(
        Toestemming.objects.filter(person=person, soort=Toestemming.Soort.TOESTEMMING), day or timezone.localdate()
    )
    return _about(qs, organisation, task).first()


def objects_to(person: Any, organisation: Organisation | None) -> bool:
    """Did the person object to sharing with this organisation (or its kind), for any task?"""
    return organisation is not None and objection_to(person, organisation) is not None


def _audit_consent(by: Any, context: AuditContext | None, t: Toestemming, action: str, detail: str) -> None:
    audit(
        by,
        action,
        context=context,
        person=t.person,
        object_type=ObjectType.TOESTEMMING,
        detail=f"{detail}: {t.soort} {t.whom}"[:300],
        reason=policies.consent_basis(by, t.person) or "",
    )


@transaction.atomic
def record_consent(
    person: Any,
    *,
    soort: str,
    organisation: Organisation | None = None,
    organisation_kind: str = "",
    task: str = "",
    purpose: str = "",
    how: str,
    given_on: date | None,
    ends_on: date | None = None,
    by: Any,
    context: AuditContext | None = None,
) -> Toestemming:
    """Record a consent or objection of ``person``. The same record sent twice (a double
    submit) is the first one; consent where an objection to the same is in force is refused."""
    if not policies.can_record_consent(by, person):
        raise PermissionDenied
    errors: dict[str, ValidationError] = {}
    if soort not in Toestemming.Soort.values:
        errors["soort"] = ValidationError(_("Kies: toestemming of bezwaar."), code="required")
    organisation_kind = organisation_kind or ""
    if organisation is None and not organisation_kind:
        errors["organisation"] = ValidationError(
            _("Kies de organisatie of de soort organisatie waarover het gaat."), code="required"
        )
    elif organisation is not None and organisation_kind:
        errors["organisation_kind"] = ValidationError(
            _("Kies een organisatie óf een soort organisatie, niet allebei."), code="both"
        )
    elif organisation_kind and organisation_kind not in Organisation.Kind.values:
        errors["organisation_kind"] = ValidationError(_("Kies een soort organisatie uit de lijst."), code="invalid")
    if task and task not in Task.values:
        errors["task"] = ValidationError(_("Kies een taak uit de lijst."), code="invalid")
    if how not in Toestemming.Wijze.values:
        errors["how"] = ValidationError(_("Kies hoe het is gegeven: mondeling of schriftelijk."), code="required")
    if given_on is None:
        errors["given_on"] = ValidationError(_("Vul de datum in waarop het is gegeven."), code="required")
    purpose = (purpose or "").strip()
    if len(purpose) > MAX_PURPOSE:
        errors["purpose"] = ValidationError(
            _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_PURPOSE}, code="too_long"
        )
    if errors or given_on is None:
        raise ValidationError(errors)
    plausible.check_past_day(given_on, field="given_on")
    if ends_on is not None:
        plausible.check_planned_day(
            ends_on, field="ends_on", not_before=given_on, not_before_label=_("de datum waarop het is gegeven")
        )
    fields = {
        "person": person,
        "soort": soort,
        "organisation": organisation,
        "organisation_kind": organisation_kind,
        "task": task or "",
    }
    earlier = Toestemming.objects.filter(
        **fields, given_on=given_on, ends_on=ends_on, how=how, purpose=purpose, recorded_by=by, withdrawn_on=None
    ).first()
    if earlier is not None:
        return earlier
    if (
        soort == Toestemming.Soort.TOESTEMMING
        and organisation is not None
        and objection_to(person, organisation, task or None) is not None
    ):
        raise _invalid(
            "organisation",
            _("Er staat een bezwaar van de betrokkene tegen delen met deze organisatie. Trek dat eerst in."),
            "objection",
        )
    t = Toestemming.objects.create(
        **fields,
        purpose=purpose,
        how=how,
        given_on=given_on,
        ends_on=ends_on,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    _audit_consent(by, context, t, Action.CREATE, "vastgelegd")
    return t


@transaction.atomic
def withdraw_consent(
    t: Toestemming,
    *,
    expected_version: int,
    reason: str = "",
    by: Any,
    context: AuditContext | None = None,
) -> Toestemming:
    """Withdraw a consent or objection as of today (the record stays, dated)."""
    if not policies.can_withdraw_consent(by, t):
        raise PermissionDenied
    if t.withdrawn_on is not None:
        return t  # a double submit
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise _invalid("reason", _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_REASON}, "too_long")
    t.withdrawn_on = max(timezone.localdate(), t.given_on)
    t.withdrawn_by = by
    t.withdrawal_reason = reason
    t.save_versioned(expected_version, ["withdrawn_on", "withdrawn_by", "withdrawal_reason"])
    _audit_consent(by, context, t, Action.UPDATE, "ingetrokken")
    return t


# --- the sharing forms -------------------------------------------------------------


@dataclass(frozen=True)
class SharingCheck:
    """The outcome of ``check_sharing``: None, or what the share deviates from (then the
    worker's reason goes with it)."""

    deviation: str | None = None
    reason: str = ""

    def log_reason(self) -> str:
        """The text the share's access-log row carries (empty without a deviation)."""
        if self.deviation is None:
            return ""
        return f"afwijking ({self.deviation}): {self.reason}"


def check_sharing(
    person: Any,
    organisation: Organisation,
    *,
    task: str,
    ground: str,
    override: bool = False,
    override_reason: str = "",
    organisation_field: str = "organisation",
    ground_field: str = "legal_ground",
) -> SharingCheck:
    """May the worker share about ``person`` with ``organisation`` on ``ground`` under
    ``task``? A ground that does not fit the task is an error on ``ground_field``; an
    objection in force against the organisation (or its kind), a restriction of processing in
    effect (a granted request, vangnet.verzoeken), or the ground "toestemming" without consent
    in force, is an error unless ``override`` with a reason."""
    if ground and not catalogue.fits(task, ground):
        raise _invalid(
            ground_field,
            _("Deze grondslag past niet bij de taak van de casus (%(task)s).") % {"task": Task(task).label},
            "does_not_fit",
        )
    override_reason = (override_reason or "").strip()
    if person is None and ground == Ground.TOESTEMMING:
        # Nobody to have given consent yet (a melding about an unknown person).
        raise _invalid(
            ground_field,
            _("De persoon is nog niet bekend, dus er kan geen toestemming zijn vastgelegd. Kies een andere grondslag."),
            "no_person",
        )
    deviation = None
    field, message = organisation_field, ""
    if objection_to(person, organisation, task) is not None:
        deviation = Afwijking.Wat.BEZWAAR
        message = _(
            "De betrokkene heeft bezwaar gemaakt tegen delen met %(org)s. Deel niet, of vink 'toch delen' aan "
            "en schrijf waarom."
        ) % {"org": organisation}
    elif person is not None and (restriction := active_restriction(person)) is not None:
        # AVG art. 18: while restricted the data are only kept; sharing only for a legal claim,
        # another's protection or with his consent, so it is a reviewed deviation too.
        deviation = Afwijking.Wat.BEPERKING
        message = _(
            "De verwerking van de gegevens van de betrokkene is beperkt (verzoek %(ref)s). Deel alleen als het "
            "nodig is voor een rechtsvordering, ter bescherming van een ander of met zijn toestemming: vink "
            "'toch delen' aan en schrijf waarom."
        ) % {"ref": restriction.reference}
    elif ground == Ground.TOESTEMMING and consent_for(person, organisation, task) is None:
        deviation = Afwijking.Wat.GEEN_TOESTEMMING
        field = ground_field
        message = _(
            "Er is geen toestemming van de betrokkene vastgelegd voor delen met %(org)s. Leg de toestemming "
            "eerst vast, kies een andere grondslag, of vink 'toch delen' aan en schrijf waarom."
        ) % {"org": organisation}
    if deviation is None:
        return SharingCheck()
    if not override:
        raise _invalid(field, message, "consent")
    if not override_reason:
        raise _invalid("override_reason", _("Schrijf waarom u toch deelt."), "required")
    if len(override_reason) > MAX_REASON:
        raise _invalid(
            "override_reason", _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_REASON}, "too_long"
        )
    return SharingCheck(deviation=str(deviation), reason=override_reason)


def record_override(
    check: SharingCheck,
    *,
    person: Any,
    casus: Any | None,
    organisation: Organisation,
    via: str,
    reference: str,
    ground: str,
    by: Any,
) -> Afwijking | None:
    """Keep a share that went against the person's wishes for the teamleider's review
    (call it in the share's transaction; its access-log row carries ``check.log_reason()``)."""
    if check.deviation is None:
        return None
    return Afwijking.objects.create(
        person=person,
        casus=casus,
        organisation=organisation,
        what=check.deviation,
        via=via,
        reference=reference[:40],
        ground=ground,
        reason=check.reason,
        by=by,
        at=timezone.now(),
    )


# --- review of overrides -------------------------------------------------------------


def overrides_to_review(user: Any) -> QuerySet[Afwijking]:
    """The overrides by workers of the teamleider's organisation, newest first."""
    if not policies.can_review_overrides(user):
        return Afwijking.objects.none()
    return Afwijking.objects.filter(by__organisation_id=user.organisation_id).select_related(
        "by", "organisation", "person", "casus", "reviewed_by"
    )


@transaction.atomic
def mark_override_reviewed(
    afwijking: Afwijking, *, note: str = "", by: Any, context: AuditContext | None = None
) -> Afwijking:
    if not policies.can_mark_override_reviewed(by, afwijking):
        raise PermissionDenied
    if afwijking.reviewed_at is not None:
        return afwijking  # a double submit
    note = (note or "").strip()
    if not note:
        raise _invalid("note", _("Schrijf uw beoordeling: was het delen gerechtvaardigd?"), "required")
    if len(note) > MAX_REASON:
        raise _invalid("note", _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_REASON}, "too_long")
    updated = Afwijking.objects.filter(pk=afwijking.pk, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now(), reviewed_by=by, review_note=note
    )
    afwijking.refresh_from_db()
    if updated:
        audit(
            by,
            Action.UPDATE,
            context=context,
            person=afwijking.person,
            casus=afwijking.casus,
            object_type=ObjectType.AFWIJKING,
            detail=f"afwijking {afwijking.pk} ({afwijking.reference}) beoordeeld",
            reason=policies.BASIS_OVERRIDE_REVIEW,
        )
    return afwijking
