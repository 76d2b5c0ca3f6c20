"""The rules of the betrokkene's requests: register one, take it in hand, extend its term,
decide it, lift a granted restriction; the worklist and the register; and whether the
processing of a person is restricted. Each change writes a history row and its
access-log row in the same transaction; the log row names the request's reference and
what happened, never what was asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.accounts.models import User
from vangnet.accounts.roles import Role
from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core import plausible
from vangnet.core.errors import field_error as _invalid
from vangnet.core.months import add_months
from vangnet.notifications.services import notify

from . import policies
from .models import (
    MAX_REASON,
    MAX_TEXT,
    OPEN_STATUSES,
    Gebeurtenis,
    Ontvangstwijze,
    Soort,
    Status,
    Verzoek,
    VerzoekGebeurtenis,
)

# AVG art. 12(3): answer within one month of receipt; extendable by two more months.
TERM_MONTHS = 1
EXTENSION_MONTHS = 2
# The worklist shows open requests whose term ends within this many days (or has passed).
WARN_DAYS = 7
# No request in this register was received before the AVG's predecessor era.
EARLIEST_RECEIPT = date(2000, 1, 1)


def due_date(received_on: date) -> date:
    """The last day of the term: one calendar month after receipt."""
    return add_months(received_on, TERM_MONTHS)


def extended_due_date(received_on: date) -> date:
    """The last day of the extended term: two more months after the first one."""
    return add_months(received_on, TERM_MONTHS + EXTENSION_MONTHS)


def processing_restricted(person: Any) -> bool:
    """Whether the processing of ``person``'s data is restricted (AVG art. 18): a granted
    restriction request that has not been lifted."""
    return active_restriction(person) is not None


def active_restriction(person: Any) -> Verzoek | None:
    """The granted restriction in effect for ``person`` (the oldest), if any."""
    if person is None or getattr(person, "pk", None) is None:
        return None
    return (
        Verzoek.objects.filter(
            person_id=person.pk, kind=Soort.BEPERKING, status=Status.TOEGEWEZEN, restriction_lifted_on=None
        )
        .order_by("decided_on", "id")
        .first()
    )


def _text(value: str, field: str, *, required_message: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise _invalid(field, required_message, "required")
    if len(value) > limit:
        raise _invalid(field, _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": limit}, "too_long")
    return value


def _check_received(received_on: date | None) -> date:
    if received_on is None:
        raise _invalid("received_on", _("Vul de datum van ontvangst in."), "required")
    plausible.check_past_day(
        received_on, field="received_on", not_before=EARLIEST_RECEIPT, not_before_label=_("het jaar 2000")
    )
    return received_on


def _history(verzoek: Verzoek, by: Any, event: str, note: str = "") -> None:
    VerzoekGebeurtenis.objects.create(verzoek=verzoek, at=timezone.now(), by=by, event=event, note=note)


def _audit(by: Any, context: AuditContext | None, verzoek: Verzoek, action: str, detail: str, reason: str) -> None:
    audit(
        by,
        action,
        context=context,
        person=verzoek.person,
        object_type=ObjectType.VERZOEK,
        detail=f"{verzoek.reference}: {detail}",
        reason=reason,
    )


@transaction.atomic
def register_request(
    person: Any,
    *,
    kind: str,
    received_on: date | None,
    channel: str,
    request_text: str,
    by: Any,
    context: AuditContext | None = None,
) -> Verzoek:
    """Register a request of ``person`` to ``by``'s organisation; the term is one calendar
    month after receipt. The same request sent twice by the same user (a double submit)
    is the first one."""
    if not policies.can_register_request(by, person):
        raise PermissionDenied
    if kind not in Soort.values:
        raise _invalid("kind", _("Kies de soort verzoek."), "invalid")
    if channel not in Ontvangstwijze.values:
        raise _invalid("channel", _("Kies hoe het verzoek is ontvangen."), "invalid")
    received_on = _check_received(received_on)
    text = _text(
        request_text, "request_text", required_message=_("Beschrijf wat de betrokkene vraagt."), limit=MAX_TEXT
    )
    # A double submit: lock the person's requests of this organisation, then look.
    type(person).objects.select_for_update().filter(pk=person.pk).first()
    earlier = Verzoek.objects.filter(
        person=person,
        organisation_id=by.organisation_id,
        kind=kind,
        received_on=received_on,
        channel=channel,
        request_text=text,
        registered_by=by,
    ).first()
    if earlier is not None:
        return earlier
    verzoek = Verzoek.objects.create(
        person=person,
        organisation_id=by.organisation_id,
        kind=kind,
        received_on=received_on,
        channel=channel,
        request_text=text,
        registered_by=by,
        registered_at=timezone.now(),
        due_on=due_date(received_on),
    )
    _history(verzoek, by, Gebeurtenis.GEREGISTREERD, str(Soort(kind).label))
    _audit(by, context, verzoek, Action.CREATE, f"verzoek {kind} geregistreerd", policies.BASIS_HANDLER)
    return verzoek


def _check_handler(verzoek: Verzoek, by: Any) -> None:
    if not policies.can_handle_request(by, verzoek):
        raise PermissionDenied


def _check_open(verzoek: Verzoek) -> None:
    if not verzoek.is_open:
        raise _invalid("__all__", _("Over dit verzoek is al besloten."), "decided")


@transaction.atomic
def start_handling(verzoek: Verzoek, *, expected_version: int, by: Any, context: AuditContext | None = None) -> Verzoek:
    """Take a received request in hand (status: in behandeling)."""
    _check_handler(verzoek, by)
    _check_open(verzoek)
    if verzoek.status == Status.IN_BEHANDELING:
        return verzoek
    verzoek.status = Status.IN_BEHANDELING
    verzoek.save_versioned(expected_version, ["status"])
    _history(verzoek, by, Gebeurtenis.IN_BEHANDELING)
    _audit(by, context, verzoek, Action.UPDATE, "in behandeling genomen", policies.BASIS_HANDLER)
    return verzoek


@transaction.atomic
def extend_term(
    verzoek: Verzoek,
    *,
    expected_version: int,
    reason: str,
    told_on: date | None,
    by: Any,
    context: AuditContext | None = None,
) -> Verzoek:
    """Extend the term by two months (AVG art. 12(3)): only once, only within the first
    month, with a reason, and the day the person was told of it (within the first month)."""
    _check_handler(verzoek, by)
    _check_open(verzoek)
    if verzoek.extended_until is not None:
        raise _invalid("__all__", _("De termijn is al verlengd; dat kan maar één keer."), "extended")
    today = timezone.localdate()
    if today > verzoek.due_on:
        raise _invalid(
            "__all__",
            _("De termijn is al verstreken; verlengen kan alleen binnen de eerste maand."),
            "too_late",
        )
    reason = _text(reason, "reason", required_message=_("Geef de reden van de verlenging."), limit=MAX_REASON)
    if told_on is None:
        raise _invalid("told_on", _("Vul in wanneer de betrokkene over de verlenging is geïnformeerd."), "required")
    plausible.check_past_day(
        told_on, field="told_on", not_before=verzoek.received_on, not_before_label=_("de ontvangst van het verzoek")
    )
    verzoek.extended_until = extended_due_date(verzoek.received_on)
    verzoek.extension_reason = reason
    verzoek.extension_told_on = told_on
    verzoek.save_versioned(expected_version, ["extended_until", "extension_reason", "extension_told_on"])
    _history(verzoek, by, Gebeurtenis.VERLENGD, reason)
    _audit(by, context, verzoek, Action.UPDATE, "termijn verlengd", policies.BASIS_HANDLER)
    return verzoek


@transaction.atomic
def decide_request(
    verzoek: Verzoek,
    *,
    expected_version: int,
    outcome: str,
    decided_on: date | None,
    answer: str = "",
    correction_done: str = "",
    by: Any,
    context: AuditContext | None = None,
) -> Verzoek:
    """Grant (and carry out) or refuse a request. A refusal needs the reason; a granted
    correction says what was corrected (the correction itself is made on the melding's
    or casus' own correction pages, with their history)."""
    _check_handler(verzoek, by)
    _check_open(verzoek)
    if outcome not in (Status.TOEGEWEZEN, Status.AFGEWEZEN):
        raise _invalid("outcome", _("Kies toewijzen of afwijzen."), "invalid")
    if decided_on is None:
        raise _invalid("decided_on", _("Vul de datum van het besluit in."), "required")
    plausible.check_past_day(
        decided_on,
        field="decided_on",
        not_before=verzoek.received_on,
        not_before_label=_("de ontvangst van het verzoek"),
    )
    answer = (answer or "").strip()
    correction_done = (correction_done or "").strip()
    if outcome == Status.AFGEWEZEN:
        answer = _text(
            answer,
            "answer",
            required_message=_("Geef de reden van de afwijzing; de betrokkene heeft er recht op."),
            limit=MAX_TEXT,
        )
        correction_done = ""
    elif len(answer) > MAX_TEXT:
        raise _invalid("answer", _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_TEXT}, "too_long")
    if outcome == Status.TOEGEWEZEN and verzoek.kind == Soort.CORRECTIE:
        correction_done = _text(
            correction_done,
            "correction_done",
            required_message=_("Beschrijf wat is gecorrigeerd."),
            limit=MAX_TEXT,
        )
    verzoek.status = outcome
    verzoek.decided_on = decided_on
    verzoek.decided_by = by
    verzoek.answer = answer
    verzoek.correction_done = correction_done
    verzoek.save_versioned(expected_version, ["status", "decided_on", "decided_by", "answer", "correction_done"])
    event = Gebeurtenis.TOEGEWEZEN if outcome == Status.TOEGEWEZEN else Gebeurtenis.AFGEWEZEN
    _history(verzoek, by, event, "\n".join(t for t in (correction_done, answer) if t))
    _audit(by, context, verzoek, Action.UPDATE, f"besloten: {outcome}", policies.BASIS_HANDLER)
    return verzoek


