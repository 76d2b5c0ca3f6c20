"""Business rules of the bemoeizorgtraject.

Everything that changes a casus goes through these functions, so the rules
(which phase moves need a reason, who may be a member, no contact attempts in
the future) hold for the web views, the API and the demo data alike.

Contact attempts and notes are corrected or voided, never deleted
(``correct_contact_attempt``, ``void_contact_attempt``, ``correct_note``,
``void_note``): the record keeps the current values, a revision row the
earlier ones with who, when and why.

There is deliberately no rule that closes a casus for lack of contact: in
bemoeizorg there is no maximum number of attempts and no discharge after
no-shows. Closing is always a person's decision with a written reason."""

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.access import policies
from vangnet.accounts import roles
from vangnet.accounts.models import User
from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core import plausible
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.errors import field_error as _invalid
from vangnet.core.references import assign_reference
from vangnet.intake.models import Melding
from vangnet.notifications.models import EventKind
from vangnet.notifications.services import notify_event
from vangnet.organisations.models import Organisation

from . import policies as case_policies
from .models import (
    CHOOSABLE_OUTCOMES,
    CONTACT_RESULTS,
    MAX_NOTE,
    AttemptResult,
    AttemptType,
    CaseMember,
    CaseNote,
    CaseNoteRevision,
    Casus,
    ContactAttempt,
    ContactAttemptRevision,
    Intensity,
    IntensityChange,
    Phase,
    PhaseChange,
    RevisionAction,
    Uitkomst,
    is_step_up,
)

OUTCOME_TEXT_MAX = PhaseChange._meta.get_field("outcome_text").max_length or 200

# The normal forward path. UIT_BEELD and LANGDURIG sit beside it: a casus can
# go there from any open phase and come back from there without counting as
# "moving back".
PHASE_ORDER = [
    Phase.CONTACT_LEGGEN,
    Phase.VERKENNEN,
    Phase.TOELEIDING,
    Phase.OVERDRACHT,
    Phase.NAZORG,
    Phase.AFGESLOTEN,
]
SIDE_PHASES = {Phase.UIT_BEELD, Phase.LANGDURIG}

# Who may take which place in a casus (always users of the casus organisation):
# casusregisseur and duo from roles.CASE_WORKERS, the consultant from roles.CONSULTANTS.


def is_move_back(from_phase: str, to_phase: str) -> bool:
    if from_phase in SIDE_PHASES or to_phase in SIDE_PHASES:
        return False
    return PHASE_ORDER.index(to_phase) < PHASE_ORDER.index(from_phase)


def reason_required(from_phase: str, to_phase: str) -> bool:
    """Moving back, closing and reopening always need a written reason."""
    return is_move_back(from_phase, to_phase) or to_phase == Phase.AFGESLOTEN or from_phase == Phase.AFGESLOTEN


def _check_text(text: str, field: str, code: str) -> None:
    if len(text) > MAX_NOTE:
        raise _invalid(
            field,
            _("De tekst is te lang: maximaal %(max)d tekens, u gebruikte er %(n)d.")
            % {"max": MAX_NOTE, "n": len(text)},
            code,
        )


def _audit_casus(
    by: User, context: AuditContext | None, action: str, casus: Casus, detail: str, basis: str | None
) -> None:
    """The access-log row of a change to the casus, with the basis the actor had for it."""
    audit(
        by,
        action,
        context=context,
        casus=casus,
        object_type=ObjectType.CASUS,
        detail=detail,
        reason=basis or "",
        break_glass=basis == policies.BASIS_BREAK_GLASS,
    )


# --- notifications (issue 11) ------------------------------------------------
# Only the reference and the kind of event; the link is the page the recipient
# may open (members: the casus page; a partner melder: her own melding).


def casus_url(casus: Casus) -> str:
    return reverse("cases:detail", args=[casus.pk])


def _member_roles(casus: Casus) -> dict[int, str]:
    return dict(CaseMember.objects.filter(casus=casus).values_list("user_id", "role"))


def _notify_team_change(casus: Casus, before: dict[int, str], *, by: User) -> None:
    """After the team changed: who joined (or got another role) hears that she is
    in the casus; when the casusregisseur changed, the members who stayed hear that."""
    after = _member_roles(casus)
    users = User.objects.in_bulk(list(after))
    regisseur_before = next((i for i, r in before.items() if r == CaseMember.Role.REGISSEUR), None)
    regisseur_changed = bool(before) and regisseur_before != casus.casusregisseur_id
    joined = [
        users[i] for i, role in after.items() if before.get(i) != role and not (regisseur_changed and i in before)
    ]
    url = casus_url(casus)
    notify_event(joined, EventKind.CASUS_ROLE, reference=casus.reference, url=url, actor=by)
    if regisseur_changed:
        stayed = [users[i] for i in after if i in before]
        notify_event(stayed, EventKind.CASUS_REGISSEUR_CHANGED, reference=casus.reference, url=url, actor=by)


