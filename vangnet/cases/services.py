"""Business rules of the bemoeizorgtraject."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.core.references import assign_reference

from .models import CONTACT_RESULTS, CaseMember, Casus, ContactAttempt, Phase, PhaseChange

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


def is_move_back(from_phase: str, to_phase: str) -> bool:
    if from_phase in SIDE_PHASES or to_phase in SIDE_PHASES:
        return False
    return PHASE_ORDER.index(to_phase) < PHASE_ORDER.index(from_phase)


def reason_required(from_phase: str, to_phase: str) -> bool:
    """Moving back, closing and reopening always need a written reason."""
    return is_move_back(from_phase, to_phase) or to_phase == Phase.AFGESLOTEN or from_phase == Phase.AFGESLOTEN


@transaction.atomic
def change_phase(casus: Casus, to_phase: str, *, by, reason: str = "", expected_version: int | None = None) -> PhaseChange:
    if to_phase not in Phase.values:
        raise ValidationError(_("Onbekende fase."), code="unknown_phase")
    if to_phase == casus.phase:
        raise ValidationError(_("De casus staat al in deze fase."), code="same_phase")
    reason = (reason or "").strip()
    if reason_required(casus.phase, to_phase) and not reason:
        raise ValidationError(_("Geef een reden: terug naar een eerdere fase, afsluiten en heropenen vragen om een toelichting."), code="reason_required")
    now = timezone.now()
    from_phase = casus.phase
    casus.phase = to_phase
    casus.closed_at = now if to_phase == Phase.AFGESLOTEN else None
    casus.save_versioned(casus.version if expected_version is None else expected_version, ["phase", "closed_at"])
    return PhaseChange.objects.create(
        casus=casus, from_phase=from_phase, to_phase=to_phase, reason=reason, changed_by=by, changed_at=now
    )


@transaction.atomic
def start_or_reopen_casus(*, person, organisation, team, casusregisseur, duo, by, melding=None, now: datetime | None = None) -> tuple[Casus, bool]:
    """Start bemoeizorg for a person: reuse the open casus of this organisation,
    reopen a closed one (a new melding re-opens the person's story), or create one.

    Returns (casus, created)."""
    now = now or timezone.now()
    existing = (
        Casus.objects.select_for_update().filter(person=person, organisation=organisation).order_by("-opened_at").first()
    )
    created = False
    if existing is None:
        casus = Casus.objects.create(
            person=person, organisation=organisation, team=team, casusregisseur=casusregisseur, opened_at=now
        )
        assign_reference(casus, "C")
        PhaseChange.objects.create(casus=casus, from_phase="", to_phase=Phase.CONTACT_LEGGEN, changed_by=by, changed_at=now, reason=_("Bemoeizorg gestart na triage."))
        created = True
    else:
        casus = existing
        if casus.phase == Phase.AFGESLOTEN:
            ref = melding.reference if melding else ""
            change_phase(casus, Phase.CONTACT_LEGGEN, by=by, reason=_("Heropend na nieuwe melding %(ref)s.") % {"ref": ref})
        if casus.casusregisseur_id != casusregisseur.pk:
            casus.casusregisseur = casusregisseur
            casus.save_versioned(casus.version, ["casusregisseur"])
    set_members(casus, casusregisseur=casusregisseur, duo=duo)
    if melding is not None:
        melding.casus = casus
        melding.save(update_fields=["casus"])
    return casus, created


def set_members(casus: Casus, *, casusregisseur, duo) -> None:
    CaseMember.objects.update_or_create(casus=casus, user=casusregisseur, defaults={"role": CaseMember.Role.REGISSEUR})
    for user in duo:
        if user.pk != casusregisseur.pk:
            CaseMember.objects.update_or_create(casus=casus, user=user, defaults={"role": CaseMember.Role.DUO})


def log_contact_attempt(casus: Casus, *, at, type: str, result: str, workers, with_police: bool, note: str, by) -> ContactAttempt:
    if at > timezone.now() + timedelta(minutes=5):
        raise ValidationError(_("Een contactpoging kan niet in de toekomst liggen."), code="future")
    attempt = ContactAttempt.objects.create(
        casus=casus, at=at, type=type, result=result, with_police=with_police, note=note, created_by=by
    )
    attempt.workers.set(list(workers) or [by])
    return attempt


@dataclass(frozen=True)
class Engagement:
    first_contact_at: datetime | None
    attempts_before_contact: int
    total_attempts: int


def engagement(casus: Casus) -> Engagement:
    """First real contact (kort contact or gesprek) and the attempts it took.

    If there is no contact yet, attempts_before_contact counts all attempts so far."""
    attempts = list(casus.attempts.order_by("at", "id").values_list("at", "result"))
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


def timeline(casus: Casus) -> list[TimelineEntry]:
    """Everything that happened in the casus, newest first, assembled from the
    records themselves (no separate event table that could drift)."""
    entries: list[TimelineEntry] = []
    for m in casus.meldingen.all():
        entries.append(TimelineEntry(m.received_at, "melding", _("Melding %(ref)s") % {"ref": m.reference}, m.description[:300], m.get_melder_type_display()))
    for pc in casus.phase_changes.select_related("changed_by"):
        title = _("Fase: %(to)s") % {"to": pc.get_to_phase_display()}
        entries.append(TimelineEntry(pc.changed_at, "fase", title, pc.reason, str(pc.changed_by)))
    for a in casus.attempts.prefetch_related("workers"):
        title = f"{a.get_type_display()}: {a.get_result_display()}"
        if a.with_police:
            title += " " + _("(met politie)")
        entries.append(TimelineEntry(a.at, "poging", title, a.note, ", ".join(str(w) for w in a.workers.all())))
    for n in casus.notes.select_related("author"):
        entries.append(TimelineEntry(n.created_at, "notitie", _("Notitie"), n.text, str(n.author)))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
