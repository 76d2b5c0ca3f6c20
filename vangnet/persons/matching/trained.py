"""The stored versions of the matcher's trained model (issue 14), and the active one.

- ``store_model(params, source=...)``: save a new version and make it the active one.
- ``active_params()``: the active version's ``params`` (see ``model``), or None while no
  model was trained (the matcher then keeps its own weights). The triage search asks for
  it on every query, so it is cached in the process and the database is asked at most
  once a minute whether another version became active.
- ``train_and_store(source=...)``: estimate on the registry and the latest meldingen
  (``train_from_database``) and store the result.
- ``current_weights()``: what the search and deduplication score with: the active model,
  or the hand-set weights while none is stored.

A version holds weights and counts only, never a person."""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from vangnet.audit.services import Action, AuditContext, ObjectType, audit

from . import model as fs_model
from .features import Features
from .scoring import HAND_WEIGHTS, Weights
from .store_models import MatchModelSource, MatchModelVersion

__all__ = [
    "CHECK_SECONDS",
    "MIN_TRAIN_RECORDS",
    "TooSmallToTrain",
    "active_params",
    "active_version",
    "check_params",
    "clear_cache",
    "current_weights",
    "earlier_versions",
    "registry_too_small",
    "store_model",
    "too_small_message",
    "train_and_store",
    "train_from_database",
]

# How stale another process's view of the active version may be.
CHECK_SECONDS = 60.0

# The audit row of a run nobody started by hand (the weekly schedule, an import from cron).
SCHEDULE_ACTOR = SimpleNamespace(pk="systeem", username="systeem", role="", organisation=None)

_COUNTS = ("record_count", "query_count", "pair_count")


# --- storing -------------------------------------------------------------------------


def check_params(params: Any) -> None:
    """Refuse what the matcher could not read back: ValueError naming the first problem."""
    if not isinstance(params, dict):
        raise ValueError("params is geen object")
    if params.get("format") != fs_model.FORMAT:
        raise ValueError(f"onbekend formaat {params.get('format')!r}, verwacht {fs_model.FORMAT!r}")
    for key in _COUNTS:
        value = params.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{key} is geen aantal")
    comparisons = params.get("comparisons")
    if not isinstance(comparisons, dict) or not comparisons:
        raise ValueError("comparisons ontbreekt")
    for name, comparison in comparisons.items():
        levels = comparison.get("levels") if isinstance(comparison, dict) else None
        if not isinstance(levels, list) or not levels:
            raise ValueError(f"vergelijking {name!r} heeft geen niveaus")
        for level in levels:
            _check_fields(level, ("code", "label"), ("m", "u", "weight"), f"niveau van {name!r}")
    family = params.get("family", [])
    if not isinstance(family, list):
        raise ValueError("family is geen lijst")
    for level in family:
        # u is what the matcher reads (``TrainedWeights.family``); the rest is for the beheer page.
        _check_fields(level, ("code", "label"), ("observed", "expected", "u", "weight"), "familieniveau")
    thresholds = params.get("thresholds")
    if not isinstance(thresholds, dict):
        raise ValueError("thresholds ontbreekt")
    _check_fields(thresholds, (), ("match", "possible"), "thresholds")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_fields(level: Any, texts: tuple[str, ...], numbers: tuple[str, ...], what: str) -> None:
    if not isinstance(level, dict):
        raise ValueError(f"{what} is geen object")
    missing = [f for f in (*texts, *numbers) if f not in level]
    if missing:
        raise ValueError(f"{what} mist {', '.join(missing)}")
    wrong = [f for f in numbers if not _is_number(level[f])]
    if wrong:
        raise ValueError(f"{what}: {', '.join(wrong)} is geen getal")