@transaction.atomic
def lift_restriction(
    verzoek: Verzoek,
    *,
    expected_version: int,
    lifted_on: date | None,
    reason: str,
    by: Any,
    context: AuditContext | None = None,
) -> Verzoek:
    """End a granted restriction, with a reason (AVG art. 18(3): the person is told before)."""
    _check_handler(verzoek, by)
    if not verzoek.restriction_active:
        raise _invalid("__all__", _("Dit verzoek is geen beperking die van kracht is."), "not_active")
    reason = _text(reason, "reason", required_message=_("Geef de reden van het opheffen."), limit=MAX_REASON)
    if lifted_on is None:
        raise _invalid("lifted_on", _("Vul de datum van het opheffen in."), "required")
    plausible.check_past_day(
        lifted_on,
        field="lifted_on",
        not_before=verzoek.decided_on,
        not_before_label=_("het besluit over de beperking"),
    )
    verzoek.restriction_lifted_on = lifted_on
    verzoek.restriction_lifted_reason = reason
    verzoek.save_versioned(expected_version, ["restriction_lifted_on", "restriction_lifted_reason"])
    _history(verzoek, by, Gebeurtenis.BEPERKING_OPGEHEVEN, reason)
    _audit(by, context, verzoek, Action.UPDATE, "beperking opgeheven", policies.BASIS_HANDLER)
    return verzoek


