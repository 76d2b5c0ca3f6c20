"""Business rules of the network: sociale kaart, referrals (warm handover),
vinger aan de pols and status messages to melders.

Referral states move only through these functions; each checks the current
state first, so an illegal step (accepting a refused referral, recording an
intake before acceptance, ...) is refused with a clear Dutch message whatever
screen or script calls it."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.access.policies import BASIS_BREAK_GLASS, casus_access_basis
from vangnet.accounts.models import Role, User
from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.cases.models import Casus, Phase, Uitkomst
from vangnet.cases.services import change_phase
from vangnet.core import plausible
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.months import add_months
from vangnet.grondslagen import services as grondslagen
from vangnet.intake.models import Melding
from vangnet.monitor.medians import median_of_counts
from vangnet.notifications.mail import Kind as MailKind
from vangnet.notifications.mail import queue_mail
from vangnet.notifications.models import Channel, EventKind, Notification
from vangnet.notifications.services import channel_for, notify_event

from . import policies
from .models import MAX_TEXT, FollowUp, LegalGround, Referral, RefusalReason, Service, SharedPart, StatusMessage

Status = Referral.Status

SIX_MONTHS_KEY = "6m"

# Where a casus may go back to when a follow-up finds the person out of care.
REOPEN_PHASES = (Phase.CONTACT_LEGGEN, Phase.TOELEIDING)

# Statuses in which a referral is still running (one per voorziening per casus).
OPEN_STATUSES = (Status.PROPOSED, Status.ACCEPTED, Status.INTAKE_DONE)


def _illegal(referral: Referral, action: str) -> ValidationError:
    return ValidationError(
        _("%(action)s kan niet: de verwijzing heeft nu de status '%(status)s'.")
        % {"status": referral.get_status_display(), "action": action},
        code="illegal_transition",
    )


def _require(referral: Referral, allowed: tuple, action: str) -> None:
    if referral.status not in allowed:
        raise _illegal(referral, action)


def _check_length(text: str, field: str) -> None:
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {field: _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_TEXT}}, code="too_long"
        )


def _audit(
    by: User,
    context: AuditContext | None,
    action: str,
    object_type: str,
    detail: str,
    basis: str | None,
    *,
    casus: Casus | None = None,
    melding: Melding | None = None,
) -> None:
    audit(
        by,
        action,
        context=context,
        casus=casus,
        melding=melding,
        object_type=object_type,
        detail=detail,
        reason=basis or "",
        break_glass=basis == BASIS_BREAK_GLASS,
    )


def _audit_referral(by: User, context: AuditContext | None, referral: Referral, detail: str, basis: str | None) -> None:
    _audit(by, context, Action.UPDATE, ObjectType.VERWIJZING, detail, basis, casus=referral.casus)


def _follow_up_basis(by: User, follow_up: FollowUp) -> str | None:
    # As the guard of the follow-up pages: casus members, not break-the-glass.
    return casus_access_basis(by, follow_up.referral.casus, include_break_glass=False)


def _save(referral: Referral, expected_version: int | None, fields: list[str]) -> None:
    if expected_version is not None and expected_version != referral.version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    referral.save_versioned(referral.version if expected_version is None else expected_version, ["status", *fields])


# --- notifications (issue 11) ------------------------------------------------
# The link is the referral page the recipient may open: the partner page for
# the receiving organisation (the reference is the voorziening's name), the
# worker page for the sending casus (the reference is the casus number).


def _partner_users(organisation_id: int) -> QuerySet[User]:
    """Who may answer referrals for the organisation: its active partner users."""
    return User.objects.filter(organisation_id=organisation_id, role=Role.PARTNER, is_active=True)


def _notify_partner(referral: Referral, kind: EventKind, *, by: User) -> None:
    # The partner pages never show the casus number: the voorziening is her reference.
    notify_event(
        _partner_users(referral.service.organisation_id),
        kind,
        reference=referral.service.name,
        url=reverse("network:partner_referral", args=[referral.pk]),
        actor=by,
    )


def _notify_referrer(referral: Referral, kind: EventKind, *, by: User) -> None:
    """Back to the worker who proposed it and the casusregisseur, if they may still open it."""
    casus = referral.casus
    candidates = [referral.proposed_by, casus.casusregisseur]
    recipients = [u for u in candidates if u is not None and policies.referral_access_basis(u, referral)]
    notify_event(
        recipients,
        kind,
        reference=casus.reference,
        url=reverse("network:referral_detail", args=[referral.pk]),
        actor=by,
    )


# --- sociale kaart -----------------------------------------------------------


def search_services(*, type: str = "", q: str = "", include_inactive: bool = False):
    qs = Service.objects.select_related("organisation").prefetch_related("contacts")
    if not include_inactive:
        qs = qs.filter(active=True)
    if type:
        qs = qs.filter(type=type)
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(description__icontains=q)
            | Q(intake_criteria__icontains=q)
        )
    return qs


def touch_service(service: Service, *, by) -> None:
    """Stamp who last brought the voorziening (and its waiting time) up to date."""
    service.updated_at = timezone.now()
    service.updated_by = by


# --- referrals ---------------------------------------------------------------


@transaction.atomic
def propose_referral(
    casus,
    service: Service,
    *,
    by,
    shared_parts,
    legal_ground: str,
    legal_ground_text: str,
    situation: str = "",
    help_question: str = "",
    risks: str = "",
    override: bool = False,
    override_reason: str = "",
    context: AuditContext | None = None,
) -> Referral:
    """The worker proposes a referral and chooses what is shared, on which ground
    (the access-log row carries the parts shared and the legal ground). The ground must
    fit the casus' task; an objection of the person against the partner, or "toestemming"
    without recorded consent, is refused unless ``override`` with a reason (issue 16:
    then the row carries the reason and the teamleider reviews it)."""
    errors = {}
    parts = [p for p in SharedPart.values if p in set(shared_parts or [])]
    if not parts:
        errors["shared_parts"] = _("Kies wat u deelt met de partner (minstens één onderdeel).")
    if legal_ground not in LegalGround.values:
        errors["legal_ground"] = _("Kies de grondslag voor het delen.")
    legal_ground_text = (legal_ground_text or "").strip()
    if not legal_ground_text:
        errors["legal_ground_text"] = _(
            "Licht de grondslag toe (bijvoorbeeld: toestemming gegeven op 3 maart, of het wetsartikel)."
        )
    texts = {"situation": situation, "help_question": help_question, "risks": risks}
    texts = {k: (v or "").strip() for k, v in texts.items()}
    needs = {SharedPart.SITUATIE: "situation", SharedPart.HULPVRAAG: "help_question", SharedPart.RISICO: "risks"}
    for part, field in needs.items():
        if part in parts and not texts[field]:
            errors[field] = _("U deelt dit onderdeel: schrijf de tekst die de partner te zien krijgt.")
        if part not in parts:
            texts[field] = ""  # never store text that is not shared
    if not service.active:
        errors["service"] = _("Deze voorziening staat niet (meer) op de sociale kaart.")
    if not casus.is_open:
        errors["__all__"] = _("De casus is afgesloten; heropen hem eerst.")
    elif Referral.objects.filter(casus=casus, service=service, status__in=OPEN_STATUSES).exists():
        errors["service"] = _("Er loopt al een verwijzing van deze casus naar deze voorziening.")
    if errors:
        raise ValidationError(errors)
    for field, text in texts.items():
        _check_length(text, field)
    check = grondslagen.check_sharing(
        casus.person,
        service.organisation,
        task=grondslagen.casus_task(casus),
        ground=legal_ground,
        override=override,
        override_reason=override_reason,
        organisation_field="service",
        ground_field="legal_ground",
    )
    referral = Referral.objects.create(
        casus=casus,
        service=service,
        status=Status.PROPOSED,
        shared_parts=parts,
        legal_ground=legal_ground,
        legal_ground_text=legal_ground_text[:500],
        proposed_by=by,
        proposed_at=timezone.now(),
        **texts,
    )
    audit(
        by,
        Action.CREATE,
        context=context,
        casus=casus,
        object_type=ObjectType.VERWIJZING,
        detail=sharing_log_detail(referral),
        reason=" | ".join(r for r in (check.log_reason(), sharing_log_reason(referral)) if r),
    )
    grondslagen.record_override(
        check,
        person=casus.person,
        casus=casus,
        organisation=service.organisation,
        via="verwijzing",
        reference=f"verwijzing {referral.pk}",
        ground=legal_ground,
        by=by,
    )
    _notify_partner(referral, EventKind.REFERRAL_RECEIVED, by=by)
    return referral


def sharing_log_detail(referral: Referral) -> str:
    """The access-log line for the sharing choice: which parts, with whom."""
    return f"verwijzing naar {referral.service.organisation}: gedeeld {', '.join(referral.shared_parts)}"[:300]


def sharing_log_reason(referral: Referral) -> str:
    return f"{referral.get_legal_ground_display()}: {referral.legal_ground_text}"[:500]


@transaction.atomic
def accept_referral(
    referral: Referral,
    *,
    by,
    intake_date: date,
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> Referral:
    _require(referral, (Status.PROPOSED,), _("Accepteren"))
    if intake_date is None:
        raise ValidationError({"intake_date": _("Vul de intakedatum in.")})
    plausible.check_planned_day(
        intake_date,
        field="intake_date",
        not_before=referral.proposed_at,
        not_before_label=_("het voorstel van de verwijzing"),
    )
    referral.status = Status.ACCEPTED
    referral.accepted_at = timezone.now()
    referral.intake_date = intake_date
    referral.answered_by = by
    _save(referral, expected_version, ["accepted_at", "intake_date", "answered_by"])
    _audit_referral(by, context, referral, "verwijzing geaccepteerd", policies.referral_access_basis(by, referral))
    _notify_referrer(referral, EventKind.REFERRAL_ANSWERED, by=by)
    return referral


@transaction.atomic
def refuse_referral(
    referral: Referral,
    *,
    by,
    reason: str,
    text: str = "",
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> Referral:
    _require(referral, (Status.PROPOSED,), _("Weigeren"))
    text = (text or "").strip()
    if reason not in RefusalReason.values:
        raise ValidationError({"refusal_reason": _("Kies de reden van de weigering.")})
    if reason == RefusalReason.OTHER and not text:
        raise ValidationError({"refusal_text": _("Bij 'anders': licht de reden toe.")})
    _check_length(text, "refusal_text")
    referral.status = Status.REFUSED
    referral.refused_at = timezone.now()
    referral.refusal_reason = reason
    referral.refusal_text = text
    referral.answered_by = by
    _save(referral, expected_version, ["refused_at", "refusal_reason", "refusal_text", "answered_by"])
    _audit_referral(
        by, context, referral, f"verwijzing geweigerd: {reason}", policies.referral_access_basis(by, referral)
    )
    _notify_referrer(referral, EventKind.REFERRAL_ANSWERED, by=by)
    return referral


@transaction.atomic
def record_intake(
    referral: Referral,
    *,
    by,
    on: date,
    warm: bool,
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> Referral:
    """The intake took place; ``warm``: the bemoeizorger went along."""
    _require(referral, (Status.ACCEPTED,), _("De intake vastleggen"))
    if on is None:
        raise ValidationError({"intake_on": _("Vul de datum van de intake in.")})
    plausible.check_past_day(
        on, field="intake_on", not_before=referral.proposed_at, not_before_label=_("het voorstel van de verwijzing")
    )
    referral.status = Status.INTAKE_DONE
    referral.intake_on = on
    referral.warm = bool(warm)
    _save(referral, expected_version, ["intake_on", "warm"])
    _audit_referral(by, context, referral, "intake vastgelegd", policies.referral_access_basis(by, referral))
    _notify_referrer(referral, EventKind.REFERRAL_INTAKE, by=by)
    return referral


@transaction.atomic
def record_in_care(
    referral: Referral,
    *,
    by,
    on: date | None = None,
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> Referral:
    """The person is in care with the partner: the casus goes to nazorg (its own
    row, by change_phase) and the vinger-aan-de-pols checks are planned."""
    _require(referral, (Status.INTAKE_DONE,), _("'In zorg' vastleggen"))
    on = on or timezone.localdate()
    # In zorg follows the intake (the database checks this too), which follows the proposal.
    start, label = (
        (referral.intake_on, _("de intake")) if referral.intake_on else (referral.proposed_at, _("het voorstel"))
    )
    plausible.check_past_day(on, field="in_care_on", not_before=start, not_before_label=label)
    referral.status = Status.IN_CARE
    referral.in_care_on = on
    _save(referral, expected_version, ["in_care_on"])
    _audit_referral(by, context, referral, "in zorg vastgelegd", policies.referral_access_basis(by, referral))
    casus = referral.casus
    casus.refresh_from_db()
    if casus.phase != Phase.NAZORG:
        change_phase(
            casus,
            Phase.NAZORG,
            by=by,
            context=context,
            reason=_("Warme overdracht naar %(service)s; nu vinger aan de pols.") % {"service": referral.service},
        )
    schedule_follow_ups(referral, start=on)
    return referral


@transaction.atomic
def withdraw_referral(
    referral: Referral, *, by, reason: str, expected_version: int | None = None, context: AuditContext | None = None
) -> Referral:
    _require(referral, (Status.PROPOSED, Status.ACCEPTED), _("Intrekken"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"withdrawal_reason": _("Geef de reden van het intrekken.")})
    _check_length(reason, "withdrawal_reason")
    referral.status = Status.WITHDRAWN
    referral.withdrawn_at = timezone.now()
    referral.withdrawal_reason = reason
    _save(referral, expected_version, ["withdrawn_at", "withdrawal_reason"])
    _audit_referral(by, context, referral, "verwijzing ingetrokken", policies.referral_access_basis(by, referral))
    _notify_partner(referral, EventKind.REFERRAL_WITHDRAWN, by=by)
    return referral


# --- vinger aan de pols ----------------------------------------------------------


def follow_up_plan() -> tuple:
    """The vinger-aan-de-pols checks after "in zorg": (key, days, months) per check,
    from settings.NETWORK_FOLLOW_UPS (declared in vangnet/settings.py, the one source)."""
    return tuple(settings.NETWORK_FOLLOW_UPS)


def follow_up_label(key: str) -> str:
    return {"2w": _("na 2 weken"), "3m": _("na 3 maanden"), "6m": _("na 6 maanden")}.get(key, key)


def schedule_follow_ups(referral: Referral, *, start: date) -> list[FollowUp]:
    created = []
    for key, days, months in follow_up_plan():
        due = add_months(start, months) + timedelta(days=days)
        follow_up, new = FollowUp.objects.get_or_create(referral=referral, key=key, defaults={"due_date": due})
        if new:
            created.append(follow_up)
    return created


ANSWERS = FollowUp.Answer


@transaction.atomic
def answer_follow_up(
    follow_up: FollowUp,
    *,
    by,
    answer: str,
    note: str = "",
    checked_on: date | None = None,
    context: AuditContext | None = None,
) -> FollowUp:
    """Still in care? ``checked_on``: the day the worker checked (today when not
    given); not ahead, not before the checks started ("in zorg sinds").
    A "nee" leaves a decision open: reopen or close (see decide_after_no)."""
    follow_up = FollowUp.objects.select_for_update().select_related("referral").get(pk=follow_up.pk)
    if follow_up.is_answered:
        raise ValidationError(_("Deze vinger aan de pols is al beantwoord."), code="answered")
    if answer not in ANSWERS.values:
        raise ValidationError({"answer": _("Kies ja, nee of onbekend.")})
    checked_on = checked_on or timezone.localdate()
    plausible.check_past_day(
        checked_on,
        field="checked_on",
        not_before=follow_up.referral.in_care_on,
        not_before_label=_("de start van de zorg bij de partner"),
    )
    note = (note or "").strip()
    _check_length(note, "note")
    follow_up.answer = answer
    follow_up.note = note
    follow_up.checked_on = checked_on
    follow_up.answered_at = timezone.now()
    follow_up.answered_by = by
    follow_up.save(update_fields=["answer", "note", "checked_on", "answered_at", "answered_by"])
    _audit(
        by,
        context,
        Action.UPDATE,
        ObjectType.VINGER_AAN_DE_POLS,
        f"nog in zorg: {answer}",
        _follow_up_basis(by, follow_up),
        casus=follow_up.referral.casus,
    )
    return follow_up


@transaction.atomic
def decide_after_no(
    follow_up: FollowUp, *, by, decision: str, reason: str, to_phase: str = "", context: AuditContext | None = None
) -> FollowUp:
    """After "nee, niet meer in zorg": reopen the casus (back to contact leggen or
    toeleiding) or close it, always with a reason (the phase change writes its own row)."""
    follow_up = FollowUp.objects.select_for_update().select_related("referral__casus").get(pk=follow_up.pk)
    if not follow_up.needs_decision:
        raise ValidationError(_("Hier is geen besluit (meer) nodig."), code="no_decision_needed")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor het besluit.")})
    casus = follow_up.referral.casus
    if decision == FollowUp.Decision.REOPEN:
        if to_phase not in REOPEN_PHASES:
            raise ValidationError({"to_phase": _("Kies de fase waarin de casus weer opengaat.")})
        target = to_phase
    elif decision == FollowUp.Decision.CLOSE:
        target = Phase.AFGESLOTEN
    else:
        raise ValidationError({"decision": _("Kies: casus heropenen of afsluiten.")})
    basis = _follow_up_basis(by, follow_up)
    if casus.phase != target:
        # Closing after nazorg: the traject ended in a warm handover to this partner,
        # even though the person later left its care (the follow-ups record that).
        closing = target == Phase.AFGESLOTEN
        change_phase(
            casus,
            target,
            by=by,
            reason=reason,
            context=context,
            outcome=Uitkomst.WARME_OVERDRACHT if closing else "",
            outcome_partner=follow_up.referral.service.organisation if closing else None,
        )
    follow_up.decision = decision
    follow_up.decided_at = timezone.now()
    follow_up.save(update_fields=["decision", "decided_at"])
    _audit(
        by, context, Action.UPDATE, ObjectType.CASUS, f"besluit na vinger aan de pols: {decision}", basis, casus=casus
    )
    return follow_up


def due_follow_ups(user, today: date | None = None):
    """Checks waiting for this worker: due and unanswered, or a "nee" without a
    decision, in casussen where the user is a member."""
    today = today or timezone.localdate()
    if not policies.can_view_due_follow_ups(user):
        return FollowUp.objects.none()
    return (
        FollowUp.objects.filter(referral__casus__members__user=user)
        .filter(Q(answer="", due_date__lte=today) | Q(answer=ANSWERS.NEE, decision=""))
        .select_related("referral__casus__person", "referral__service__organisation")
        .distinct()
        .order_by("due_date", "id")
    )


def remind_due_follow_ups(today: date | None = None) -> int:
    """E-mail each casusregisseur once about newly due checks. The mail holds a
    count and a pointer to the worklist, never a name: e-mail is not a safe
    place for personal data. Returns the number of e-mails queued (the task
    sends them, with retries; see vangnet.notifications.mail)."""

    today = today or timezone.localdate()
    due = FollowUp.objects.filter(answer="", due_date__lte=today, reminded_at=None).select_related(
        "referral__casus__casusregisseur"
    )
    per_worker: dict = {}
    for follow_up in due:
        per_worker.setdefault(follow_up.referral.casus.casusregisseur, []).append(follow_up)
    sent = 0
    for worker, follow_ups in per_worker.items():
        ids = [f.pk for f in follow_ups]
        with transaction.atomic():
            # One mail with the count for who hears about this by e-mail (the
            # default); the notifications then send none of their own.
            wants_mail = channel_for(worker, EventKind.FOLLOW_UP_DUE) == Channel.EMAIL
            if worker.email and worker.is_active and wants_mail:
                _queue_follow_up_reminder(worker, ids)
                sent += 1
            _notify_follow_ups_due(worker, follow_ups, today)
            FollowUp.objects.filter(pk__in=ids).update(reminded_at=timezone.now())
    return sent


def _notify_follow_ups_due(worker: User, follow_ups: list[FollowUp], today: date) -> None:
    """One in-app notification per casus with a newly due check, and not a second
    one the same day for the same casus (two checks due at once, a rerun)."""
    already = set(
        Notification.objects.filter(user=worker, kind=EventKind.FOLLOW_UP_DUE, created_at__date=today).values_list(
            "reference", flat=True
        )
    )
    for follow_up in follow_ups:
        casus = follow_up.referral.casus
        if casus.reference in already or not casus_access_basis(worker, casus, include_break_glass=False):
            continue
        already.add(casus.reference)
        notify_event(
            worker,
            EventKind.FOLLOW_UP_DUE,
            reference=casus.reference,
            url=reverse("network:follow_up_answer", args=[follow_up.pk]),
            mail=False,
        )


def _queue_follow_up_reminder(worker, ids) -> None:
    queue_mail(
        kind=MailKind.VINGER_AAN_DE_POLS,
        to=worker.email,
        subject=_("Vangnet: vinger aan de pols"),
        body=ngettext(
            "Er staat %(n)d controle ‘vinger aan de pols’ (nog in zorg?) voor u klaar. "
            "U vindt hem in Vangnet in uw werkvoorraad: %(path)s",
            "Er staan %(n)d controles ‘vinger aan de pols’ (nog in zorg?) voor u klaar. "
            "U vindt ze in Vangnet in uw werkvoorraad: %(path)s",
            len(ids),
        )
        % {"n": len(ids), "path": reverse("worklists:home")},
        follow_ups=ids,
    )


# --- status messages to melders -------------------------------------------------


# Fixed, minimal texts: never casus content. %(ref)s is the melding's reference,
# %(meldpunt)s the receiving organisation.
def _template_texts() -> dict:
    T = StatusMessage.Template
    return {
        T.RECEIVED: _(
            "Uw melding met kenmerk %(ref)s is ontvangen door het meldpunt. Wij beoordelen deze zo snel mogelijk."
        ),
        T.IN_BEHANDELING: _(
            "Uw melding met kenmerk %(ref)s is in behandeling. Om privacyredenen kunnen wij geen inhoudelijke details delen."
        ),
        T.CONTACT_GELEGD: _(
            "Naar aanleiding van uw melding met kenmerk %(ref)s is contact gelegd en is hulp ingezet. "
            "Om privacyredenen kunnen wij geen inhoudelijke details delen."
        ),
        T.AFGEROND: _(
            "De zorg naar aanleiding van uw melding met kenmerk %(ref)s is afgerond. Dank u wel voor uw melding."
        ),
    }


@dataclass(frozen=True)
class FeedbackRoute:
    channel: str | None  # None: no status message possible
    recipient: str
    explanation: str


def meldingen_for_status_message() -> QuerySet[Melding]:
    """The meldingen a status message page reads, with what the feedback route needs."""
    return Melding.objects.select_related("meldpunt", "casus", "created_by", "person")


def feedback_route(melding) -> FeedbackRoute:
    """Whether and how the melder can get a status message, and why not."""
    creator = melding.created_by
    if getattr(creator, "role", None) == Role.PARTNER:
        return FeedbackRoute(
            StatusMessage.Channel.PORTAL, str(creator), _("De melder ziet het bericht in het partnerportaal.")
        )
    if melding.melder_anonymous:
        return FeedbackRoute(None, "", _("De melder wil anoniem blijven; daarom sturen wij geen statusbericht."))
    if not melding.melder_wants_feedback:
        return FeedbackRoute(None, "", _("De melder heeft niet om terugkoppeling gevraagd."))
    if not melding.melder_email:
        return FeedbackRoute(None, "", _("Er is geen e-mailadres van de melder bekend."))
    return FeedbackRoute(
        StatusMessage.Channel.EMAIL, melding.melder_email, _("Het bericht gaat per e-mail naar de melder.")
    )


def compose_status_message(melding, template: str, *, greeting: bool = False) -> str:
    texts = _template_texts()
    if template not in texts:
        raise ValidationError({"template": _("Kies een van de vaste berichten.")})
    body = texts[template] % {"ref": melding.reference}
    lines = []
    if greeting:
        name = "" if melding.melder_anonymous else melding.melder_name.strip()
        lines.append(_("Beste %(name)s,") % {"name": name} if name else _("Beste melder,"))
        lines.append("")
    lines.append(body)
    lines += ["", _("Met vriendelijke groet,"), str(melding.meldpunt)]
    return "\n".join(lines)


@transaction.atomic
def send_status_message(
    melding, *, template: str, by: User, greeting: bool = False, context: AuditContext | None = None
) -> StatusMessage:
    route = feedback_route(melding)
    if route.channel is None:
        raise ValidationError(route.explanation, code="no_route")
    text = compose_status_message(melding, template, greeting=greeting)
    message = StatusMessage.objects.create(
        melding=melding,
        template=template,
        text=text,
        channel=route.channel,
        recipient=route.recipient,
        sent_at=timezone.now(),
        sent_by=by,
    )
    if route.channel == StatusMessage.Channel.EMAIL:
        subject = _("Uw melding %(ref)s") % {"ref": melding.reference}
        queue_mail(kind=MailKind.STATUSBERICHT, to=route.recipient, subject=subject, body=text, status_message=message)
    else:  # the partner reads it in the portal: tell her there is news
        notify_event(
            melding.created_by,
            EventKind.PARTNER_MELDING_STATUS,
            reference=melding.reference,
            url=reverse("intake:partner_detail", args=[melding.pk]),
            actor=by,
        )
    _audit(
        by,
        context,
        Action.UPDATE,
        ObjectType.STATUSBERICHT,
        f"statusbericht {template} via {route.channel}",
        policies.status_message_basis(by, melding),
        melding=melding,
    )
    return message


# --- figures ---------------------------------------------------------------------


@dataclass
class Figures:
    by_partner: list  # [(organisation name, {status: n}, total)]
    statuses: list  # [(code, label)]
    refusals: list  # [(organisation name, {reason: n}, total)]
    reasons: list
    median_days_to_intake: float | None
    intake_count: int
    six_month_yes: int
    six_month_no: int
    six_month_unknown: int

    @property
    def six_month_pct(self) -> float | None:
        answered = self.six_month_yes + self.six_month_no
        return round(100 * self.six_month_yes / answered) if answered else None


def figures(organisation, today: date | None = None) -> Figures:
    """Aggregates over the referrals from casussen of ``organisation``."""
    today = today or timezone.localdate()
    referrals = Referral.objects.filter(casus__organisation=organisation)
    statuses = list(Status.choices)
    by_partner: dict[str, dict] = {}
    for row in referrals.values("service__organisation__name", "status").annotate(n=Count("id")):
        by_partner.setdefault(row["service__organisation__name"], {})[row["status"]] = row["n"]
    refusals: dict[str, dict] = {}
    for row in (
        referrals.filter(status=Status.REFUSED)
        .values("service__organisation__name", "refusal_reason")
        .annotate(n=Count("id"))
    ):
        refusals.setdefault(row["service__organisation__name"], {})[row["refusal_reason"]] = row["n"]
    # Days from the local proposal day to the intake, grouped in the database (one row per
    # distinct number of days, not one per referral).
    durations = {
        delta.days: n
        for delta, n in referrals.exclude(intake_on=None)
        .annotate(days=ExpressionWrapper(F("intake_on") - TruncDate("proposed_at"), output_field=DurationField()))
        .order_by()
        .values_list("days")
        .annotate(n=Count("pk"))
    }
    six = FollowUp.objects.filter(
        referral__in=referrals, key=SIX_MONTHS_KEY, referral__in_care_on__lte=add_months(today, -6)
    ).exclude(answer="")
    counts = dict(six.values_list("answer").annotate(n=Count("id")))
    return Figures(
        by_partner=[(name, row, sum(row.values())) for name, row in sorted(by_partner.items())],
        statuses=statuses,
        refusals=[(name, row, sum(row.values())) for name, row in sorted(refusals.items())],
        reasons=list(RefusalReason.choices),
        median_days_to_intake=median_of_counts(durations),
        intake_count=sum(durations.values()),
        six_month_yes=counts.get(ANSWERS.JA, 0),
        six_month_no=counts.get(ANSWERS.NEE, 0),
        six_month_unknown=counts.get(ANSWERS.ONBEKEND, 0),
    )


def figures_csv_rows(figs: Figures) -> list[list]:
    rows = [[_("onderdeel"), _("partner"), _("kenmerk"), _("aantal")]]
    for name, row, _total in figs.by_partner:
        for code, label in figs.statuses:
            rows.append([_("verwijzingen per status"), name, str(label), row.get(code, 0)])
    for name, row, _total in figs.refusals:
        for code, label in figs.reasons:
            rows.append([_("weigeringen per reden"), name, str(label), row.get(code, 0)])
    median = "" if figs.median_days_to_intake is None else figs.median_days_to_intake
    rows.append(
        [
            _("mediaan dagen voorstel tot intake"),
            "",
            _("verwijzingen met intake: %(n)d") % {"n": figs.intake_count},
            median,
        ]
    )
    rows.append([_("in zorg na 6 maanden"), "", _("ja"), figs.six_month_yes])
    rows.append([_("in zorg na 6 maanden"), "", _("nee"), figs.six_month_no])
    rows.append([_("in zorg na 6 maanden"), "", _("onbekend"), figs.six_month_unknown])
    pct = "" if figs.six_month_pct is None else figs.six_month_pct
    rows.append([_("in zorg na 6 maanden"), "", _("percentage ja van ja+nee"), pct])
    return rows


def worklist_follow_ups(user: User, limit: int = 10) -> list:
    """The "Vinger aan de pols" section of the worklist: due checks of the user's
    casussen (showing them is a read of those casussen: the worklist view logs it)."""
    return list(due_follow_ups(user)[:limit])
