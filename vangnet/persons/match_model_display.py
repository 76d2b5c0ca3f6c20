"""The matcher's trained model as the beheer page shows it: its ``params`` (see
``matching.model``) turned into rows of numbers in the language of the page.

Probabilities keep three significant digits, so the u of a rare surname (0,0000123)
does not read as 0; weights are bits with two decimals and a sign."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format

from .matching.store_models import MatchModelVersion


def significant(value: Any, digits: int = 3) -> str:
    """``value`` with ``digits`` significant digits, no trailing zeros, in the active language."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        return "–"
    if value == 0:
        return number_format(0)
    decimals = min(12, max(0, digits - 1 - math.floor(math.log10(abs(value)))))
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return _localised(text)


def _localised(text: str) -> str:
    """A number already rounded as text ("-0.0012") in the page's language. Rounding is
    done before: number_format cuts decimals off rather than rounding them."""
    return number_format(Decimal(text), decimal_pos=len(text.partition(".")[2]), use_l10n=True, force_grouping=True)


def bits(value: Any) -> str:
    """A weight in bits: "+3,45", "-2,10"."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        return "–"
    rounded = f"{abs(value):.2f}"
    sign = "" if float(rounded) == 0 else "+" if value > 0 else "-"
    return sign + _localised(rounded)


def count(value: Any) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return "–"
    return number_format(value, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class LevelRow:
    label: str
    m: str
    u: str
    weight: str


@dataclass(frozen=True)
class ComparisonTable:
    name: str
    label: str
    levels: list[LevelRow]


@dataclass(frozen=True)
class FamilyRow:
    label: str
    observed: str
    expected: str
    weight: str


@dataclass(frozen=True)
class ModelFigures:
    iterations: str
    prior_match: str
    match_threshold: str
    possible_threshold: str
    comparisons: list[ComparisonTable]
    family: list[FamilyRow]


def describe_params(params: dict[str, Any]) -> ModelFigures:
    comparisons = [
        ComparisonTable(
            name=name,
            label=str(comparison.get("label") or name),
            levels=[
                LevelRow(
                    label=str(level.get("label") or level.get("code", "")),
                    m=significant(level.get("m")),
                    u=significant(level.get("u")),
                    weight=bits(level.get("weight")),
                )
                for level in comparison.get("levels", [])
            ],
        )
        for name, comparison in params.get("comparisons", {}).items()
    ]
    family = [
        FamilyRow(
            label=str(level.get("label") or level.get("code", "")),
            observed=count(level["observed"])
            if isinstance(level.get("observed"), int)
            else significant(level.get("observed")),
            expected=significant(level.get("expected")),
            weight=bits(level.get("weight")),
        )
        for level in params.get("family", [])
    ]
    thresholds = params.get("thresholds", {})
    return ModelFigures(
        iterations=count(params.get("iterations")),
        prior_match=significant(params.get("prior_match")),
        match_threshold=significant(thresholds.get("match")),
        possible_threshold=significant(thresholds.get("possible")),
        comparisons=comparisons,
        family=family,
    )


@dataclass(frozen=True)
class VersionRow:
    version: int
    trained_at: Any
    source: str
    record_count: str
    query_count: str
    pair_count: str


def version_row(version: MatchModelVersion) -> VersionRow:
    return VersionRow(
        version=version.version,
        trained_at=version.trained_at,
        source=version.get_source_display(),
        record_count=count(version.record_count),
        query_count=count(version.query_count),
        pair_count=count(version.pair_count),
    )
