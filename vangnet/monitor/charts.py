"""Charts of the monitor, rendered on the server as SVG to put inline in a page.

Library: leather (pure Python, no dependencies, builds the SVG as an ElementTree).
It was chosen over pygal and matplotlib because of the strict CSP (``style-src
'self'``, ``script-src 'self'``, see ``CONTENT_SECURITY_POLICY`` in settings):

- leather colours everything with SVG presentation attributes (``fill=``,
  ``stroke=``, ``font-family=``), which CSP does not govern; it writes no
  ``<style>``, no ``style=`` and no ``<script>``. So the SVG goes inline in the
  page as it is, and the page's own CSP holds: no nonce, no hash, no second
  request per chart, and the chart is part of the accessible page.
- pygal styles its charts with a ``<style>`` element (per-chart ``#id`` rules)
  and links a tooltip ``<script>``; without them its charts are black.
- matplotlib's SVG backend writes ``style="..."`` on every element and a
  ``<style>`` block, draws text as paths by default, and brings numpy, pillow
  and more: heavy for two chart types.

What we add around leather: the ``<svg>`` root with ``role="img"`` and
``aria-labelledby`` pointing at a ``<title>`` and ``<desc>``, a ``viewBox``
without a fixed width (the chart scales to a phone's width), Dutch numbers on the
axes (decimal comma, thousands point, "12,5 %"), our own tick steps (leather's
give odd decimals), and a palette with at least 3:1 contrast against white (WCAG
1.4.11). Lines differ by dash pattern as well as colour (WCAG 1.4.1). The page
puts the data table beside each chart; this module never touches the database.
"""

from __future__ import annotations

import hashlib
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

import leather  # type: ignore[import-untyped]
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 480
HEIGHT = 300
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
TEXT_COLOUR = "#333333"  # 12.6:1 on white
AXIS_TEXT_COLOUR = "#595959"  # 7:1 on white
GRID_COLOUR = "#d9d9d9"  # decoration only: the values are on the axis and in the table
ZERO_COLOUR = "#767676"  # 4.5:1: the baseline is part of reading the bars
# Each at least 3:1 against white (tested), and distinguishable from each other.
PALETTE = ("#1f5fa8", "#c2410c", "#2e7d32", "#7b3fa0", "#8a6d00", "#b0186a")
# Lines differ by pattern too, so colour is not the only way to tell series apart.
DASHES = ("none", "8 4", "2 3", "10 3 2 3", "4 4", "1 2")
TICK_FONT_SIZE = 13
RIGHT_ROOM = 16  # leather centres the last tick label on the edge of its canvas
CHAR_WIDTH = 7  # leather estimates label widths from a character count


def _configure_theme() -> None:
    """leather keeps its theme in module globals; the monitor is its only user."""
    theme = leather.theme
    theme.background_color = "#ffffff"
    theme.margin = 0.03  # must stay a float: leather only handles a fractional margin
    for part in ("title", "legend", "axis_title", "tick"):
        setattr(theme, f"{part}_font_family", FONT)
    theme.title_color = TEXT_COLOUR
    theme.legend_color = TEXT_COLOUR
    theme.axis_title_color = AXIS_TEXT_COLOUR
    theme.label_color = AXIS_TEXT_COLOUR
    theme.tick_color = GRID_COLOUR
    theme.zero_color = ZERO_COLOUR
    theme.tick_font_size = TICK_FONT_SIZE
    theme.tick_font_char_height = TICK_FONT_SIZE
    theme.tick_font_char_width = CHAR_WIDTH
    theme.legend_font_size = TICK_FONT_SIZE
    theme.legend_font_char_height = TICK_FONT_SIZE
    theme.legend_font_char_width = CHAR_WIDTH
    theme.default_series_colors = list(PALETTE)
    theme.default_line_width = 3


_configure_theme()