# --- lists ----------------------------------------------------------------------------


def requests_of_person(user: Any, person: Any) -> list[Verzoek]:
    """The requests of ``person`` that ``user`` handles (her organisation's), newest first."""
    if not policies.can_view_own_requests(user):
        return []
    return list(Verzoek.objects.filter(person=person, organisation_id=user.organisation_id))


def organisation_requests(user: Any) -> QuerySet[Verzoek]:
    """All requests to ``user``'s organisation: open first (the term nearest first), then the decided."""
    if not policies.can_view_own_requests(user):
        return Verzoek.objects.none()
    return Verzoek.objects.filter(organisation_id=user.organisation_id).select_related("person")


def open_requests(user: Any) -> QuerySet[Verzoek]:
    """The open requests to ``user``'s organisation (none for a user who may not see them):
    the teamleider's worklist section and the home page's figure for it."""
    return organisation_requests(user).filter(status__in=OPEN_STATUSES)


def sorted_open_first(verzoeken: list[Verzoek]) -> list[Verzoek]:
    return sorted(verzoeken, key=lambda v: (not v.is_open, v.term_ends_on if v.is_open else date.max, -v.pk))


@dataclass(frozen=True)
class WorklistRow:
    verzoek: Verzoek
    overdue: bool
    days_left: int


def worklist_rows(user: Any, today: date | None = None) -> list[WorklistRow]:
    """The open requests of the teamleider's organisation whose term ends within
    ``WARN_DAYS`` days or has passed: overdue first, then the nearest term."""
    if not policies.can_view_own_requests(user):
        return []
    today = today or timezone.localdate()
    horizon = today + timedelta(days=WARN_DAYS)
    rows = []
    for v in open_requests(user):
        if v.term_ends_on <= horizon:
            rows.append(WorklistRow(v, v.is_overdue(today), (v.term_ends_on - today).days))
    return sorted(rows, key=lambda r: (not r.overdue, r.verzoek.term_ends_on, r.verzoek.pk))


