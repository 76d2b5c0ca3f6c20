"""The rules of the life-domain picture: record one, correct one, read the trend,
and which picture a referral shares. Each change writes its access-log row in the
same transaction; the row names the day of the picture, never its content."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core import plausible
from vangnet.core.errors import field_error as _invalid

from . import policies
from .models import (
    DEFAULT_LABELS,
    HIGHEST,
    LOWEST,
    MAX_DOMAIN_TEXT,
    MAX_NOTE,
    Assessment,
    DomainScore,
    LifeDomain,
    ScaleLabel,
)

# The part a referral shares (network.SharedPart.LEEFGEBIEDEN, the same text).
SHARED_PART = "leefgebieden"
# How many pictures the trend shows (the newest).
TREND_LENGTH = 12

# What one domain of the form holds: (score or None, text).
Scores = Mapping[str, tuple[int | None, str]]


@dataclass(frozen=True)
class TrendPoint:
    day: date
    score: int | None


@dataclass(frozen=True)
class DomainTrend:
    domain: str
    label: str
    points: list[TrendPoint]

    @property
    def has_scores(self) -> bool:
        return any(p.score is not None for p in self.points)


def scale_labels() -> dict[int, str]:
    """The labels of the five levels as functioneel beheer keeps them (the ZRM's for a
    level without a row, so the form always offers all five)."""
    return {**DEFAULT_LABELS, **dict(ScaleLabel.objects.values_list("score", "label"))}


def pictures(casus: Any) -> list[Assessment]:
    """The casus' pictures, newest first, with their scores."""
    return list(Assessment.objects.filter(casus=casus).prefetch_related("scores"))


def latest_picture(casus: Any, *, with_count: bool = False) -> Assessment | None:
    """``with_count``: the picture carries ``casus_picture_count``, the casus' number of
    pictures, in the same query (no picture: there are none)."""
    qs = Assessment.objects.filter(casus=casus).prefetch_related("scores")
    if with_count:
        count = Assessment.objects.filter(casus=casus).order_by().values("casus").annotate(n=Count("pk")).values("n")
        qs = qs.annotate(casus_picture_count=Subquery(count[:1]))
    return qs.first()


def trend(casus: Any, *, length: int = TREND_LENGTH) -> list[DomainTrend]:
    """Per domain the scores of the newest ``length`` pictures, oldest first."""
    recent = pictures(casus)[:length][::-1]
    by_picture = [(p.assessed_on, {s.domain: s.score for s in p.scores.all()}) for p in recent]
    return [
        DomainTrend(domain, str(label), [TrendPoint(day, scores.get(domain)) for day, scores in by_picture])
        for domain, label in LifeDomain.choices
    ]


def shared_picture(referral: Any) -> Assessment | None:
    """The picture a referral shares with the partner: the latest one recorded when the
    worker proposed the referral (the one she chose), only while the referral shares the
    part. A picture recorded later is not shared with it (a correction of the chosen
    picture is: it is the same picture)."""
    if SHARED_PART not in referral.shared_parts or not referral.shared_with_partner:
        return None
    return (
        Assessment.objects.filter(casus_id=referral.casus_id, created_at__lte=referral.proposed_at)
        .prefetch_related("scores")
        .first()
    )


def _clean_scores(scores: Scores) -> dict[str, tuple[int | None, str]]:
    """The domains that say something, checked; at least one has a score."""
    cleaned: dict[str, tuple[int | None, str]] = {}
    errors: dict[str, ValidationError] = {}
    for domain in LifeDomain.values:
        score, text = scores.get(domain, (None, ""))
        text = (text or "").strip()
        if score is not None and not (isinstance(score, int) and LOWEST <= score <= HIGHEST):
            errors[f"score_{domain}"] = ValidationError(_("Kies een score van 1 tot en met 5."), code="score")
        if len(text) > MAX_DOMAIN_TEXT:
            errors[f"text_{domain}"] = ValidationError(
                _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_DOMAIN_TEXT}, code="too_long"
            )
        if score is not None or text:
            cleaned[domain] = (score, text)
    if errors:
        raise ValidationError(errors)
    if not any(score is not None for score, _text in cleaned.values()):
        raise _invalid(
            "__all__", _("Geef minstens één leefgebied een score; laat wat u nog niet weet open."), "no_scores"
        )
    return cleaned


