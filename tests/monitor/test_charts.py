"""The monitor's SVG charts: safe under the strict CSP, accessible, Dutch numbers, enough contrast."""

import re
import xml.etree.ElementTree as ET

import pytest

from vangnet.monitor import charts

MONTHS = ["jan 2026", "feb 2026", "mrt 2026", "apr 2026", "mei 2026", "jun 2026"]
SVG = "{http://www.w3.org/2000/svg}"


def _line(**kwargs):
    return charts.line_chart(
        "Meldingen per maand",
        MONTHS,
        {"Ontvangen": [12, 15, None, 20, 18, 22], "Getrieerd": [10, 14, 9, 19, 17, 21]},
        **kwargs,
    )


def _bar(**kwargs):
    return charts.bar_chart(
        "Uitkomst bij afsluiten",
        ["toegeleid naar zorg/ondersteuning", "uit beeld", "weigert hulp blijvend", "verhuisd buiten de regio"],
        [62.5, 12.5, None, 7.0],
        unit="%",
        **kwargs,
    )


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own chart, not untrusted input)


def _find(root: ET.Element, tag: str) -> ET.Element:
    element = root.find(f"{SVG}{tag}")
    assert element is not None, tag
    return element


def _texts(svg: str) -> list[str]:
    return [t.text or "" for t in _parse(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("make", [_line, _bar], ids=["line", "bar"])
def test_the_svg_needs_no_script_and_no_inline_style_so_the_strict_csp_holds(make):
    svg = make()
    assert "<script" not in svg
    assert " style=" not in svg
    assert "<style" not in svg
    assert "javascript:" not in svg
    assert " on" not in re.sub(r">[^<]*<", "><", svg)  # no onload= or other handler attributes


def test_a_title_with_markup_is_text_in_the_svg_not_markup():
    svg = charts.line_chart("<script>alert(1)</script>", MONTHS, {"A <b>": [1, 2, 3, 4, 5, 6]})
    assert "<script" not in svg
    assert "<b>" not in svg
    root = _parse(svg)
    assert _find(root, "title").text == "<script>alert(1)</script>"


@pytest.mark.parametrize("make", [_line, _bar], ids=["line", "bar"])
def test_the_svg_is_an_image_named_by_its_title_and_description(make):
    svg = make()
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("width") is None, "no fixed width: the chart scales to the phone's screen"
    assert root.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}"
    ids = str(root.get("aria-labelledby")).split()
    assert len(ids) == 2
    title = _find(root, "title")
    desc = _find(root, "desc")
    assert [title.get("id"), desc.get("id")] == ids
    assert title.text
    assert "tabel" in str(desc.text)


def test_two_charts_on_one_page_can_be_given_their_own_ids():
    assert 'id="omzet-titel"' in _line(chart_id="omzet")
    assert charts.bar_chart("A", ["x"], [1]) != charts.bar_chart("B", ["x"], [1])
    first = _find(_parse(charts.bar_chart("A", ["x"], [1])), "title").get("id")
    second = _find(_parse(charts.bar_chart("B", ["x"], [1])), "title").get("id")
    assert first != second


def test_the_axes_show_dutch_numbers_with_a_decimal_comma_and_a_spaced_percent_sign():
    svg = charts.line_chart("Binnen de norm", MONTHS, {"Getrieerd binnen norm": [10, 11.5, 12, 9, 8.5, 7]}, unit="%")
    labels = _texts(svg)
    assert "12,5 %" in labels
    assert "2,5 %" in labels
    assert not [label for label in labels if re.fullmatch(r"\d+\.\d+.*", label)], labels


def test_large_counts_get_a_thousands_point():
    svg = charts.bar_chart("Meldingen per bron", ["politie", "buren"], [1250, 300])
    assert "1.250" in _texts(svg)


def test_bars_list_their_labels_and_a_hidden_value_has_no_bar():
    svg = _bar()
    labels = _texts(svg)
    for label in ["toegeleid naar zorg/ondersteuning", "uit beeld", "weigert hulp blijvend"]:
        assert label in labels
    bars = _parse(svg).findall(f".//{SVG}g[@class='series bars']/{SVG}rect")
    assert len(bars) == 3


def test_a_month_without_a_figure_is_a_gap_in_the_line():
    svg = charts.line_chart("Trend", MONTHS, {"Ontvangen": [12, 15, None, 20, 18, 22]})
    paths = _parse(svg).findall(f".//{SVG}g[@class='series lines']/{SVG}path")
    assert len(paths) == 2


def test_series_differ_by_dash_pattern_as_well_as_colour():
    paths = _parse(_line()).findall(f".//{SVG}g[@class='series lines']/{SVG}path")
    assert {p.get("stroke") for p in paths} == set(charts.PALETTE[:2])
    assert {p.get("stroke-dasharray") for p in paths} == {None, charts.DASHES[1]}


def test_many_months_show_only_as_many_labels_as_fit():
    months = [f"{m} {y}" for y in (2025, 2026) for m in "jan feb mrt apr mei jun jul aug sep okt nov dec".split()]
    labels = _texts(charts.line_chart("Twee jaar", months, {"Ontvangen": list(range(24))}))
    shown = [label for label in labels if label in months]
    assert shown[0] == "jan 2025"
    assert 3 <= len(shown) < 24


def test_coordinates_are_short():
    svg = _line()
    assert "E-" not in svg
    assert not re.search(r"\d\.\d{3}", svg)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast_with_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


@pytest.mark.parametrize("colour", charts.PALETTE)
def test_every_series_colour_has_3_to_1_contrast_against_white(colour):
    assert _contrast_with_white(colour) >= 3


def test_axis_text_has_text_contrast():
    assert _contrast_with_white(charts.AXIS_TEXT_COLOUR) >= 4.5
    assert _contrast_with_white(charts.TEXT_COLOUR) >= 4.5


def test_the_contrast_check_can_fail():
    assert _contrast_with_white("#9c9c9c") < 3  # leather's own label grey


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "expected"),
    [
        (12.5, 1, "%", "12,5 %"),
        (1234.5, 1, "", "1.234,5"),
        (1234567, 0, "", "1.234.567"),
        (0.25, 1, "", "0,3"),
        (-0.04, 1, "", "0,0"),
        (-2.5, 1, "", "-2,5"),
        (7, 0, "dagen", "7 dagen"),
    ],
)
def test_dutch_number(value, decimals, unit, expected):
    assert charts.dutch_number(value, decimals, unit) == expected


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        (12, ["0", "2.5", "5.0", "7.5", "10.0", "12.5"]),
        (31, ["0", "10", "20", "30", "40"]),
        (0, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        (1234, ["0", "250", "500", "750", "1000", "1250"]),
    ],
)
def test_ticks_are_round_steps_from_zero(top, expected):
    ticks = charts.nice_ticks(top)
    assert [float(t) for t in ticks] == [float(e) for e in expected]
    assert ticks[-1] >= top