def _notify_partner_melders(casus: Casus, *, by: User) -> None:
    """Closing or reopening a casus changes the status a partner sees of her melding."""
    for melding in Melding.objects.filter(casus=casus, created_by__role=roles.Role.PARTNER).select_related(
        "created_by"
    ):
        notify_event(
            melding.created_by,
            EventKind.PARTNER_MELDING_STATUS,
            reference=melding.reference,
            url=reverse("intake:partner_detail", args=[melding.pk]),
            actor=by,
        )


# --- phases ------------------------------------------------------------------


def _check_outcome(outcome: str, outcome_text: str) -> None:
    if not outcome:
        raise _invalid("outcome", _("Kies de uitkomst: hoe is de bemoeizorg geëindigd?"), "outcome_required")
    if outcome not in CHOOSABLE_OUTCOMES:
        raise _invalid("outcome", _("Kies een uitkomst uit de lijst."), "unknown_outcome")
    if outcome == Uitkomst.ANDERS and not outcome_text:
        raise _invalid("outcome_text", _("Beschrijf de uitkomst als u 'anders' kiest."), "outcome_text_required")
    if len(outcome_text) > OUTCOME_TEXT_MAX:
        raise _invalid(
            "outcome_text",
            _("De toelichting is te lang: maximaal %(max)d tekens.") % {"max": OUTCOME_TEXT_MAX},
            "outcome_text_too_long",
        )