def _check(casus: Any, assessed_on: date | None, note: str) -> tuple[date, str]:
    if not casus.is_open:
        raise _invalid("__all__", _("De casus is afgesloten; heropen hem eerst."), "closed")
    if assessed_on is None:
        raise _invalid("assessed_on", _("Vul de datum van het beeld in."), "required")
    plausible.check_past_day(
        assessed_on, field="assessed_on", not_before=casus.opened_at, not_before_label=_("de start van de casus")
    )
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise _invalid("note", _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": MAX_NOTE}, "too_long")
    return assessed_on, note


def _same_day_error() -> ValidationError:
    return _invalid(
        "assessed_on",
        _("Er is al een leefgebiedenbeeld van deze dag. Kies een andere datum, of pas dat beeld aan."),
        "same_day",
    )


def _write_scores(assessment: Assessment, scores: dict[str, tuple[int | None, str]]) -> None:
    assessment.scores.all().delete()
    DomainScore.objects.bulk_create(
        DomainScore(assessment=assessment, domain=domain, score=score, text=text)
        for domain, (score, text) in scores.items()
    )


def _content(assessment: Assessment) -> tuple[str, dict[str, tuple[int | None, str]]]:
    return assessment.note, {s.domain: (s.score, s.text) for s in assessment.scores.all()}


def _audit_picture(by: Any, context: AuditContext | None, assessment: Assessment, action: str, detail: str) -> None:
    audit(
        by,
        action,
        context=context,
        casus=assessment.casus,
        object_type=ObjectType.LEEFGEBIEDENBEELD,
        detail=f"{detail} ({assessment.assessed_on.isoformat()})",
        reason=policies.leefgebieden_basis(by, assessment.casus) or "",
    )


@transaction.atomic
def record_picture(
    casus: Any,
    *,
    assessed_on: date | None,
    scores: Scores,
    note: str = "",
    by: Any,
    context: AuditContext | None = None,
) -> Assessment:
    """Record a dated life-domain picture of ``casus``: per domain a score (1-5 or
    unknown) and a short text. One picture per day: the same picture sent twice (a
    double submit) is the first one, without a second row; a different one on a day
    that has a picture is refused on the date."""
    if not policies.can_edit_leefgebieden(by, casus):
        raise PermissionDenied
    day, note = _check(casus, assessed_on, note)
    cleaned = _clean_scores(scores)
    earlier = Assessment.objects.filter(casus=casus, assessed_on=day).prefetch_related("scores").first()
    if earlier is not None:
        if earlier.created_by_id == by.pk and _content(earlier) == (note, cleaned):
            return earlier
        raise _same_day_error()
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                casus=casus, assessed_on=day, note=note, created_by=by, created_at=timezone.now()
            )
    except IntegrityError:
        # A parallel request recorded this day first.
        raise _same_day_error() from None
    _write_scores(assessment, cleaned)
    _audit_picture(by, context, assessment, Action.CREATE, "leefgebiedenbeeld vastgelegd")
    return assessment


@transaction.atomic
def correct_picture(
    assessment: Assessment,
    *,
    expected_version: int,
    assessed_on: date | None,
    scores: Scores,
    note: str = "",
    by: Any,
    context: AuditContext | None = None,
) -> Assessment:
    """Correct a picture (a score, a text, its date). Optimistic locking: when someone
    saved it since ``expected_version``, ConcurrentEditError and nothing changes."""
    casus = assessment.casus
    if not policies.can_edit_leefgebieden(by, casus):
        raise PermissionDenied
    day, note = _check(casus, assessed_on, note)
    cleaned = _clean_scores(scores)
    if Assessment.objects.filter(casus=casus, assessed_on=day).exclude(pk=assessment.pk).exists():
        raise _same_day_error()
    assessment.assessed_on = day
    assessment.note = note
    assessment.updated_by = by
    assessment.updated_at = timezone.now()
    try:
        with transaction.atomic():
            assessment.save_versioned(expected_version, ["assessed_on", "note", "updated_by", "updated_at"])
    except IntegrityError:
        raise _same_day_error() from None
    _write_scores(assessment, cleaned)
    _audit_picture(by, context, assessment, Action.UPDATE, "leefgebiedenbeeld gecorrigeerd")
    return assessment


@dataclass(frozen=True)
class DomainRow:
    domain: str
    label: str
    score: int | None
    scale_label: str
    text: str


def picture_rows(assessment: Assessment, labels: dict[int, str] | None = None) -> list[DomainRow]:
    """The ten domains of a picture in order, the unknown ones too (score None)."""
    labels = labels if labels is not None else scale_labels()
    scores = assessment.scores_by_domain()
    rows = []
    for domain, label in LifeDomain.choices:
        s = scores.get(domain)
        score = s.score if s else None
        rows.append(DomainRow(domain, str(label), score, labels.get(score, "") if score else "", s.text if s else ""))
    return rows
