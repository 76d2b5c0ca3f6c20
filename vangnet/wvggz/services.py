"""Business rules of the Wvggz verkennend onderzoek.

Everything that changes an onderzoek goes through these functions (views,
triage, the demo loader), so the rules hold everywhere: who may work on it,
the 14-day term, which answers a decision needs, what the melder is told."""

import importlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Prefetch, Q
from django.db.models.functions import TruncDate
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.accounts import roles
from vangnet.accounts.models import Role, User
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ObjectType, audit
from vangnet.cases.services import validate_team
from vangnet.core import plausible
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.errors import field_error as _error
from vangnet.core.references import assign_reference
from vangnet.monitor.medians import median_of_counts
from vangnet.notifications.mail import Kind as MailKind
from vangnet.notifications.mail import queue_mail
from vangnet.notifications.models import EventKind
from vangnet.notifications.services import notify

from . import policies, signals

# WVGGZ_DAYS and wvggz_deadline re-exported: the 14-day rule triage names through this service.
from .deadlines import (
    REMINDER_DAYS,
    days_left,
    deadline_for,
    melding_date,
    reminder_moment,
    term_state,
)
from .deadlines import WVGGZ_DAYS as WVGGZ_DAYS
from .deadlines import wvggz_deadline as wvggz_deadline
from .models import (
    NOT_INFORMED,
    Alternative,
    Answer,
    MelderInformedHow,
    Onderzoek,
    OnderzoekWorker,
    Outcome,
    Question,
    QuestionKind,
    QuestionnaireVersion,
    Reminder,
    Status,
)
from .questionnaire import field_name, is_answered

Action = AccessLog.Action
logger = logging.getLogger(__name__)


def _check_version(onderzoek: Onderzoek, expected_version: int | None) -> int:
    current = Onderzoek.objects.filter(pk=onderzoek.pk).values_list("version", flat=True).first()
    expected = onderzoek.version if expected_version is None else expected_version
    if current is None or current != expected:
        raise ConcurrentEditError(ConcurrentEditError.message)
    return expected


# --- questionnaire versions ---------------------------------------------------


def active_version() -> QuestionnaireVersion | None:
    """The newest published version: new onderzoeken answer this one.

    With no versions at all (a database flushed after migrating, as in
    transactional tests), version 1 from the data migration is put back."""
    version = QuestionnaireVersion.objects.filter(published=True).order_by("-number").first()
    if version is None and not QuestionnaireVersion.objects.exists():
        from django.apps import apps

        importlib.import_module("vangnet.wvggz.migrations.0002_questionnaire_v1").seed(apps, None)
        version = QuestionnaireVersion.objects.filter(published=True).order_by("-number").first()
    return version


@transaction.atomic
def new_draft_from(version: QuestionnaireVersion, *, by=None) -> QuestionnaireVersion:
    """A draft copy of ``version`` with the next number: the way to change a published questionnaire."""
    number = (QuestionnaireVersion.objects.aggregate(m=Max("number"))["m"] or 0) + 1
    draft = QuestionnaireVersion.objects.create(
        number=number, title=version.title, note=_("Kopie van versie %(n)d") % {"n": version.number}, created_by=by
    )
    Question.objects.bulk_create(
        Question(
            version=draft,
            key=q.key,
            text=q.text,
            help=q.help,
            kind=q.kind,
            choices=q.choices,
            required=q.required,
            order=q.order,
        )
        for q in version.questions.all()
    )
    return draft


def publish_version(version: QuestionnaireVersion) -> QuestionnaireVersion:
    if version.published:
        return version
    if not version.questions.exists():
        raise ValidationError(_("Een vragenlijst zonder vragen kan niet worden gepubliceerd."), code="empty")
    for question in version.questions.all():
        question.full_clean(exclude=["version"])
    version.published = True
    version.published_at = timezone.now()
    version.save(update_fields=["published", "published_at"])
    return version


# --- opening and assigning ----------------------------------------------------------


def teamleiders(organisation_id) -> list[User]:
    return list(User.objects.filter(organisation_id=organisation_id, role=Role.TEAMLEIDER, is_active=True))