def dutch_number(value: float | int | Decimal, decimals: int = 0, unit: str = "") -> str:
    """A number as Dutch readers write it: "1.234,5", and "12,5 %" with a unit."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}".translate(str.maketrans(",.", ".,"))
    if text.startswith("-") and rounded == 0:
        text = text[1:]  # no "-0,0" after rounding
    return f"{text} {unit}" if unit else text


def nice_ticks(top: float, count: int = 5) -> list[Decimal]:
    """Ticks from 0 to at least ``top`` in a step of 1, 2, 2.5 or 5 times a power of ten."""
    if not top or top <= 0 or not math.isfinite(top):
        top = 1
    raw = Decimal(str(top)) / count
    exponent = math.floor(math.log10(raw))
    magnitude = Decimal(1).scaleb(exponent)
    step = next(
        m * magnitude for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)) if m * magnitude >= raw
    )
    if step == step.to_integral_value():
        step = step.quantize(Decimal(1))  # "20", not "2E+1"
    steps = math.ceil(Decimal(str(top)) / step)
    return [step * i for i in range(steps + 1)]


def _decimals(step: Decimal) -> int:
    exponent = step.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _value_axis(values: Sequence[float | None], unit: str) -> tuple[list[Decimal], int]:
    if any(v is not None and not (math.isfinite(v) and v >= 0) for v in values):
        # The axis starts at 0: counts, shares and medians of the monitor are never negative.
        raise ValueError("Chart values must be finite numbers of 0 or more.")
    top = max((v for v in values if v is not None), default=0)
    if unit == "%" and 0 < top <= 100:
        top = max(top, 10)
    ticks = nice_ticks(float(top))
    return ticks, _decimals(ticks[1] - ticks[0])


class _Exact(leather.Linear):
    """A linear scale over exactly its domain. leather's own rounds the domain out to its
    ticker's numbers (0..250 became 0..300, months 0.5..12.5 became 0..15: empty room on
    the right of every trend), and computing that ticker was most of a chart's time."""

    def __init__(self, domain_min: float | Decimal, domain_max: float | Decimal) -> None:
        low, high = Decimal(str(domain_min)), Decimal(str(domain_max))
        if high <= low:
            raise ValueError("A scale needs a domain of some width.")
        self._data_min, self._data_max = low, high
        self._ticker = _Ticks(low, high)


class _Ticks:
    """What leather's Linear reads of its ticker: the ends (the axes get their ticks from us)."""

    def __init__(self, low: Decimal, high: Decimal) -> None:
        self.min, self.max, self.ticks = low, high, [low, high]


def _chart_id(title: str, kind: str) -> str:
    return f"grafiek-{kind}-" + hashlib.blake2s(title.encode(), digest_size=4).hexdigest()


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:E[-+]?\d+)?")
_GEOMETRY = ("x", "y", "x1", "y1", "x2", "y2", "width", "height", "d", "transform")


def _short(number: str) -> str:
    text = f"{float(number):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _short_numbers(root: ET.Element) -> None:
    """leather computes in Decimal and writes 28 digits ("0E-25"); two decimals are plenty."""
    for element in root.iter():
        for name in _GEOMETRY:
            value = element.get(name)
            if value is not None:
                element.set(name, _NUMBER.sub(lambda m: _short(m.group()), value))


def _svg(group: ET.Element, title: str, description: str, chart_id: str) -> SafeString:
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "role": "img",
            "aria-labelledby": f"{chart_id}-titel {chart_id}-beschrijving",
            "class": "grafiek",
            "focusable": "false",
        },
    )
    title_element = ET.SubElement(root, "title", id=f"{chart_id}-titel")
    title_element.text = title
    desc_element = ET.SubElement(root, "desc", id=f"{chart_id}-beschrijving")
    desc_element.text = description
    _short_numbers(group)
    root.append(group)
    # ElementTree escapes every text and attribute value, and leather writes no markup of its own.
    return mark_safe(ET.tostring(root, encoding="unicode"))  # noqa: S308