def _trained_at(params: dict[str, Any]) -> datetime:
    parsed = parse_datetime(str(params.get("trained_at") or ""))
    if parsed is None:
        return timezone.now()
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def store_model(
    params: dict[str, Any],
    *,
    source: str,
    acting_user: Any = None,
    context: AuditContext | None = None,
) -> MatchModelVersion:
    """Save ``params`` as the next version and make it the only active one, with its
    audit row, in one transaction. ``acting_user`` None: the schedule or an import."""
    check_params(params)
    if source not in MatchModelSource.values:
        raise ValueError(f"onbekende bron {source!r}")
    with transaction.atomic():
        # Two stores at once (PostgreSQL): both lock the same row, the oldest, so the second
        # waits for the first to commit and its next statement sees that version. (Locking
        # the newest row did not: a store that began after another had committed locked a
        # newer row than one still waiting, and both took the same number.) The very first
        # store has nothing to lock; the unique version refuses a duplicate then.
        MatchModelVersion.objects.select_for_update().order_by("version").values_list("pk", flat=True).first()
        number = (MatchModelVersion.objects.aggregate(n=Max("version"))["n"] or 0) + 1
        MatchModelVersion.objects.filter(is_active=True).update(is_active=False)
        stored = MatchModelVersion.objects.create(
            version=number,
            trained_at=_trained_at(params),
            params=params,
            source=source,
            trained_by=acting_user,
            is_active=True,
            **{key: params[key] for key in _COUNTS},
        )
        audit(
            acting_user if acting_user is not None else SCHEDULE_ACTOR,
            Action.CREATE,
            context=context,
            object_type=ObjectType.ZOEKMODEL,
            detail=(
                f"zoekmodel personen versie {number} opgeslagen en actief "
                f"(bron {source}; {stored.record_count} personen, {stored.pair_count} paren)"
            ),
        )
        transaction.on_commit(clear_cache)
    # This process sees the new version at once; the others within CHECK_SECONDS.
    clear_cache()
    return stored


def train_and_store(*, source: str, acting_user: Any = None, sample_queries: int | None = None) -> MatchModelVersion:
    """Estimate the model on the registry and store it as the active version."""
    params = train_from_database() if sample_queries is None else train_from_database(sample_queries=sample_queries)
    return store_model(params, source=source, acting_user=acting_user)


# --- reading -------------------------------------------------------------------------


def active_version() -> MatchModelVersion | None:
    """The active version with its params (one query; for the beheer page, not the search)."""
    return MatchModelVersion.objects.filter(is_active=True).first()


def earlier_versions() -> QuerySet[MatchModelVersion]:
    """Every version but the active one, newest first, without the (large) params."""
    return MatchModelVersion.objects.filter(is_active=False).defer("params").order_by("-version")


@dataclass(frozen=True)
class _Cached:
    version_id: int | None
    params: dict[str, Any] | None
    checked_at: float


_cached: _Cached | None = None


def active_params() -> dict[str, Any] | None:
    """The active version's params, or None when no model is stored. Shared between
    callers: read it, never change it.

    Within CHECK_SECONDS of the last look no query at all; after that one query on the
    (indexed) active flag, and the params are read again only when the version changed."""
    global _cached
    now = time.monotonic()
    cached = _cached
    if cached is not None and now - cached.checked_at < CHECK_SECONDS:
        return cached.params
    current = MatchModelVersion.objects.filter(is_active=True).values_list("pk", flat=True).first()
    if cached is not None and cached.version_id == current:
        _cached = _Cached(current, cached.params, now)
        return cached.params
    params = (
        MatchModelVersion.objects.filter(pk=current).values_list("params", flat=True).first()
        if current is not None
        else None
    )
    _cached = _Cached(current, params, now)
    return params


def clear_cache() -> None:
    """Forget the cached params: the next ``active_params`` reads the database."""
    global _cached
    _cached = None


# --- using and training the model ----------------------------------------------------


def current_weights() -> Weights:
    """The active trained model's weights, or the hand-set ones while none is stored."""
    params = active_params()
    if not params:
        return HAND_WEIGHTS
    cached = _CACHE.get("weights")
    if cached is None or cached.params is not params:
        cached = fs_model.TrainedWeights(params)
        _CACHE["weights"] = cached
    return cached


_CACHE: dict[str, fs_model.TrainedWeights] = {}