def _onderzoek_url(onderzoek) -> str:
    return reverse("wvggz:detail", args=[onderzoek.pk])


@transaction.atomic
def open_onderzoek(melding, *, by, context: AuditContext | None = None, now: datetime | None = None) -> Onderzoek:
    """Start the verkennend onderzoek for a melding (from the triage decision
    "Wvggz verkennend onderzoek"). The term runs from the melding, not from
    the triage. Opening twice returns the existing onderzoek."""
    existing = Onderzoek.objects.filter(melding=melding).first()
    if existing is not None:
        return existing
    version = active_version()
    if version is None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    ValidationError(
                        _(
                            "Er is geen gepubliceerde vragenlijst voor het verkennend onderzoek. Vraag de functioneel beheerder er een te publiceren."
                        ),
                        code="no_questionnaire",
                    )
                ]
            }
        )
    now = now or timezone.now()
    onderzoek = Onderzoek.objects.create(
        melding=melding,
        organisation_id=melding.meldpunt_id,
        questionnaire=version,
        started_at=now,
        started_by=by,
        deadline=deadline_for(melding.received_at),
    )
    assign_reference(onderzoek, "W")
    audit(
        by,
        Action.CREATE,
        context=context,
        melding=melding,
        object_type=ObjectType.WVGGZ_ONDERZOEK,
        detail=f"verkennend onderzoek {onderzoek.reference} gestart na triage {melding.reference}",
        reason="triage: wvggz",
    )
    text = _("Nieuw Wvggz-onderzoek %(ref)s: wijs onderzoekers toe. Uiterste datum %(deadline)s.") % {
        "ref": onderzoek.reference,
        "deadline": onderzoek.deadline.strftime("%d-%m-%Y"),
    }
    for leader in teamleiders(onderzoek.organisation_id):
        notify(leader, text, _onderzoek_url(onderzoek), kind=EventKind.WVGGZ, reference=onderzoek.reference)
    # The reminders are queued by vangnet.wvggz.tasks (services never import tasks).
    transaction.on_commit(lambda: signals.onderzoek_opened.send(sender=Onderzoek, onderzoek=onderzoek))
    return onderzoek


def eligible_workers(organisation_id):
    return User.objects.filter(organisation_id=organisation_id, is_active=True, role__in=roles.CARE_TEAM).order_by(
        "first_name", "last_name", "username"
    )