def test_a_chart_without_matching_data_is_refused():
    with pytest.raises(ValueError):
        charts.line_chart("X", MONTHS, {"A": [1, 2]})
    with pytest.raises(ValueError):
        charts.line_chart("X", [], {})
    with pytest.raises(ValueError):
        charts.bar_chart("X", ["a", "b"], [1])
    with pytest.raises(ValueError):
        charts.bar_chart("X", ["a", "a"], [1, 2])


def test_all_values_missing_still_draws_an_empty_chart():
    svg = charts.line_chart("Leeg", MONTHS, {"A": [None] * 6})
    assert _find(_parse(svg), "title").text == "Leeg"


def test_all_bars_hidden_still_draws_the_labels():
    svg = charts.bar_chart("Verborgen", ["a", "b"], [None, None])
    assert {"a", "b"} <= set(_texts(svg))
    widths = [r.get("width") for r in _parse(svg).findall(f".//{SVG}g[@class='series bars']/{SVG}rect")]
    assert widths in ([], ["0"])


def test_a_series_without_values_keeps_its_place_in_the_legend():
    svg = charts.line_chart("Trend", MONTHS, {"Ontvangen": [1, 2, 3, 4, 5, 6], "Verborgen": [None] * 6})
    assert "Verborgen" in _texts(svg)


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf")])
def test_a_value_the_axis_cannot_show_is_refused(bad):
    with pytest.raises(ValueError):
        charts.bar_chart("X", ["a", "b"], [3, bad])
    with pytest.raises(ValueError):
        charts.line_chart("X", ["jan"], {"A": [bad]})


def test_the_scales_end_where_the_data_and_the_ticks_end():
    """leather rounded domains out (0..250 to 0..300, months 0.5..4.5 to 0..5): charts with
    empty room on the right. The top bar spans the plot; the last month sits in its slot."""
    import re

    from vangnet.monitor.charts import bar_chart, line_chart

    bars = [
        float(w)
        for w in re.findall(
            r'<rect x="0" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="#1f5fa8"',
            bar_chart("B", ["x", "y"], [250, 10]),
        )
    ]
    assert max(bars) / min(bars) == pytest.approx(25, rel=0.01)
    plot = re.search(r'<rect x="0" y="0" width="([\d.]+)"', bar_chart("B", ["x", "y"], [250, 10]))
    assert plot and max(bars) >= 0.9 * float(plot.group(1))
    path = re.search(
        r'<path[^>]*d="M ([\d.]+) [\d.]+ L (?:[\d.]+ [\d.]+ L )*([\d.]+) [\d.]+"',
        line_chart("T", ["a", "b", "c", "d"], {"s": [1, 2, 3, 4]}),
    )
    assert path
    first, last = float(path.group(1)), float(path.group(2))
    # Months at 1..4 on a domain of 0.5..4.5: the gaps at both ends are half a month each.
    step = (last - first) / 3
    assert first == pytest.approx(step / 2, rel=0.02)