# Fewer registered persons than this say too little to estimate weights from: the matcher
# keeps its hand-set weights (a new installation, a small test registry).
MIN_TRAIN_RECORDS = 200


class TooSmallToTrain(ValueError):
    """The registry is too small to estimate a model from."""


def too_small_message(count: int) -> str:
    """The one text for a registry too small to train on: the beheer page shows it instead of
    the button, and a training started anyway (command, schedule) fails with it."""
    from django.utils.translation import gettext

    return gettext(
        "Het register telt te weinig personen om het zoekmodel te trainen (%(count)s, minimaal %(minimum)s); "
        "de standaardgewichten blijven in gebruik."
    ) % {"count": count, "minimum": MIN_TRAIN_RECORDS}


def registry_too_small() -> int | None:
    """The number of active persons when it is below ``MIN_TRAIN_RECORDS`` (a training would
    refuse, so the beheer page says so before queuing one), else None."""
    from vangnet.persons.models import Person

    count = Person.objects.filter(is_active=True)[:MIN_TRAIN_RECORDS].count()
    return count if count < MIN_TRAIN_RECORDS else None


# Registered persons kept in memory for the random pairs and the EM of a registry without
# meldingen; the rest of the registry is only counted (``model.RegistrySummary``).
SAMPLE_RECORDS = 200_000


def train_from_database(
    *, sample_queries: int = 20_000, descriptions: list[dict] | None = None, sample_records: int = SAMPLE_RECORDS
) -> dict[str, Any]:
    """Estimate the model on the persons in the database and the descriptions it was asked
    about: ``descriptions`` (query CSV fields; the benchmark's queries) or else the latest
    meldingen. Returns ``params`` as described above; storing it is the caller's job.

    One pass over the registry, house by house: a sample is kept, everything is counted."""
    from vangnet.persons.models import Person

    from .index import PERSON_FIELDS, person_features
    from .search import _fetch, _retrieve, _weighted_query_keys, query_features

    rng = random.Random(0)  # noqa: S311 - a sample, not a secret
    summary = fs_model.RegistrySummary()
    sample: list[Features] = []
    house = ""
    members: list[Features] = []
    rows = Person.objects.filter(is_active=True).order_by("postcode", "street", "house_number", "pk")
    for row in rows.values(*PERSON_FIELDS).iterator(chunk_size=5000):
        f = person_features(row)
        summary.add_person(f)
        if len(sample) < sample_records:
            sample.append(f)
        else:
            j = rng.randrange(summary.record_count)
            if j < sample_records:
                sample[j] = f
        key = fs_model.house_key(f)
        if key != house:
            summary.add_house(members)
            house, members = key, []
        if key:
            members.append(f)
    summary.add_house(members)
    if summary.record_count < MIN_TRAIN_RECORDS:
        raise TooSmallToTrain(too_small_message(summary.record_count))
    if descriptions is None:
        descriptions = _recent_descriptions(sample_queries)
    pairs = []
    for query in descriptions[:sample_queries]:
        q = query_features(query)
        if not q.surnames and not q.dob and not q.bsn and not q.postcode:
            continue
        ids = _retrieve(_weighted_query_keys(q), 10)
        if ids:
            pairs.append((q, [row["variants"][0] for row in _fetch(ids)]))
    return fs_model.train(sample, pairs, summary=summary)


def _recent_descriptions(limit: int) -> list[dict]:
    """The person fields of the latest meldingen, as triage asks the matcher about them
    (the same fields as ``triage.services.melding_query``)."""
    from vangnet.intake.models import BETROKKENE_FIELDS, Melding

    rows = Melding.objects.order_by("-pk").values(*BETROKKENE_FIELDS, "received_at")[:limit]
    out = []
    for values in rows:
        row: dict[str, Any] = dict(values)
        received: datetime | None = values["received_at"]
        row.pop("received_at")
        age = row.pop("estimated_age")
        row["surname_prefix"] = row.pop("tussenvoegsel")
        row["approx_age"] = age if not row["date_of_birth"] else None
        row["reference_year"] = received.year if received else None
        out.append(row)
    return out