@transaction.atomic
def assign_workers(
    onderzoek: Onderzoek,
    *,
    lead,
    others=(),
    by,
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> None:
    """The teamleider sets who investigates: one lead onderzoeker and others."""
    if not policies.can_assign_onderzoek(by, onderzoek):
        raise _error(
            NON_FIELD_ERRORS, _("Alleen de teamleider van de organisatie wijst onderzoekers toe."), "not_allowed"
        )
    if not onderzoek.is_open:
        raise _error(NON_FIELD_ERRORS, _("Dit onderzoek is afgerond."), "closed")
    allowed = eligible_workers(onderzoek.organisation_id)
    if lead is None:
        raise _error("lead", _("Kies een hoofdonderzoeker."), "lead_required")
    if not allowed.filter(pk=lead.pk).exists():
        raise _error(
            "lead",
            _("De hoofdonderzoeker moet een bemoeizorger, teamleider of consultant van deze organisatie zijn."),
            "lead_invalid",
        )
    others = [u for u in others if u.pk != lead.pk]
    if any(not allowed.filter(pk=u.pk).exists() for u in others):
        raise _error("others", _("Kies alleen collega's van deze organisatie met een passende rol."), "others_invalid")
    expected = _check_version(onderzoek, expected_version)
    before = set(onderzoek.worker_rows.values_list("user_id", flat=True))
    onderzoek.save_versioned(expected, [])
    onderzoek.worker_rows.all().delete()
    OnderzoekWorker.objects.create(onderzoek=onderzoek, user=lead, role=OnderzoekWorker.Role.LEAD)
    for user in others:
        OnderzoekWorker.objects.create(onderzoek=onderzoek, user=user, role=OnderzoekWorker.Role.WORKER)
    names = ", ".join(u.username for u in [lead, *others])
    audit(
        by,
        Action.UPDATE,
        context=context,
        melding=onderzoek.melding,
        object_type=ObjectType.WVGGZ_ONDERZOEK,
        detail=f"{onderzoek.reference}: onderzoekers {names}",
        reason=policies.BASIS_TEAMLEIDER,
    )
    text = _("U bent toegewezen aan Wvggz-onderzoek %(ref)s. Uiterste datum %(deadline)s.") % {
        "ref": onderzoek.reference,
        "deadline": onderzoek.deadline.strftime("%d-%m-%Y"),
    }
    for user in [lead, *others]:
        if user.pk not in before and user.pk != by.pk:
            notify(user, text, _onderzoek_url(onderzoek), kind=EventKind.WVGGZ, reference=onderzoek.reference)


# --- the questionnaire --------------------------------------------------------------


def questions_of(onderzoek: Onderzoek):
    return onderzoek.questionnaire.questions.all().order_by("order", "pk")


def answers_by_question(onderzoek: Onderzoek) -> dict[int, object]:
    return {a.question_id: a.value for a in onderzoek.answers.all()}


def _require_work(onderzoek, by):
    if not policies.can_work_on_onderzoek(by, onderzoek):
        raise _error(NON_FIELD_ERRORS, _("U werkt niet aan dit onderzoek."), "not_allowed")
    if not onderzoek.is_open:
        raise _error(NON_FIELD_ERRORS, _("Dit onderzoek is afgerond; de antwoorden liggen vast."), "closed")


@transaction.atomic
def save_answers(
    onderzoek: Onderzoek,
    answers: dict,
    *,
    by,
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> int:
    """Store answers ({question id: value}); None clears an answer.

    Only questions of the onderzoek's own questionnaire version are accepted,
    so an answer always keeps the question it was given to."""
    _require_work(onderzoek, by)
    own = {q.pk: q for q in questions_of(onderzoek)}
    if any(qid not in own for qid in answers):
        raise _error(
            NON_FIELD_ERRORS, _("Een antwoord hoort niet bij de vragenlijst van dit onderzoek."), "foreign_question"
        )
    for qid, value in answers.items():
        _check_answer_dates(onderzoek, own[qid], value)
    expected = _check_version(onderzoek, expected_version)
    onderzoek.save_versioned(expected, [])
    changed = 0
    for qid, value in answers.items():
        if value in (None, "", [], {}):
            changed += onderzoek.answers.filter(question_id=qid).delete()[0]
            continue
        Answer.objects.update_or_create(
            onderzoek=onderzoek, question_id=qid, defaults={"value": value, "updated_by": by}
        )
        changed += 1
    audit(
        by,
        Action.UPDATE,
        context=context,
        melding=onderzoek.melding,
        object_type=ObjectType.WVGGZ_ONDERZOEK,
        detail=f"{onderzoek.reference}: vragenlijst bijgewerkt",
        reason=policies.onderzoek_access_basis(by, onderzoek) or "",
    )
    return changed


def _check_answer_dates(onderzoek: Onderzoek, question: Question, value: object) -> None:
    """The professional's judgement belongs to this onderzoek: not ahead, and not
    before the melding that started it (the term runs from the melding)."""
    if question.kind != QuestionKind.PROFESSIONAL or not isinstance(value, dict) or not value.get("date"):
        return
    field = field_name(question, "date")
    try:
        day = date.fromisoformat(str(value["date"]))
    except ValueError:
        raise _error(field, _("Vul een geldige datum in, bijvoorbeeld 31-12-2026."), "invalid") from None
    plausible.check_past_day(
        day, field=field, not_before=melding_date(onderzoek.melding.received_at), not_before_label=_("de melding")
    )


def missing_required(onderzoek: Onderzoek) -> list[Question]:
    answers = answers_by_question(onderzoek)
    return [q for q in questions_of(onderzoek) if q.required and not is_answered(q, answers.get(q.pk))]


# --- the decision -------------------------------------------------------------------


@transaction.atomic
def decide(
    onderzoek: Onderzoek,
    *,
    by,
    outcome: str,
    alternative: str = "",
    reason: str = "",
    referred_to: str = "",
    casusregisseur=None,
    duo=(),
    team=None,
    expected_version: int | None = None,
    context: AuditContext | None = None,
    now: datetime | None = None,
) -> Onderzoek:
    """Close the onderzoek with its outcome.

    Aanvraag: every required question must be answered (the request to the
    officier van justitie is built from them). Geen aanvraag: say what happens
    instead (bemoeizorg casus, referral, nothing) and why; bemoeizorg starts
    or reopens the person's casus in the onderzoek's organisation."""
    _require_work(onderzoek, by)
    reason = (reason or "").strip()
    referred_to = (referred_to or "").strip()
    duo = [u for u in (duo or []) if casusregisseur is None or u.pk != casusregisseur.pk]
    errors: dict[str, list[ValidationError]] = {}

    def add(key, message, code):
        errors.setdefault(key, []).append(ValidationError(message, code=code))

    if outcome not in Outcome.values:
        add("outcome", _("Kies: wel of geen aanvraag bij de officier van justitie."), "outcome_required")
    if outcome == Outcome.AANVRAAG:
        missing = missing_required(onderzoek)
        if missing:
            add(
                NON_FIELD_ERRORS,
                _("Beantwoord eerst de verplichte vragen: %(q)s.") % {"q": "; ".join(q.text for q in missing)},
                "questions_missing",
            )
    if outcome == Outcome.GEEN_AANVRAAG:
        if alternative not in Alternative.values:
            add("alternative", _("Kies wat er in plaats van een aanvraag gebeurt."), "alternative_required")
        if not reason:
            add("reason", _("Geef de reden waarom er geen aanvraag komt."), "reason_required")
        if alternative == Alternative.DOORVERWIJZING and not referred_to:
            add("referred_to", _("Vul in naar wie is doorverwezen."), "referral_required")
        if alternative == Alternative.BEMOEIZORG_CASUS:
            team_errors = validate_team(onderzoek.organisation_id, casusregisseur=casusregisseur, duo=duo, team=team)
            for key, errs in team_errors.items():
                errors.setdefault(key, []).extend(errs)
            if onderzoek.melding.person_id is None:
                add(
                    NON_FIELD_ERRORS,
                    _("De melding is niet aan een persoon gekoppeld; bemoeizorg kan niet starten."),
                    "no_person",
                )
    if errors:
        raise ValidationError(errors)
    expected = _check_version(onderzoek, expected_version)
    now = now or timezone.now()
    melding = onderzoek.melding
    casus = None
    if outcome == Outcome.GEEN_AANVRAAG and alternative == Alternative.BEMOEIZORG_CASUS:
        from vangnet.cases.services import start_or_reopen_casus

        casus, created = start_or_reopen_casus(
            person=melding.person,
            organisation=onderzoek.organisation,
            team=team,
            casusregisseur=casusregisseur,
            duo=duo,
            by=by,
            melding=melding,
            now=now,
            context=context,
            cause=f"wvggz-onderzoek {onderzoek.reference}",
            basis=policies.onderzoek_access_basis(by, onderzoek) or "",
        )
    onderzoek.status = Status.AFGEROND
    onderzoek.outcome = outcome
    onderzoek.alternative = alternative if outcome == Outcome.GEEN_AANVRAAG else ""
    onderzoek.referred_to = referred_to if onderzoek.alternative == Alternative.DOORVERWIJZING else ""
    onderzoek.reason = reason
    onderzoek.casus = casus
    onderzoek.decided_at = now
    onderzoek.decided_by = by
    onderzoek.save_versioned(
        expected, ["status", "outcome", "alternative", "referred_to", "reason", "casus", "decided_at", "decided_by"]
    )
    audit(
        by,
        Action.UPDATE,
        context=context,
        melding=melding,
        object_type=ObjectType.WVGGZ_ONDERZOEK,
        detail=f"{onderzoek.reference}: besluit {onderzoek.get_outcome_display()}"
        + (f" ({onderzoek.get_alternative_display()})" if onderzoek.alternative else ""),
        reason=policies.onderzoek_access_basis(by, onderzoek) or "",
    )
    return onderzoek


def _check_moment(moment: datetime, onderzoek: Onderzoek, key: str) -> None:
    """After the decision (which follows the start), by day: a typed day becomes
    midday (forms.moment_on), which may be earlier than the decision's hour."""
    start = onderzoek.decided_at or onderzoek.started_at
    label = _("het besluit") if onderzoek.decided_at else _("de start van het onderzoek")
    plausible.check_past_day(timezone.localdate(moment), field=key, not_before=start, not_before_label=label)


@transaction.atomic
def record_request_sent(
    onderzoek: Onderzoek,
    *,
    sent_at: datetime,
    by,
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> None:
    """Record when the request went to the officier van justitie (separately from downloading the PDF)."""
    if not policies.can_work_on_onderzoek(by, onderzoek):
        raise _error(NON_FIELD_ERRORS, _("U werkt niet aan dit onderzoek."), "not_allowed")
    if onderzoek.outcome != Outcome.AANVRAAG:
        raise _error(NON_FIELD_ERRORS, _("Er is geen aanvraag bij de officier van justitie besloten."), "no_request")
    _check_moment(sent_at, onderzoek, "sent_on")
    expected = _check_version(onderzoek, expected_version)
    onderzoek.request_sent_at = sent_at
    onderzoek.save_versioned(expected, ["request_sent_at"])
    audit(
        by,
        Action.UPDATE,
        context=context,
        melding=onderzoek.melding,
        object_type=ObjectType.WVGGZ_ONDERZOEK,
        detail=f"{onderzoek.reference}: aanvraag verzonden op {timezone.localdate(sent_at):%d-%m-%Y}",
        reason=policies.onderzoek_access_basis(by, onderzoek) or "",
    )


@transaction.atomic
def record_melder_informed(
    onderzoek: Onderzoek,
    *,
    how: str,
    informed_at: datetime | None,
    message: str = "",
    by,
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> None:
    """Record that (and how) the melder was told the outcome, with the text as sent;
    or that the melder was not informed because they are anonymous or want no feedback."""
    if not policies.can_work_on_onderzoek(by, onderzoek):
        raise _error(NON_FIELD_ERRORS, _("U werkt niet aan dit onderzoek."), "not_allowed")
    if onderzoek.is_open:
        raise _error(NON_FIELD_ERRORS, _("Informeer de melder pas na het besluit."), "not_decided")
    if how not in MelderInformedHow.values:
        raise _error("how", _("Kies hoe de melder is geïnformeerd."), "how_required")
    message = (message or "").replace("\r\n", "\n").strip()
    if how in NOT_INFORMED:
        message = ""
        informed_at = informed_at or timezone.now()
    else:
        if not message:
            raise _error("message", _("Neem de tekst op zoals die aan de melder is gegeven."), "message_required")
        if informed_at is None:
            raise _error("informed_on", _("Vul in wanneer de melder is geïnformeerd."), "date_required")
    _check_moment(informed_at, onderzoek, "informed_on")
    expected = _check_version(onderzoek, expected_version)
    onderzoek.melder_informed_how = how
    onderzoek.melder_informed_at = informed_at
    onderzoek.melder_message = message
    onderzoek.melder_informed_by = by
    onderzoek.save_versioned(
        expected, ["melder_informed_how", "melder_informed_at", "melder_message", "melder_informed_by"]
    )
    audit(
        by,
        Action.UPDATE,
        context=context,
        melding=onderzoek.melding,
        object_type=ObjectType.WVGGZ_ONDERZOEK,
        detail=f"{onderzoek.reference}: melder {onderzoek.get_melder_informed_how_display()}",
        reason=policies.onderzoek_access_basis(by, onderzoek) or "",
    )


# The letter to the melder. Deliberately built only from the melding (date,
# reference, melder's name), the organisation and the outcome: no questionnaire
# answer, observed behaviour or professional judgement can end up in it.
MELDER_LETTER = """{% load i18n %}{% autoescape off %}{% if melder_name %}{% blocktranslate %}Beste {{ melder_name }},{% endblocktranslate %}{% else %}{% translate "Beste melder," %}{% endif %}

{% blocktranslate %}Op {{ melding_date }} heeft u bij ons een melding gedaan (kenmerk {{ reference }}). U maakte zich zorgen of iemand verplichte geestelijke gezondheidszorg nodig heeft. De gemeente heeft daarop een verkennend onderzoek gedaan, zoals de Wet verplichte ggz voorschrijft.{% endblocktranslate %}

{% if outcome == "aanvraag" %}{% blocktranslate %}Wij laten u weten dat de gemeente de officier van justitie heeft gevraagd een zorgmachtiging voor te bereiden. De officier van justitie beslist over de verdere stappen.{% endblocktranslate %}{% else %}{% blocktranslate %}Wij laten u weten dat de gemeente de officier van justitie niet heeft gevraagd een zorgmachtiging voor te bereiden.{% endblocktranslate %}{% if alternative == "bemoeizorg_casus" or alternative == "doorverwijzing" %} {% translate "Er is wel andere hulp of ondersteuning in gang gezet." %}{% endif %}

{% blocktranslate %}Bent u het hier niet mee eens? Dan kunt u zich zelf wenden tot de officier van justitie met het verzoek een zorgmachtiging voor te bereiden (artikel 5:7 Wet verplichte ggz).{% endblocktranslate %}{% endif %}

{% translate "Om de privacy van de betrokkene te beschermen kunnen wij u geen inhoudelijke of medische informatie geven." %}

{% translate "Met vriendelijke groet," %}

{{ organisation }}{% endautoescape %}"""


def melder_letter(onderzoek: Onderzoek) -> str:
    """The message to the melder for the decided outcome (no medical detail)."""
    melding = onderzoek.melding
    context = Context(
        {
            "melder_name": "" if melding.melder_anonymous else melding.melder_name,
            "melding_date": melding_date(melding.received_at).strftime("%d-%m-%Y"),
            "reference": melding.reference,
            "outcome": onderzoek.outcome,
            "alternative": onderzoek.alternative,
            "organisation": str(onderzoek.organisation),
        }
    )
    return Template(MELDER_LETTER).render(context).strip()


def melder_reachability(melding) -> str:
    """Why the melder may not be informed ('' when they can be)."""
    if not melding.melder_wants_feedback:
        return MelderInformedHow.NIET_GEWENST
    if not (melding.melder_phone or melding.melder_email or melding.melder_organisation_id or melding.melder_name):
        return MelderInformedHow.NIET_ANONIEM
    return ""


# --- reminders --------------------------------------------------------------------


def reminder_recipients(onderzoek: Onderzoek) -> list[User]:
    """The assigned workers; while nobody is assigned, the teamleiders (who assign)."""
    workers = [w.user for w in onderzoek.worker_rows.select_related("user") if w.user.is_active]
    return workers or teamleiders(onderzoek.organisation_id)


def send_reminder(onderzoek: Onderzoek, kind: str, *, now: datetime | None = None) -> bool:
    """Send reminder ``kind`` ("dag7"/"dag12") if it is due, the onderzoek is
    still open, and it was not sent before. Returns whether it was sent.

    The Reminder row (unique per onderzoek and kind) is what makes this
    idempotent: the scheduled task and the periodic sweep can both run."""
    now = now or timezone.now()
    onderzoek = Onderzoek.objects.select_related("melding").filter(pk=onderzoek.pk).first()
    if onderzoek is None or not onderzoek.is_open or now < reminder_moment(onderzoek.melding.received_at, kind):
        return False
    # Catching up late (worker down, onderzoek opened late): a later reminder that
    # is also due already says it all, so the earlier one is recorded but not sent.
    superseded = any(
        REMINDER_DAYS[other] > REMINDER_DAYS[kind] and now >= reminder_moment(onderzoek.melding.received_at, other)
        for other in REMINDER_DAYS
    )
    recipients = [] if superseded else reminder_recipients(onderzoek)
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(onderzoek=onderzoek, kind=kind, recipients=len(recipients))
    except IntegrityError:
        return False
    if superseded:
        return False
    left = days_left(onderzoek.deadline, timezone.localdate(now))
    if left < 0:
        term = ngettext("%(n)d dag te laat", "%(n)d dagen te laat", -left) % {"n": -left}
    else:
        term = ngettext("nog %(n)d dag", "nog %(n)d dagen", left) % {"n": left}
    text = _("Herinnering: Wvggz-onderzoek %(ref)s moet uiterlijk %(deadline)s klaar zijn (%(term)s).") % {
        "ref": onderzoek.reference,
        "deadline": onderzoek.deadline.strftime("%d-%m-%Y"),
        "term": term,
    }
    url = _onderzoek_url(onderzoek)
    for user in recipients:
        notify(user, text, url, kind=EventKind.WVGGZ, reference=onderzoek.reference)
    addresses = [u.email for u in recipients if u.email]
    if addresses:
        # Only the reference and the term: e-mail is not a safe channel for personal data.
        subject = _("Vangnet: termijn Wvggz-onderzoek %(ref)s") % {"ref": onderzoek.reference}
        body = text + "\n\n" + _("Bekijk het onderzoek in Vangnet: %(url)s") % {"url": url}
        # One message per worker (colleagues' addresses stay private), sent by the
        # queue with retries: a mail failure never undoes the in-app reminder.
        for address in addresses:
            queue_mail(kind=MailKind.WVGGZ_HERINNERING, to=address, subject=subject, body=body, wvggz_reminder=reminder)
    return True


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Send every reminder that is due and not sent yet (safe to run as often as you like)."""
    now = now or timezone.now()
    sent = 0
    for onderzoek in Onderzoek.objects.filter(status=Status.OPEN).select_related("melding"):
        for kind in REMINDER_DAYS:
            if send_reminder(onderzoek, kind, now=now):
                sent += 1
    return sent


# --- lists and figures --------------------------------------------------------------


@dataclass
class OnderzoekRow:
    onderzoek: Onderzoek
    deadline: date
    days_left: int
    rag: str
    rag_label: str
    overdue: bool
    term: object = None
    workers: list = field(default_factory=list)


def rows(onderzoeken, today: date | None = None) -> list[OnderzoekRow]:
    out = []
    for o in onderzoeken:
        state = term_state(o.deadline, today)
        out.append(
            OnderzoekRow(
                onderzoek=o,
                deadline=o.deadline,
                days_left=state.days_left,
                rag=state.rag,
                rag_label=state.rag_label,
                overdue=state.overdue,
                term=state,
                workers=[w.user for w in o.worker_rows.all()],
            )
        )
    return out


def open_onderzoeken(qs):
    return (
        qs.filter(status=Status.OPEN)
        .select_related("melding", "melding__person")
        # The workers with their user in one query (worker_rows__user would be two).
        .prefetch_related(Prefetch("worker_rows", queryset=OnderzoekWorker.objects.select_related("user")))
        .order_by("deadline", "pk")
    )


# triage.models.Outcome.WVGGZ, spelled out: triage opens onderzoeken through this
# module, so wvggz does not import triage (tests/wvggz pins the two together).
TRIAGED_AS_WVGGZ = "wvggz"


def _local_days(start: date, end: date) -> tuple[datetime, datetime]:
    """The moments whose local date lies from ``start`` to ``end`` (inclusive): [from, to)."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def figures(organisation_id, start: date, end: date, today: date | None = None) -> dict:
    """Aggregate figures for one organisation over meldingen received from ``start`` to ``end``.

    - meldingen: Wvggz meldingen received (flagged, triaged as Wvggz, or with an onderzoek);
    - within_term_pct: of the onderzoeken that are decided or past their
      deadline, the share decided on or before the deadline (an open
      onderzoek past its deadline counts as late);
    - median_days: calendar days from the melding date to the decision.

    Counted in the database (issue 17: reading every onderzoek of the organisation was
    O(rows)): three queries, the period's range on the melding's ``received_at``, and the
    days to the decision as a histogram (one row per distinct number of days)."""
    from vangnet.intake.models import Melding

    today = today or timezone.localdate()
    since, until = _local_days(start, end)
    # The Wvggz meldingen as a UNION of the three ways a melding is one (flagged, triaged
    # as Wvggz, with an onderzoek) instead of one OR over two outer joins: each branch is
    # an inner join an index can serve (issue 17), and UNION counts a melding once.
    in_period = Melding.objects.filter(meldpunt_id=organisation_id, received_at__gte=since, received_at__lt=until)
    meldingen = (
        in_period.filter(is_wvggz=True)
        .order_by()
        .values("pk")
        .union(
            in_period.filter(triage__outcome=TRIAGED_AS_WVGGZ).order_by().values("pk"),
            in_period.filter(wvggz_onderzoek__isnull=False).order_by().values("pk"),
        )
    )
    items = Onderzoek.objects.filter(
        organisation_id=organisation_id, melding__received_at__gte=since, melding__received_at__lt=until
    )
    is_open = Q(status=Status.OPEN)
    is_decided = Q(status=Status.AFGEROND, decided_at__isnull=False)
    no_request = is_decided & Q(outcome=Outcome.GEEN_AANVRAAG)
    counts = items.annotate(decided_day=TruncDate("decided_at")).aggregate(
        onderzoeken=Count("pk"),
        open=Count("pk", filter=is_open),
        open_overdue=Count("pk", filter=is_open & Q(deadline__lt=today)),
        decided=Count("pk", filter=is_decided),
        decided_in_time=Count("pk", filter=is_decided & Q(decided_day__lte=F("deadline"))),
        aanvraag=Count("pk", filter=is_decided & Q(outcome=Outcome.AANVRAAG)),
        geen_aanvraag=Count("pk", filter=no_request),
        **{f"geen_aanvraag_{alt}": Count("pk", filter=no_request & Q(alternative=alt)) for alt in Alternative.values},
    )
    days = (
        items.filter(is_decided)
        .annotate(
            days=ExpressionWrapper(
                TruncDate("decided_at") - TruncDate("melding__received_at"), output_field=DurationField()
            )
        )
        .order_by()
        .values_list("days")
        .annotate(n=Count("pk"))
    )
    decided, in_time = counts["decided"], counts["decided_in_time"]
    due = decided + counts["open_overdue"]
    outcomes = {"aanvraag": counts["aanvraag"], "geen_aanvraag": counts["geen_aanvraag"]}
    for alt in Alternative.values:
        outcomes[f"geen_aanvraag_{alt}"] = counts[f"geen_aanvraag_{alt}"]
    return {
        "start": start,
        "end": end,
        "meldingen": meldingen.count(),
        "onderzoeken": counts["onderzoeken"],
        "open": counts["open"],
        "open_overdue": counts["open_overdue"],
        "decided": decided,
        "decided_in_time": in_time,
        "due": due,
        "within_term_pct": round(100 * in_time / due, 1) if due else None,
        "median_days": median_of_counts({delta.days: n for delta, n in days}),
        "outcomes": outcomes,
    }


def worklist_rows(user) -> list[OnderzoekRow]:
    """Open onderzoeken for the work queue: one's own, or the organisation's (teamleider, meldpunt)."""
    return rows(open_onderzoeken(policies.summary_onderzoeken(user)))


def follow_corrected_melding(melding: Any) -> int:
    """A corrected arrival moment of the melding (intake.correct_melding) moves the
    14-day term of its open onderzoek: the term runs from the melding, and the
    figures and reminders must use the corrected value. A decided onderzoek keeps
    the term it was decided in. Returns the number of onderzoeken changed (0 or 1)."""
    return Onderzoek.objects.filter(melding_id=melding.pk, status=Status.OPEN).update(
        deadline=deadline_for(melding.received_at)
    )


def follow_melding_corrections() -> None:
    """Connect ``follow_corrected_melding`` (from ``WvggzConfig.ready``): intake may not
    import wvggz (independent apps), so its correction sends post_save with the changed
    fields, and a corrected arrival moment moves the term here."""
    from django.db.models.signals import post_save

    from vangnet.intake.models import Melding

    post_save.connect(_melding_saved, sender=Melding, dispatch_uid="vangnet.wvggz.follow_corrected_melding")


def _melding_saved(
    sender: type, instance: Any, created: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if not created and update_fields and "received_at" in update_fields:
        follow_corrected_melding(instance)
