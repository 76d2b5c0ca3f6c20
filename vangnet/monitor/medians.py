"""A median computed from counts, for the figures pages that count in the database (issue 17):
the database groups the values (one row per distinct value), Python takes the middle."""

from collections.abc import Mapping
from typing import Any


def median_of_counts(counts: Mapping[Any, int]) -> float | None:
    """``statistics.median`` of the values given as {value: how often}: the middle value,
    or the mean of the two middle ones (a float, as ``statistics.median`` gives)."""
    total = sum(counts.values())
    if not total:
        return None
    ordered = sorted(counts.items())

    def at(position: int) -> int:
        seen = 0
        for value, n in ordered:
            seen += n
            if position < seen:
                return value
        raise IndexError(position)

    if total % 2:
        return at(total // 2)
    return (at(total // 2 - 1) + at(total // 2)) / 2
