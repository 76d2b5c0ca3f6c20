"""The rules of the crisis card and the crisis episodes: keep the card (every save
a version that can be read later), record an episode, add what came back, and
which card a referral shares. Each change writes its access-log row in the same
transaction; the row names what was done, never the content."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core import plausible
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.errors import field_error as _invalid

from . import policies
from .models import CARD_FIELDS, MAX_COPY, MAX_TEXT, CrisisCard, CrisisCardVersion, CrisisEpisode, EpisodeKind

# The part a referral shares (network.SharedPart.CRISISKAART, the same text).
SHARED_PART = "crisiskaart"
# An episode may be recorded afterwards, also one from before the casus started (within a year).
EPISODE_HISTORY = timedelta(days=365)
# The same episode sent again within this time by the same worker is a double submit.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=10)
# A card agreed longer ago than this is not plausible (a typo in the year).
AGREEMENT_HISTORY = timedelta(days=5 * 365)
TEXT_FIELDS = ("early_signs", "what_helps", "what_not", "who_to_call")


def _too_long(limit: int) -> str:
    return _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": limit}


def current_card(person: Any) -> CrisisCard | None:
    return CrisisCard.objects.filter(person=person).select_related("updated_by").first()


def card_history(card: CrisisCard) -> list[CrisisCardVersion]:
    """Every saved state of the card, newest first."""
    return list(card.versions.select_related("saved_by"))


def _clean_card(values: Mapping[str, Any], casus: Any) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    errors: dict[str, ValidationError] = {}
    for field in TEXT_FIELDS:
        text = (values.get(field) or "").strip()
        if len(text) > MAX_TEXT:
            errors[field] = ValidationError(_too_long(MAX_TEXT), code="too_long")
        cleaned[field] = text
    copy_holders = (values.get("copy_holders") or "").strip()
    if len(copy_holders) > MAX_COPY:
        errors["copy_holders"] = ValidationError(_too_long(MAX_COPY), code="too_long")
    cleaned["copy_holders"] = copy_holders
    agreed = bool(values.get("agreed_with_person"))
    agreed_on: date | None = values.get("agreed_on")
    cleaned["agreed_with_person"] = agreed
    cleaned["agreed_on"] = agreed_on if agreed else None
    if agreed and agreed_on is None:
        errors["agreed_on"] = ValidationError(
            _("Vul in op welke datum de kaart met de betrokkene is afgesproken."), code="required"
        )
    if errors:
        raise ValidationError(errors)
    if agreed and agreed_on is not None:
        plausible.check_past_day(
            agreed_on,
            field="agreed_on",
            not_before=timezone.localdate() - AGREEMENT_HISTORY,
            not_before_label=_("vijf jaar geleden"),
        )
    if not any(cleaned[f] for f in TEXT_FIELDS):
        raise _invalid(
            "__all__",
            _("Vul minstens één van de vroege signalen, wat helpt, wat niet doen of wie bellen in."),
            "empty",
        )
    return cleaned


def _snapshot(card: CrisisCard, by: Any, at: datetime) -> None:
    CrisisCardVersion.objects.create(card=card, number=card.version, saved_by=by, saved_at=at, **card.content())


@transaction.atomic
def save_card(
    casus: Any,
    *,
    expected_version: int | None,
    values: Mapping[str, Any],
    by: Any,
    context: AuditContext | None = None,
) -> CrisisCard:
    """Write the crisis card of the casus' person (a new one, or a change of the
    current one). ``expected_version`` is the version the worker started from (0 or
    None: there was no card). Someone else saved meanwhile: ConcurrentEditError and
    nothing changes; the same content sent again (a double submit): the card as it is,
    without a second version or row. Each save keeps a version to read later."""
    if not policies.can_edit_crisis(by, casus):
        raise PermissionDenied
    if not casus.is_open:
        raise _invalid("__all__", _("De casus is afgesloten; heropen hem eerst."), "closed")
    cleaned = _clean_card(values, casus)
    now = timezone.now()
    card = CrisisCard.objects.select_for_update().filter(person_id=casus.person_id).first()
    if card is not None and (expected_version or 0) != card.version:
        if card.content() == cleaned and card.updated_by_id == by.pk:
            return card  # the same form sent twice
        raise ConcurrentEditError(ConcurrentEditError.message)
    if card is None:
        if expected_version:
            raise ConcurrentEditError(ConcurrentEditError.message)  # the card is gone
        try:
            with transaction.atomic():
                card = CrisisCard.objects.create(
                    person_id=casus.person_id, created_by=by, created_at=now, updated_by=by, updated_at=now, **cleaned
                )
        except IntegrityError:
            raise ConcurrentEditError(ConcurrentEditError.message) from None
        action, detail = Action.CREATE, "crisiskaart vastgelegd"
    else:
        if card.content() == cleaned:
            return card  # nothing changed: no new version
        for field, value in cleaned.items():
            setattr(card, field, value)
        card.updated_by, card.updated_at = by, now
        card.save_versioned(card.version, [*CARD_FIELDS, "updated_by", "updated_at"])
        action, detail = Action.UPDATE, "crisiskaart gewijzigd"
    _snapshot(card, by, now)
    audit(
        by,
        action,
        context=context,
        casus=casus,
        person=casus.person,
        object_type=ObjectType.CRISISKAART,
        detail=f"{detail} (versie {card.version})",
        reason=policies.crisis_basis(by, casus) or "",
    )
    return card


def shared_card(referral: Any) -> CrisisCardVersion | None:
    """The crisis card a referral shares with the partner: the card as it was when the
    worker proposed the referral (the one she chose to share), only while the referral
    shares the part. A later change is not shared with it."""
    if SHARED_PART not in referral.shared_parts or not referral.shared_with_partner:
        return None
    return (
        CrisisCardVersion.objects.filter(card__person_id=referral.casus.person_id, saved_at__lte=referral.proposed_at)
        .order_by("-number")
        .first()
    )


# --- crisis episodes -------------------------------------------------------------------


def episodes(casus: Any) -> list[CrisisEpisode]:
    return list(CrisisEpisode.objects.filter(casus=casus).select_related("recorded_by", "feedback_by"))


def _check_episode(casus: Any, kind: str, at: datetime | None, what_happened: str, feedback: str) -> datetime:
    errors: dict[str, ValidationError] = {}
    if kind not in EpisodeKind.values:
        errors["kind"] = ValidationError(_("Kies wat er gebeurde."), code="kind")
    if at is None:
        errors["at"] = ValidationError(_("Vul in wanneer het was."), code="required")
    if not what_happened:
        errors["what_happened"] = ValidationError(_("Beschrijf wat er gebeurde."), code="required")
    elif len(what_happened) > MAX_TEXT:
        errors["what_happened"] = ValidationError(_too_long(MAX_TEXT), code="too_long")
    if len(feedback) > MAX_TEXT:
        errors["feedback"] = ValidationError(_too_long(MAX_TEXT), code="too_long")
    if errors or at is None:
        raise ValidationError(errors)
    plausible.check_moment(
        at,
        field="at",
        not_before=casus.opened_at - EPISODE_HISTORY,
        not_before_label=_("een jaar vóór de start van de casus"),
    )
    return at


@transaction.atomic
def record_episode(
    casus: Any,
    *,
    kind: str,
    at: datetime | None,
    what_happened: str,
    feedback: str = "",
    by: Any,
    context: AuditContext | None = None,
) -> CrisisEpisode:
    """Record a crisis episode on the casus timeline. The same episode sent again by the
    same worker within a few minutes (a double submit) is the first one."""
    if not policies.can_edit_crisis(by, casus):
        raise PermissionDenied
    if not casus.is_open:
        raise _invalid("__all__", _("De casus is afgesloten; heropen hem eerst."), "closed")
    what_happened, feedback = (what_happened or "").strip(), (feedback or "").strip()
    moment = _check_episode(casus, kind, at, what_happened, feedback)
    now = timezone.now()
    earlier = CrisisEpisode.objects.filter(
        casus=casus,
        kind=kind,
        at=moment,
        what_happened=what_happened,
        recorded_by=by,
        recorded_at__gte=now - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if earlier is not None:
        return earlier
    episode = CrisisEpisode.objects.create(
        casus=casus,
        kind=kind,
        at=moment,
        what_happened=what_happened,
        feedback=feedback,
        feedback_by=by if feedback else None,
        feedback_at=now if feedback else None,
        recorded_by=by,
        recorded_at=now,
    )
    audit(
        by,
        Action.CREATE,
        context=context,
        casus=casus,
        object_type=ObjectType.CRISISEPISODE,
        detail=f"crisisepisode vastgelegd ({episode.get_kind_display()}, {timezone.localdate(episode.at).isoformat()})",
        reason=policies.crisis_basis(by, casus) or "",
    )
    return episode


@transaction.atomic
def add_feedback(
    episode: CrisisEpisode,
    *,
    expected_version: int,
    feedback: str,
    by: Any,
    context: AuditContext | None = None,
) -> CrisisEpisode:
    """Add (or complete) what came back from the crisis service, the ward or the police.
    The only change an episode takes; optimistic locking on its version."""
    casus = episode.casus
    if not policies.can_add_feedback(by, episode):
        raise PermissionDenied
    feedback = (feedback or "").strip()
    if not feedback:
        raise _invalid("feedback", _("Vul in wat er terugkwam."), "required")
    if len(feedback) > MAX_TEXT:
        raise _invalid("feedback", _too_long(MAX_TEXT), "too_long")
    if feedback == episode.feedback and (expected_version == episode.version or episode.feedback_by_id == by.pk):
        return episode  # nothing changed, or the same form sent twice
    episode.feedback, episode.feedback_by, episode.feedback_at = feedback, by, timezone.now()
    episode.save_versioned(expected_version, ["feedback", "feedback_by", "feedback_at"])
    audit(
        by,
        Action.UPDATE,
        context=context,
        casus=casus,
        object_type=ObjectType.CRISISEPISODE,
        detail=f"terugkoppeling crisisepisode vastgelegd ({timezone.localdate(episode.at).isoformat()})",
        reason=policies.crisis_basis(by, casus) or "",
    )
    return episode


def card_version(person_id: int) -> int:
    """The version of the person's card now (0: none), for a form after an edit conflict."""
    return CrisisCard.objects.filter(person_id=person_id).values_list("version", flat=True).first() or 0