@transaction.atomic
def change_phase(
    casus: Casus,
    to_phase: str,
    *,
    by,
    reason: str = "",
    outcome: str = "",
    outcome_text: str = "",
    outcome_partner: Organisation | None = None,
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> PhaseChange:
    """Move the casus to ``to_phase``.

    Forward moves need no reason; moving back, closing and reopening do.
    Uit beeld and langdurige bemoeizorg can be chosen from any phase.
    Closing records the uitkomst (``outcome``, with ``outcome_text`` for "anders"
    and optionally the receiving ``outcome_partner``) on the closing row.
    ``expected_version`` is the version the user saw: if someone else changed
    the casus since, ConcurrentEditError is raised and nothing is written.
    Writes the access-log row of ``by`` (with ``context``) in the same transaction."""
    if expected_version is not None and expected_version != casus.version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    if to_phase not in Phase.values:
        raise _invalid("to_phase", _("Onbekende fase."), "unknown_phase")
    if to_phase == casus.phase:
        raise _invalid("to_phase", _("De casus staat al in deze fase."), "same_phase")
    reason = (reason or "").strip()
    _check_text(reason, "reason", "reason_too_long")
    if reason_required(casus.phase, to_phase) and not reason:
        raise _invalid(
            "reason",
            _("Geef een reden: terug naar een eerdere fase, afsluiten en heropenen vragen om een toelichting."),
            "reason_required",
        )
    outcome_text = (outcome_text or "").strip()
    if to_phase == Phase.AFGESLOTEN:
        _check_outcome(outcome, outcome_text)
    else:
        outcome, outcome_text, outcome_partner = "", "", None
    basis = policies.casus_access_basis(by, casus)
    now = timezone.now()
    from_phase = casus.phase
    casus.phase = to_phase
    casus.closed_at = now if to_phase == Phase.AFGESLOTEN else None
    casus.save_versioned(casus.version if expected_version is None else expected_version, ["phase", "closed_at"])
    change = PhaseChange.objects.create(
        casus=casus,
        from_phase=from_phase,
        to_phase=to_phase,
        reason=reason,
        changed_by=by,
        changed_at=now,
        outcome=outcome,
        outcome_text=outcome_text,
        outcome_partner=outcome_partner,
    )
    detail = f"fase gewijzigd naar {casus.phase}" + (f", uitkomst {outcome}" if outcome else "")
    _audit_casus(by, context, Action.UPDATE, casus, detail, basis)
    members = User.objects.filter(case_memberships__casus=casus)
    notify_event(members, EventKind.CASUS_PHASE_CHANGED, reference=casus.reference, url=casus_url(casus), actor=by)
    if Phase.AFGESLOTEN in (from_phase, to_phase):
        _notify_partner_melders(casus, by=by)
    return change


# --- start and members -------------------------------------------------------------


@transaction.atomic
def start_or_reopen_casus(
    *,
    person,
    organisation,
    team,
    casusregisseur,
    duo,
    by,
    melding=None,
    now: datetime | None = None,
    context: AuditContext | None = None,
    cause: str = "",
    basis: str = "",
) -> tuple[Casus, bool]:
    """Start bemoeizorg for a person: reuse the open casus of this organisation,
    reopen a closed one (a new melding re-opens the person's story), or create one.

    A step of a decision (triage, Wvggz outcome): ``cause`` says which one (e.g.
    "triage M-2026-00012") and ``basis`` on what ground the actor acts; the casus
    row is written here, a reopening also writes its phase change row
    (``change_phase``). Returns (casus, created)."""
    now = now or timezone.now()
    existing = (
        Casus.objects.select_for_update()
        .filter(person=person, organisation=organisation)
        .order_by("-opened_at")
        .first()
    )
    created = False
    before = _member_roles(existing) if existing is not None else {}
    if existing is None:
        casus = Casus.objects.create(
            person=person, organisation=organisation, team=team, casusregisseur=casusregisseur, opened_at=now
        )
        assign_reference(casus, "C")
        PhaseChange.objects.create(
            casus=casus,
            from_phase="",
            to_phase=Phase.CONTACT_LEGGEN,
            changed_by=by,
            changed_at=now,
            reason=_("Bemoeizorg gestart na triage."),
        )
        created = True
    else:
        casus = existing
        if casus.phase == Phase.AFGESLOTEN:
            ref = melding.reference if melding else ""
            change_phase(
                casus,
                Phase.CONTACT_LEGGEN,
                by=by,
                context=context,
                reason=_("Heropend na nieuwe melding %(ref)s.") % {"ref": ref},
            )
        if casus.casusregisseur_id != casusregisseur.pk:
            casus.casusregisseur = casusregisseur
            casus.save_versioned(casus.version, ["casusregisseur"])
    set_members(casus, casusregisseur=casusregisseur, duo=duo)
    _notify_team_change(casus, before, by=by)
    if melding is not None:
        melding.casus = casus
        melding.save(update_fields=["casus"])
    started = "casus gestart" if created else "casus hervat"
    audit(
        by,
        Action.CREATE if created else Action.UPDATE,
        context=context,
        casus=casus,
        object_type=ObjectType.CASUS,
        detail=f"{started} na {cause}" if cause else started,
        reason=basis,
    )
    return casus, created


def set_members(casus: Casus, *, casusregisseur, duo) -> None:
    """Add the casusregisseur and duo partners (existing members stay).

    Used when bemoeizorg starts or restarts; there is exactly one row with the
    regisseur role, so a former regisseur who is still a member becomes duo."""
    CaseMember.objects.filter(casus=casus, role=CaseMember.Role.REGISSEUR).exclude(user=casusregisseur).update(
        role=CaseMember.Role.DUO
    )
    CaseMember.objects.update_or_create(casus=casus, user=casusregisseur, defaults={"role": CaseMember.Role.REGISSEUR})
    for user in duo:
        if user.pk != casusregisseur.pk:
            CaseMember.objects.get_or_create(casus=casus, user=user, defaults={"role": CaseMember.Role.DUO})


def validate_team(organisation_id, *, casusregisseur, duo, team) -> dict[str, list[ValidationError]]:
    """The team that starts a bemoeizorg casus (at triage, or after a Wvggz onderzoek
    without aanvraag): a casusregisseur and duo partners who are active case workers
    of the organisation, and a team of that organisation. Field -> errors; empty is fine."""
    workers = get_user_model().objects.filter(
        organisation_id=organisation_id, is_active=True, role__in=roles.CASE_WORKERS
    )
    errors: dict[str, list[ValidationError]] = {}

    def add(key: str, message: str, code: str) -> None:
        errors.setdefault(key, []).append(ValidationError(message, code=code))

    if casusregisseur is None:
        add("casusregisseur", _("Kies een casusregisseur om bemoeizorg te starten."), "regisseur_required")
    elif not workers.filter(pk=casusregisseur.pk).exists():
        add(
            "casusregisseur",
            _("Deze casusregisseur hoort niet bij de organisatie of heeft geen passende rol."),
            "regisseur_invalid",
        )
    if any(not workers.filter(pk=u.pk).exists() for u in duo):
        add("duo", _("Kies alleen collega's van de organisatie."), "duo_invalid")
    if team is not None and team.organisation_id != organisation_id:
        add("team", _("Kies een team van de organisatie."), "team_invalid")
    return errors


def eligible_members(casus: Casus, roles):
    """Active users of the casus organisation with one of ``roles``."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(organisation_id=casus.organisation_id, role__in=roles, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


@transaction.atomic
def update_members(
    casus: Casus,
    *,
    casusregisseur,
    duo,
    consultant=None,
    by,
    expected_version: int,
    context: AuditContext | None = None,
) -> None:
    """Replace the team of the casus: one casusregisseur, duo partners and at
    most one consultant. Members not named any more are removed.

    Guarded by the casus version, so two people rearranging the team at the
    same time cannot silently undo each other's change."""
    if expected_version != casus.version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    duo = [u for u in duo if u.pk != casusregisseur.pk]
    if consultant is not None and consultant.pk in {casusregisseur.pk, *(u.pk for u in duo)}:
        raise _invalid(
            "consultant", _("Iemand kan niet tegelijk consultant en duo-partner of casusregisseur zijn."), "double_role"
        )
    if not eligible_members(casus, roles.CASE_WORKERS).filter(pk=casusregisseur.pk).exists():
        raise _invalid(
            "casusregisseur",
            _("De casusregisseur moet een bemoeizorger of teamleider van deze organisatie zijn."),
            "regisseur",
        )
    current_duo_ids = set(casus.members.filter(role=CaseMember.Role.DUO).values_list("user_id", flat=True))
    allowed_duo = set(eligible_members(casus, roles.CASE_WORKERS).values_list("pk", flat=True)) | current_duo_ids
    if any(u.pk not in allowed_duo for u in duo):
        raise _invalid(
            "duo", _("Een duo-partner moet een bemoeizorger of teamleider van deze organisatie zijn."), "duo"
        )
    if consultant is not None and not eligible_members(casus, roles.CONSULTANTS).filter(pk=consultant.pk).exists():
        raise _invalid("consultant", _("De consultant moet een consultant van deze organisatie zijn."), "consultant")

    # The basis before the change: a regisseur who hands over may leave the team.
    basis = policies.casus_access_basis(by, casus)
    before = _member_roles(casus)
    casus.casusregisseur = casusregisseur
    casus.save_versioned(expected_version, ["casusregisseur"])

    wanted = {casusregisseur.pk: CaseMember.Role.REGISSEUR}
    wanted.update({u.pk: CaseMember.Role.DUO for u in duo})
    if consultant is not None:
        wanted[consultant.pk] = CaseMember.Role.CONSULTANT
    casus.members.exclude(user_id__in=wanted).delete()
    for user_id, role in wanted.items():
        CaseMember.objects.update_or_create(casus=casus, user_id=user_id, defaults={"role": role})
    _audit_casus(by, context, Action.UPDATE, casus, "casusleden gewijzigd", basis)
    _notify_team_change(casus, before, by=by)


# --- contact attempts and notes ----------------------------------------------------


def attempts_start(casus: Casus) -> tuple[datetime, str]:
    """The earliest moment a contact attempt of this casus can have, and its name:
    the first melding's arrival, or the casus start when that is earlier (a casus
    without melding, or one started before its melding was registered). Work done
    after a melding arrived but before triage is real work; anything before the
    first melding is a typing error (the 1899 bug)."""
    first_melding = casus.meldingen.order_by("received_at").values_list("received_at", flat=True).first()
    if first_melding is not None and first_melding < casus.opened_at:
        return first_melding, _("de eerste melding")
    return casus.opened_at, _("de start van de casus")


def check_attempt_moment(casus: Casus, at: datetime) -> None:
    """A plausible moment for a contact attempt: not in the future (beyond
    ``plausible.FUTURE_TOLERANCE``), not before the person was born, not before the
    casus's first melding or start. Raises a ValidationError on the field ``at``."""
    try:
        plausible.check_moment(at, field="at")
        born: date | None = casus.person.date_of_birth
        if born is not None:
            plausible.check_moment(
                at, field="at", not_before=born, not_before_label=_("de geboortedatum van de betrokkene")
            )
        earliest, label = attempts_start(casus)
        plausible.check_moment(at, field="at", not_before=earliest, not_before_label=label)
    except ValidationError as exc:
        # The rule's code on the error itself, as _invalid does ("future", "before_start").
        exc.code = exc.error_dict["at"][0].code
        raise


@transaction.atomic
def log_contact_attempt(
    casus: Casus,
    *,
    at,
    type: str,
    result: str,
    workers,
    with_police: bool,
    note: str,
    by,
    context: AuditContext | None = None,
) -> ContactAttempt:
    """Record one attempt to reach the person. ``workers`` are who went (default: ``by``)."""
    check_attempt_moment(casus, at)
    if type not in AttemptType.values:
        raise _invalid("type", _("Onbekende soort contactpoging."), "unknown_type")
    if result not in AttemptResult.values:
        raise _invalid("result", _("Onbekend resultaat."), "unknown_result")
    note = (note or "").strip()
    _check_text(note, "note", "note_too_long")
    attempt = ContactAttempt.objects.create(
        casus=casus, at=at, type=type, result=result, with_police=bool(with_police), note=note, created_by=by
    )
    attempt.workers.set(list(workers) or [by])
    # A new attempt counts (it is not voided): the casus now has one, whatever else happens.
    Casus.objects.filter(pk=casus.pk, has_contact_attempt=False).update(has_contact_attempt=True)
    casus.has_contact_attempt = True
    _audit_casus(by, context, Action.CREATE, casus, "contactpoging vastgelegd", policies.casus_access_basis(by, casus))
    return attempt


@transaction.atomic
def add_note(casus: Casus, *, text: str, by: User, context: AuditContext | None = None) -> CaseNote:
    text = (text or "").strip()
    if not text:
        raise _invalid("text", _("Schrijf eerst een notitie."), "empty")
    _check_text(text, "text", "note_too_long")
    note = CaseNote.objects.create(casus=casus, text=text, author=by)
    _audit_casus(by, context, Action.CREATE, casus, "notitie toegevoegd", policies.casus_access_basis(by, casus))
    return note


# --- intensity (issue 15, part 3) --------------------------------------------------


@transaction.atomic
def change_intensity(
    casus: Casus,
    to_intensity: str,
    *,
    reason: str,
    by: User,
    expected_version: int,
    context: AuditContext | None = None,
) -> IntensityChange:
    """Raise ("opschalen") or lower the intensity of the casus, always with a reason;
    the change is a timeline entry. ``expected_version`` is the casus version the user
    saw: if someone else changed the casus since, ConcurrentEditError is raised and
    nothing is written. Writes the access-log row of ``by`` in the same transaction."""
    if not case_policies.can_change_intensity(by, casus):
        raise PermissionDenied
    if expected_version != casus.version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    if not casus.is_open:
        raise _invalid("to_intensity", _("De casus is afgesloten; heropen de casus eerst."), "closed")
    if to_intensity not in Intensity.values:
        raise _invalid("to_intensity", _("Kies een intensiteit uit de lijst."), "unknown_intensity")
    if to_intensity == casus.intensity:
        raise _invalid("to_intensity", _("De casus heeft deze intensiteit al."), "same_intensity")
    reason = (reason or "").strip()
    if not reason:
        raise _invalid(
            "reason",
            _("Geef een reden: een andere intensiteit staat altijd met reden op de tijdlijn."),
            "reason_required",
        )
    _check_text(reason, "reason", "reason_too_long")
    basis = policies.casus_access_basis(by, casus)
    from_intensity = casus.intensity
    casus.intensity = to_intensity
    casus.save_versioned(expected_version, ["intensity"])
    change = IntensityChange.objects.create(
        casus=casus,
        from_intensity=from_intensity,
        to_intensity=to_intensity,
        reason=reason,
        changed_by=by,
        changed_at=timezone.now(),
    )
    step = "opgeschaald" if is_step_up(from_intensity, to_intensity) else "afgeschaald"
    audit(
        by,
        Action.UPDATE,
        context=context,
        casus=casus,
        object_type=ObjectType.INTENSITEIT,
        detail=f"intensiteit {step} naar {to_intensity} (was {from_intensity})",
        reason=basis or "",
    )
    return change


def intensity_title(change: IntensityChange) -> str:
    """The timeline title: "Opgeschaald naar dagelijks (was: wekelijks)"."""
    names = {"to": change.get_to_intensity_display().lower(), "from": change.get_from_intensity_display().lower()}
    if change.is_step_up:
        return _("Opgeschaald naar %(to)s (was: %(from)s)") % names
    return _("Afgeschaald naar %(to)s (was: %(from)s)") % names


# --- the stored "has a contact attempt" (the first-attempt norm at scale) ----------------


def counting_attempt_exists() -> Exists:
    """SQL: the casus at ``OuterRef("pk")`` has a counting (not voided) contact attempt."""
    return Exists(ContactAttempt.objects.counting().filter(casus_id=OuterRef("pk")))


def refresh_has_contact_attempt(casus_ids: Iterable[int] | None = None) -> int:
    """Rewrite ``Casus.has_contact_attempt`` from the attempts, for ``casus_ids`` (None:
    every casus), in one UPDATE. Every path that adds, voids or removes attempts other
    than ``log_contact_attempt`` (bulk loads, ``void_contact_attempt``) calls this. The
    casus ``version`` stays: a derived fact is no edit that should conflict with one."""
    qs = Casus.objects.all() if casus_ids is None else Casus.objects.filter(pk__in=list(casus_ids))
    return qs.update(has_contact_attempt=counting_attempt_exists())


# --- corrections (issue 12) --------------------------------------------------------


def _correction_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise _invalid(
            "reason", _("Geef een reden: een correctie staat altijd met reden op de tijdlijn."), "reason_required"
        )
    _check_text(reason, "reason", "reason_too_long")
    return reason


def _check_version(record: ContactAttempt | CaseNote, expected_version: int) -> None:
    if expected_version != record.version:
        raise ConcurrentEditError(ConcurrentEditError.message)


def _not_voided(record: ContactAttempt | CaseNote, message: str) -> None:
    if record.voided_at is not None:
        raise _invalid("__all__", message, "voided")


def _audit_entry(
    by: User, context: AuditContext | None, casus: Casus, object_type: str, detail: str, basis: str | None
) -> None:
    audit(by, Action.UPDATE, context=context, casus=casus, object_type=object_type, detail=detail, reason=basis or "")


def _attempt_revision(
    attempt: ContactAttempt, action: str, *, reason: str, by: User, now: datetime
) -> ContactAttemptRevision:
    """The revision row with the values the attempt has now (before the change)."""
    revision = ContactAttemptRevision.objects.create(
        attempt=attempt,
        action=action,
        reason=reason,
        by=by,
        at=now,
        was_at=attempt.at,
        was_type=attempt.type,
        was_result=attempt.result,
        was_with_police=attempt.with_police,
        was_note=attempt.note,
    )
    revision.was_workers.set(list(attempt.workers.all()))
    return revision


@transaction.atomic
def correct_contact_attempt(
    attempt: ContactAttempt,
    *,
    at: datetime,
    type: str,
    result: str,
    workers: Iterable[User],
    with_police: bool,
    note: str,
    reason: str,
    by: User,
    expected_version: int,
    context: AuditContext | None = None,
) -> ContactAttemptRevision:
    """Correct a contact attempt: the attempt gets the new values, a revision row
    keeps the earlier ones with ``by``, now and ``reason`` (required). The same
    rules as logging one (a plausible moment, known type and result). Refused for
    a voided attempt and when nothing changed; ``expected_version`` is the
    version the user saw (someone else corrected it since: ConcurrentEditError,
    nothing written). Writes one access-log row in the same transaction."""
    casus = attempt.casus
    if not case_policies.can_correct_attempt(by, attempt):
        raise PermissionDenied
    _check_version(attempt, expected_version)
    _not_voided(attempt, _("Deze contactpoging is vervallen verklaard en kan niet meer worden gecorrigeerd."))
    check_attempt_moment(casus, at)
    if type not in AttemptType.values:
        raise _invalid("type", _("Onbekende soort contactpoging."), "unknown_type")
    if result not in AttemptResult.values:
        raise _invalid("result", _("Onbekend resultaat."), "unknown_result")
    note = (note or "").strip()
    _check_text(note, "note", "note_too_long")
    new_workers = list(workers) or [by]
    reason = _correction_reason(reason)
    before = (attempt.at, attempt.type, attempt.result, attempt.with_police, attempt.note)
    before_workers = set(attempt.workers.values_list("pk", flat=True))
    if before == (at, type, result, bool(with_police), note) and before_workers == {u.pk for u in new_workers}:
        raise _invalid("__all__", _("U heeft niets gewijzigd. Pas eerst aan wat er niet klopt."), "unchanged")
    basis = policies.casus_access_basis(by, casus)
    revision = _attempt_revision(attempt, RevisionAction.CORRECTED, reason=reason, by=by, now=timezone.now())
    attempt.at, attempt.type, attempt.result, attempt.with_police, attempt.note = (
        at,
        type,
        result,
        bool(with_police),
        note,
    )
    attempt.save_versioned(expected_version, ["at", "type", "result", "with_police", "note"])
    attempt.workers.set(new_workers)
    _audit_entry(by, context, casus, ObjectType.CONTACTPOGING, f"contactpoging {attempt.pk} gecorrigeerd", basis)
    return revision


@transaction.atomic
def void_contact_attempt(
    attempt: ContactAttempt,
    *,
    reason: str,
    by: User,
    expected_version: int,
    context: AuditContext | None = None,
) -> ContactAttemptRevision:
    """Declare an attempt void ("vervallen verklaren", e.g. logged on the wrong
    casus): it stays on the timeline, marked, but no longer counts in figures and
    norms. Never deleted. Writes one access-log row in the same transaction."""
    casus = attempt.casus
    if not case_policies.can_correct_attempt(by, attempt):
        raise PermissionDenied
    _check_version(attempt, expected_version)
    _not_voided(attempt, _("Deze contactpoging is al vervallen verklaard."))
    reason = _correction_reason(reason)
    basis = policies.casus_access_basis(by, casus)
    # Two voids on one casus at once must not each still see the other's attempt counting.
    Casus.objects.select_for_update().filter(pk=casus.pk).values_list("pk").first()
    now = timezone.now()
    revision = _attempt_revision(attempt, RevisionAction.VOIDED, reason=reason, by=by, now=now)
    attempt.voided_at = now
    attempt.save_versioned(expected_version, ["voided_at"])
    refresh_has_contact_attempt([casus.pk])
    _audit_entry(by, context, casus, ObjectType.CONTACTPOGING, f"contactpoging {attempt.pk} vervallen verklaard", basis)
    return revision


@transaction.atomic
def correct_note(
    note: CaseNote,
    *,
    text: str,
    reason: str,
    by: User,
    expected_version: int,
    context: AuditContext | None = None,
) -> CaseNoteRevision:
    """Correct a note's text; the earlier text stays on its revision row."""
    casus = note.casus
    if not case_policies.can_correct_note(by, note):
        raise PermissionDenied
    _check_version(note, expected_version)
    _not_voided(note, _("Deze notitie is vervallen verklaard en kan niet meer worden gecorrigeerd."))
    text = (text or "").strip()
    if not text:
        raise _invalid("text", _("Schrijf eerst een notitie."), "empty")
    _check_text(text, "text", "note_too_long")
    reason = _correction_reason(reason)
    if text == note.text:
        raise _invalid("__all__", _("U heeft niets gewijzigd. Pas eerst aan wat er niet klopt."), "unchanged")
    basis = policies.casus_access_basis(by, casus)
    revision = CaseNoteRevision.objects.create(
        note=note, action=RevisionAction.CORRECTED, reason=reason, by=by, at=timezone.now(), was_text=note.text
    )
    note.text = text
    note.save_versioned(expected_version, ["text"])
    _audit_entry(by, context, casus, ObjectType.NOTITIE, f"notitie {note.pk} gecorrigeerd", basis)
    return revision


@transaction.atomic
def void_note(
    note: CaseNote,
    *,
    reason: str,
    by: User,
    expected_version: int,
    context: AuditContext | None = None,
) -> CaseNoteRevision:
    """Declare a note void: it stays on the timeline, marked as such."""
    casus = note.casus
    if not case_policies.can_correct_note(by, note):
        raise PermissionDenied
    _check_version(note, expected_version)
    _not_voided(note, _("Deze notitie is al vervallen verklaard."))
    reason = _correction_reason(reason)
    basis = policies.casus_access_basis(by, casus)
    now = timezone.now()
    revision = CaseNoteRevision.objects.create(
        note=note, action=RevisionAction.VOIDED, reason=reason, by=by, at=now, was_text=note.text
    )
    note.voided_at = now
    note.save_versioned(expected_version, ["voided_at"])
    _audit_entry(by, context, casus, ObjectType.NOTITIE, f"notitie {note.pk} vervallen verklaard", basis)
    return revision


# --- derived facts ---------------------------------------------------------------


@dataclass(frozen=True)
class Engagement:
    first_contact_at: datetime | None
    attempts_before_contact: int
    total_attempts: int

    @property
    def has_contact(self) -> bool:
        return self.first_contact_at is not None


def engagement(casus: Casus) -> Engagement:
    """First real contact (kort contact or gesprek) and the attempts it took,
    by the time of the attempts (not the order in which they were typed in).

    If there is no contact yet, attempts_before_contact counts all attempts so far.
    Voided attempts do not count; corrected ones count with their current values."""
    attempts = list(casus.attempts.counting().order_by("at", "id").values_list("at", "result"))
    for index, (at, result) in enumerate(attempts):
        if result in CONTACT_RESULTS:
            return Engagement(first_contact_at=at, attempts_before_contact=index, total_attempts=len(attempts))
    return Engagement(first_contact_at=None, attempts_before_contact=len(attempts), total_attempts=len(attempts))


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    title: str
    text: str
    by: str
    # The attempt or note itself (its correction marks); None for the other kinds.
    record: Any = None

    @property
    def kind_label(self) -> str:
        return {
            "melding": _("Melding"),
            "fase": _("Fasewijziging"),
            "poging": _("Contactpoging"),
            "notitie": _("Notitie"),
            "intensiteit": _("Intensiteit"),
        }.get(self.kind, self.kind)


# On equal times: the melding came first, then the phase it caused, then the work.
_KIND_ORDER = {"melding": 0, "fase": 1, "poging": 2, "notitie": 3, "intensiteit": 4}


def timeline(casus: Casus) -> list[TimelineEntry]:
    """Everything that happened in the casus, newest first, assembled from the
    records themselves (no separate event table that could drift)."""
    entries: list[tuple] = []
    seq = itertools.count()

    def add(entry: TimelineEntry, tiebreak: int) -> None:
        entries.append((entry.at, _KIND_ORDER[entry.kind], tiebreak, next(seq), entry))

    for m in casus.meldingen.all():
        add(
            TimelineEntry(
                m.received_at,
                "melding",
                _("Melding %(ref)s") % {"ref": m.reference},
                m.description[:300],
                m.get_melder_type_display(),
            ),
            m.pk,
        )
    for pc in casus.phase_changes.select_related("changed_by"):
        if pc.from_phase:
            title = _("Fase: %(to)s (was: %(from)s)") % {
                "to": pc.get_to_phase_display(),
                "from": pc.get_from_phase_display(),
            }
        else:
            title = _("Fase: %(to)s") % {"to": pc.get_to_phase_display()}
        add(TimelineEntry(pc.changed_at, "fase", title, pc.reason, str(pc.changed_by)), pc.pk)
    for a in casus.attempts.prefetch_related("workers"):
        title = f"{a.get_type_display()}: {a.get_result_display()}"
        if a.with_police:
            title += " " + _("(met politie)")
        add(TimelineEntry(a.at, "poging", title, a.note, ", ".join(str(w) for w in a.workers.all()), a), a.pk)
    for n in casus.notes.select_related("author"):
        add(TimelineEntry(n.created_at, "notitie", _("Notitie"), n.text, str(n.author), n), n.pk)
    for ic in casus.intensity_changes.select_related("changed_by"):
        add(TimelineEntry(ic.changed_at, "intensiteit", intensity_title(ic), ic.reason, str(ic.changed_by)), ic.pk)
    for _kind, rows, entry in _TIMELINE_SOURCES:
        for record in rows(casus):
            made = entry(record)
            add(made, made.pk)
    entries.sort(key=lambda e: e[:4], reverse=True)
    return [e[-1] for e in entries]


# Entries of other apps (cases.timeline.register_source): (kind, rows(casus), entry(record)).
_TIMELINE_SOURCES: list[tuple[str, Callable, Callable]] = []


def register_timeline_source(kind: str, rows: Callable, entry: Callable) -> None:
    _TIMELINE_SOURCES.append((kind, rows, entry))


# --- the casus page's sections in one query (issue 17) ---------------------------------


def page_summary(casus: Casus, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the casus page's sections of other apps would each ask (a count, or whether
    there is anything at all), in one query; a section with nothing skips its own query.
    ``extra``: more annotations of the caller (the timeline's sources). The casus' stored
    task and ground comes along as ``grondslag`` (None: the default applies)."""
    from django.db.models import Q

    from vangnet.core.subqueries import count_of
    from vangnet.crisis.models import CrisisCard
    from vangnet.grondslagen.models import GrondslagWijziging, Toestemming
    from vangnet.inbeeld.models import InBeeldQuestion
    from vangnet.leefgebieden.models import Assessment
    from vangnet.middelen.models import Inzet, Wachtlijst
    from vangnet.naasten.models import Naaste
    from vangnet.network.models import Referral
    from vangnet.plannen.models import Action as PlanAction
    from vangnet.plannen.models import Goal
    from vangnet.procesregie.models import Escalation
    from vangnet.verzoeken.models import Soort, Status, Verzoek
    from vangnet.wvggz.models import Onderzoek

    today = timezone.localdate()
    open_actions = PlanAction.objects.filter(goal__casus=casus, status=PlanAction.Status.OPEN)
    restriction = Verzoek.objects.filter(
        person_id=casus.person_id, kind=Soort.BEPERKING, status=Status.TOEGEWEZEN, restriction_lifted_on=None
    )
    annotations: dict[str, Any] = {
        "has_crisis_card": Exists(CrisisCard.objects.filter(person_id=casus.person_id)),
        "has_restriction": Exists(restriction),
        "leefgebieden_count": count_of(Assessment.objects.filter(casus=casus)),
        "has_onderzoek": Exists(Onderzoek.objects.filter(casus=casus)),
        "has_any_onderzoek": Exists(Onderzoek.objects.filter(Q(casus=casus) | Q(melding__casus=casus))),
        "has_grondslag_history": Exists(GrondslagWijziging.objects.filter(casus=casus)),
        "has_consents": Exists(Toestemming.objects.filter(person_id=casus.person_id)),
        "goal_count": count_of(Goal.objects.filter(casus=casus)),
        "open_count": count_of(open_actions),
        "overdue_count": count_of(open_actions.filter(due_date__lt=today)),
        "inzet_count": count_of(Inzet.objects.filter(casus=casus)),
        "waiting_count": count_of(Wachtlijst.objects.filter(casus=casus, status="wachtend")),
        "naasten_count": count_of(Naaste.objects.filter(person_id=casus.person_id)),
        "has_escalation": Exists(Escalation.objects.filter(casus=casus)),
        "has_inbeeld": Exists(InBeeldQuestion.objects.filter(casus=casus)),
        "has_referrals": Exists(Referral.objects.filter(casus=casus)),
        **(extra or {}),
    }
    found = Casus.objects.filter(pk=casus.pk).select_related("grondslag").annotate(**annotations).first()
    if found is None:  # deleted meanwhile: the sections ask for themselves
        return {}
    summary = {name: getattr(found, name) for name in annotations}
    summary["grondslag"] = getattr(found, "grondslag", None)
    return summary


def prefetch_referrals(casus: Casus, *, any_referrals: bool = True) -> None:
    """The network section's referrals with their service, organisation and follow-ups in
    two queries instead of four; ``any_referrals`` False (the page summary knows): none."""
    from django.db.models import Prefetch, prefetch_related_objects

    from vangnet.network.models import Referral

    rows = Referral.objects.select_related("service__organisation").prefetch_related("follow_ups")
    prefetch_related_objects([casus], Prefetch("referrals", queryset=rows if any_referrals else rows.none()))
