"""Small cells (issue 13, item 6): figures that leave the team must not let anyone
recognise a person.

The rule, for exports and the policy officer's view (the team's own view shows
the real numbers):

- a count of 1 to 4 is shown as ``"<5"`` (:data:`SMALL`);
- a figure computed from such a count (a share, a median, an average) is not
  shown: ``None``, which a page or export writes as ``"—"`` (:data:`HIDDEN`);
- **zero is shown as 0.** A cell with nobody in it describes nobody, and
  "<5" for a 0 would tell the council that some casussen ended in, say,
  "overleden" when none did. (CBS hides a zero when it is only zero by chance
  in a tiny group; here every split whose total is small is itself suppressed,
  so such a zero never stands next to a readable small total.);
- **complementary suppression** in a split: when a split (e.g. meldingen per
  bron) has exactly one small cell, the smallest other non-zero cell is hidden
  too (``"—"``, :data:`HIDDEN`, since it is 5 or more), otherwise the total
  minus the shown cells gives the small one back. A figure derived from a
  hidden cell is not shown either.

Plain functions on plain values: the indicators compute the numbers, this module
only decides what may be shown. No database access.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

THRESHOLD = 5
SMALL = "<5"
HIDDEN = "—"

Number = int | float | Decimal
Shown = int | str | None


def is_small(count: int | None) -> bool:
    """A count that could point at a person: 1 to 4 (0 and None are not small)."""
    return count is not None and 0 < count < THRESHOLD


def show_count(count: int | None) -> Shown:
    """The count as it may leave the team: "<5" for 1 to 4, otherwise itself."""
    return SMALL if is_small(count) else count


def show_derived(value: Number | None, *counts: int | None) -> Number | None:
    """A share, median or average computed from ``counts``: not shown (None) when
    any of them is small."""
    if any(is_small(count) for count in counts):
        return None
    return value


def _suppress_split(split: Mapping[str, int | None]) -> dict[str, Shown]:
    shown: dict[str, Shown] = {key: show_count(count) for key, count in split.items()}
    small = [key for key, count in split.items() if is_small(count)]
    if len(small) == 1:
        others = [(count, key) for key, count in split.items() if count and not is_small(count)]
        if others:
            shown[min(others)[1]] = HIDDEN
    return shown


def _is_suppressed(shown: Shown) -> bool:
    return shown in (SMALL, HIDDEN)


def suppress_small_cells(
    result: Mapping[str, Any],
    *,
    counts: Iterable[str],
    derived: Mapping[str, Iterable[str]],
    other: Iterable[str] = (),
) -> dict[str, Any]:
    """The small-cell rule applied to a whole result of the monitor.

    ``result`` maps an indicator key to a number or to a split (a dict of
    sub-key -> number, e.g. per bron). ``counts`` names the count keys;
    ``derived`` maps each share/median/average key to the count keys it was
    computed from; ``other`` names keys that are no person's figure (the period,
    the norm in days) and pass unchanged. A derived split is matched to a count
    split by sub-key; a count that is a single number applies to every sub-key
    (e.g. the share per outcome is derived from the outcome split and from
    ``casussen_afgesloten``).

    A key in ``result`` that is in none of the three raises ``ValueError``: a new
    indicator cannot leave the team before someone has said what it is."""
    count_keys = set(counts)
    other_keys = set(other)
    unknown = set(result) - count_keys - set(derived) - other_keys
    if unknown:
        raise ValueError(f"Not classified as count, derived or other: {sorted(unknown)}")

    shown: dict[str, Any] = {}
    for key in count_keys & set(result):
        value = result[key]
        shown[key] = _suppress_split(value) if isinstance(value, Mapping) else show_count(value)

    for key, sources in derived.items():
        if key not in result:
            continue
        sources = tuple(sources)
        missing = [source for source in sources if source not in shown]
        if missing:
            raise ValueError(f"{key!r} is derived from {missing}, which are not counts in the result.")
        value = result[key]
        if isinstance(value, Mapping):
            shown[key] = {sub: _derived_cell(v, [_cell(shown[s], sub) for s in sources]) for sub, v in value.items()}
        else:
            shown[key] = _derived_cell(value, [_cell(shown[s], None) for s in sources])

    for key in other_keys & set(result):
        shown[key] = result[key]
    return {key: shown[key] for key in result}


def _cell(shown: Shown | Mapping[str, Shown], sub: str | None) -> Shown:
    if isinstance(shown, Mapping):
        if sub is None:
            # A single figure derived from a split (e.g. the share of one outcome):
            # hidden when any cell of the split is.
            return SMALL if any(_is_suppressed(v) for v in shown.values()) else 0
        return shown.get(sub)
    return shown


def _derived_cell(value: Number | None, sources: list[Shown]) -> Number | None:
    return None if any(_is_suppressed(source) for source in sources) else value
