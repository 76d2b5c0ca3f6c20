"""The small trend chart of one life domain: server-side SVG with leather, as
``vangnet.monitor.charts`` draws the monitor's (same font, palette and theme; no
``style`` and no script, so the strict CSP holds). The page puts the scores in a
table beside it; this module never touches the database."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import leather  # type: ignore[import-untyped]
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Importing the monitor's chart module sets leather's theme (font, colours with 3:1 contrast).
from vangnet.monitor.charts import PALETTE

from .models import HIGHEST, LOWEST

WIDTH = 320
HEIGHT = 150
RIGHT_ROOM = 16


class _Exact(leather.Linear):
    """A linear scale over exactly its domain (leather's own rounds it out to its ticker)."""

    def __init__(self, low: float, high: float) -> None:
        self._data_min, self._data_max = Decimal(str(low)), Decimal(str(high))
        self._ticker = _Ticks(self._data_min, self._data_max)


class _Ticks:
    def __init__(self, low: Decimal, high: Decimal) -> None:
        self.min, self.max, self.ticks = low, high, [low, high]


def trend_chart(domain: str, days: list[str], scores: list[int | None]) -> SafeString:
    """One line over the pictures (``days`` as the page shows them, oldest first), the
    score 1-5 on the vertical axis; ``None`` for a picture without a score (a gap)."""
    if not days or len(days) != len(scores):
        raise ValueError("A trend needs one score (or None) per day, and at least one day.")
    if any(s is not None and not LOWEST <= s <= HIGHEST for s in scores):
        raise ValueError("Scores lie between 1 and 5.")
    if all(s is None for s in scores):
        raise ValueError("A domain without any score gets no chart.")
    chart = leather.Chart()
    chart.set_x_scale(_Exact(0.5, len(days) + 0.5))
    chart.set_y_scale(_Exact(LOWEST - 0.3, HIGHEST + 0.3))
    every = max(1, -(-len(days) // 4))  # at most four dates under the axis on a phone
    chart.add_x_axis(
        ticks=list(range(1, len(days) + 1, every)),
        tick_formatter=lambda value, index, count: days[int(value) - 1],
    )
    chart.add_y_axis(ticks=list(range(LOWEST, HIGHEST + 1)), tick_formatter=lambda value, index, count: str(value))
    points = [(x, None if s is None else Decimal(s)) for x, s in enumerate(scores, start=1)]
    scored = [p for p in points if p[1] is not None]
    # One series only (leather adds a legend for two): a line through two or more scores,
    # a dot for a single one.
    if len(scored) > 1:
        chart.add_line(points, stroke_color=PALETTE[0])
    elif scored:
        chart.add_dots(scored, fill_color=PALETTE[0], radius=5)
    chart_id = "verloop-" + hashlib.blake2s(domain.encode(), digest_size=4).hexdigest()
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-titel {chart_id}-beschrijving",
            "class": "grafiek leefgebieden-grafiek",
            "focusable": "false",
        },
    )
    ET.SubElement(root, "title", id=f"{chart_id}-titel").text = _("Verloop %(domain)s") % {"domain": domain}
    ET.SubElement(root, "desc", id=f"{chart_id}-beschrijving").text = _(
        "Lijngrafiek van de score (1 tot 5) per beeld, van %(first)s tot en met %(last)s. "
        "De scores staan in de tabel bij de grafiek."
    ) % {"first": days[0], "last": days[-1]}
    group = chart.to_svg_group(WIDTH - RIGHT_ROOM, HEIGHT)
    for element in group.iter():
        for name in ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "d", "transform", "width", "height"):
            value = element.get(name)
            if value is not None:
                element.set(name, _short(value))
    root.append(group)
    # ElementTree escapes every text and attribute value, and leather writes no markup of its own.
    return mark_safe(ET.tostring(root, encoding="unicode"))  # noqa: S308


def _short(value: str) -> str:
    """leather computes in Decimal and writes 28 digits; two decimals are plenty."""

    def one(match: re.Match[str]) -> str:
        text = f"{float(match.group()):.2f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    return re.sub(r"-?\d+(?:\.\d+)?(?:E[-+]?\d+)?", one, value)