def register(user: Any) -> list[Verzoek]:
    """The register for the privacy officer: every request of the installation, open first
    (overdue ones first among them), then the decided, newest first."""
    if not policies.can_view_register(user):
        raise PermissionDenied
    return sorted_open_first(list(Verzoek.objects.select_related("organisation")))


REGISTER_COLUMNS = (
    "kenmerk",
    "soort",
    "organisatie",
    "ontvangen op",
    "ontvangen via",
    "termijn tot en met",
    "verlengd",
    "status",
    "besloten op",
    "te laat",
    "te laat besloten",
    "beperking van kracht",
)


def register_rows(verzoeken: list[Verzoek], today: date) -> list[list[Any]]:
    """The register as rows of the CSV export: references and dates only."""
    return [
        [
            v.reference,
            v.get_kind_display(),
            v.organisation.name,
            v.received_on.isoformat(),
            v.get_channel_display(),
            v.term_ends_on.isoformat(),
            _("ja") if v.extended_until else _("nee"),
            v.get_status_display(),
            v.decided_on.isoformat() if v.decided_on else "",
            _("ja") if v.is_overdue(today) else _("nee"),
            _("ja") if v.decided_late else _("nee"),
            _("ja") if v.restriction_active else _("nee"),
        ]
        for v in verzoeken
    ]


# --- when the person's records are removed -------------------------------------------------


@transaction.atomic
def anonymise_requests_of(person: Any) -> int:
    """For the removal of ``person``'s records at the end of their retention term: his
    requests stay in the register (reference, kind, organisation, dates, status: the
    accountability of art. 5(2) AVG) without anything about him: the texts and the history
    notes are emptied and the link to the person goes. Returns how many requests."""
    verzoeken = Verzoek.objects.filter(person_id=person.pk)
    ids = list(verzoeken.values_list("pk", flat=True))
    VerzoekGebeurtenis.objects.filter(verzoek_id__in=ids).update(note="")
    Verzoek.objects.filter(pk__in=ids).update(
        person=None,
        request_text="",
        answer="",
        correction_done="",
        extension_reason="",
        restriction_lifted_reason="",
    )
    return len(ids)


# --- the reminder a week before the term ends ------------------------------------------------


def _handlers(verzoek: Verzoek) -> list[Any]:
    """Who is reminded: the teamleider who registered the request while she still handles it,
    else the active teamleiders of the organisation."""
    registered = verzoek.registered_by
    if registered.is_active and policies.can_handle_request(registered, verzoek):
        return [registered]
    return list(User.objects.filter(organisation_id=verzoek.organisation_id, role=Role.TEAMLEIDER, is_active=True))


def remind_terms(today: date | None = None) -> int:
    """Tell the handler of every open request whose term ends within ``WARN_DAYS`` days
    (and has not passed) that it does: once per term (an extension gets its own reminder).
    The notification holds the reference and the day, never the person. Returns how many
    requests were reminded of. Idempotent: run it daily (``manage.py send_request_reminders``)."""
    from django.urls import reverse
    from django.utils import translation

    today = today or timezone.localdate()
    horizon = today + timedelta(days=WARN_DAYS)
    reminded = 0
    candidates = Verzoek.objects.filter(status__in=OPEN_STATUSES).select_related("registered_by")
    for verzoek in candidates:
        end = verzoek.term_ends_on
        if not (today <= end <= horizon) or verzoek.reminded_for == end:
            continue
        with transaction.atomic():
            # Claim the reminder first: two runs at once remind once.
            claimed = Verzoek.objects.filter(pk=verzoek.pk).exclude(reminded_for=end).update(reminded_for=end)
            if not claimed:
                continue
            with translation.override("nl"):
                text = _("De termijn van verzoek %(ref)s loopt af op %(day)s.") % {
                    "ref": verzoek.reference,
                    "day": end.strftime("%d-%m-%Y"),
                }
            for user in _handlers(verzoek):
                notify(user, text, reverse("verzoeken:detail", args=[verzoek.pk]), reference=verzoek.reference)
            reminded += 1
    return reminded