def line_chart(
    title: str,
    months: list[str],
    series: dict[str, list[float | None]],
    *,
    unit: str = "",
    chart_id: str | None = None,
) -> SafeString:
    """A trend per month: one line per series, ``None`` for a month without a figure
    (a gap in the line, e.g. a suppressed small cell). ``months`` are the labels as
    the page shows them ("jan 2026"); each series has one value per month."""
    if not months or not series:
        raise ValueError("A line chart needs at least one month and one series.")
    for name, values in series.items():
        if len(values) != len(months):
            raise ValueError(f"Series {name!r} has {len(values)} values for {len(months)} months.")
    ticks, decimals = _value_axis([v for values in series.values() for v in values], unit)
    chart = leather.Chart()
    # Months at 1..n: at 0 leather would draw its darker zero line through the first month.
    chart.set_x_scale(_Exact(0.5, len(months) + 0.5))
    chart.set_y_scale(_Exact(0, ticks[-1]))
    longest = max(len(m) for m in months)
    every = max(1, math.ceil(len(months) * (longest * CHAR_WIDTH + 12) / (WIDTH * 0.8)))
    chart.add_x_axis(
        ticks=list(range(1, len(months) + 1, every)),
        tick_formatter=lambda value, index, count: months[int(value) - 1],
    )
    chart.add_y_axis(ticks=ticks, tick_formatter=lambda value, index, count: dutch_number(value, decimals, unit))
    for i, (name, values) in enumerate(series.items()):
        points = [(x, None if v is None else Decimal(str(v))) for x, v in enumerate(values, start=1)]
        if all(v is None for v in values):
            # leather refuses a series without values; a lone point draws nothing but keeps the legend.
            points = [(1, Decimal(0))]
        chart.add_line(
            points,
            name=name,
            stroke_color=PALETTE[i % len(PALETTE)],
            stroke_dasharray=DASHES[i % len(DASHES)],
        )
    description = _(
        "Lijngrafiek per maand, van %(first)s tot en met %(last)s; reeksen: %(names)s. De cijfers staan in de tabel bij de grafiek."
    ) % {
        "first": months[0],
        "last": months[-1],
        "names": ", ".join(series),
    }
    return _svg(
        chart.to_svg_group(WIDTH - RIGHT_ROOM, HEIGHT), title, description, chart_id or _chart_id(title, "lijn")
    )


def bar_chart(
    title: str,
    labels: list[str],
    values: list[float | None],
    *,
    unit: str = "",
    chart_id: str | None = None,
) -> SafeString:
    """A distribution: one horizontal bar per label (long Dutch labels fit on a phone
    this way), ``None`` for a value that is not shown (no bar)."""
    if not labels or len(labels) != len(values):
        raise ValueError("A bar chart needs one value per label, and at least one label.")
    if len(set(labels)) != len(labels):
        raise ValueError("The labels of a bar chart must differ.")
    ticks, decimals = _value_axis(values, unit)
    chart = leather.Chart()
    chart.set_x_scale(_Exact(0, ticks[-1]))
    chart.add_x_axis(ticks=ticks, tick_formatter=lambda value, index, count: dutch_number(value, decimals, unit))
    # leather draws the first category at the bottom; reversed, the list reads top to bottom.
    chart.set_y_scale(leather.Ordinal(list(reversed(labels))))
    data = [(None if v is None else Decimal(str(v)), label) for label, v in zip(labels, values, strict=True)]
    if all(v is None for v in values):
        data = [(Decimal(0), labels[0])]  # a bar of width 0: leather refuses a series without values
    chart.add_bars(data, fill_color=PALETTE[0])
    description = _("Staafgrafiek: %(labels)s. De cijfers staan in de tabel bij de grafiek.") % {
        "labels": ", ".join(labels)
    }
    return _svg(
        chart.to_svg_group(WIDTH - RIGHT_ROOM, HEIGHT), title, description, chart_id or _chart_id(title, "staaf")
    )
