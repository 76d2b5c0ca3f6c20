"""Exports of the monitor's indicators: CSV and XLSX of one table of rows
(key, Dutch label, value, how it is computed).

CSV goes through :mod:`vangnet.core.csv_export` like every other export:
semicolons, decimal commas, a text cell that starts like a formula gets a quote.

XLSX is written with xlsxwriter (write-only, no dependencies, every cell written
with an explicit type): numbers are real numbers (the municipality sums and
charts them), text is always a string cell, never parsed as a formula, number or
link; a text that starts like a formula (=, +, -, @) also carries Excel's
quote prefix, so it stays text when someone edits the cell later. (openpyxl
reads and writes but brings et-xmlfile and a larger API; here it only reads the
files back in the tests.)

The values are what may leave the team: the caller applies the small-cell rule
(:mod:`vangnet.monitor.privacy`) first. A suppressed count ("<5") is text, a
hidden figure (None) is written as "—".
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import IO

import xlsxwriter  # type: ignore[import-untyped]
from django.utils.translation import gettext as _

from vangnet.core import csv_export
from vangnet.monitor.privacy import HIDDEN

Value = int | float | Decimal | str | None


@dataclass(frozen=True)
class IndicatorRow:
    key: str
    label: str
    value: Value
    definition: str


def header() -> list[str]:
    return [_("Sleutel"), _("Indicator"), _("Waarde"), _("Hoe berekend")]


def _cell_value(value: Value) -> Value:
    if value is None:
        return HIDDEN
    if isinstance(value, bool):
        raise TypeError("A yes/no is not an indicator value.")
    return value


def write_csv(f: IO[str], rows: Iterable[IndicatorRow]) -> None:
    """The rows as a ``;``-separated CSV for Dutch Excel, with a BOM so it is read as UTF-8."""
    f.write("\ufeff")
    writer = csv_export.writer(f, delimiter=";")
    writer.writerow(header())
    for row in rows:
        writer.writerow([row.key, row.label, _cell_value(row.value), row.definition])


def csv_text(rows: Iterable[IndicatorRow]) -> str:
    buffer = io.StringIO(newline="")
    write_csv(buffer, rows)
    return buffer.getvalue()


def xlsx_bytes(rows: Iterable[IndicatorRow], *, sheet_name: str | None = None) -> bytes:
    """The rows as an XLSX workbook of one sheet."""
    buffer = io.BytesIO()
    # No guessing from text: a string is a string, whatever it looks like.
    workbook = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    sheet = workbook.add_worksheet((sheet_name or _("Monitor"))[:31])
    bold = workbook.add_format({"bold": True})
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    quoted = workbook.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
    whole = workbook.add_format({"num_format": "#,##0", "valign": "top"})
    decimal = workbook.add_format({"num_format": "#,##0.0", "valign": "top"})

    def write_text(r: int, c: int, value: str) -> None:
        cell_format = quoted if value.startswith(csv_export.FORMULA_STARTS) else text
        sheet.write_string(r, c, value, cell_format)

    for c, title in enumerate(header()):
        sheet.write_string(0, c, title, bold)
    for r, row in enumerate(rows, start=1):
        write_text(r, 0, row.key)
        write_text(r, 1, row.label)
        value = _cell_value(row.value)
        if isinstance(value, int):
            sheet.write_number(r, 2, value, whole)
        elif isinstance(value, float | Decimal):
            sheet.write_number(r, 2, float(value), decimal)
        else:
            write_text(r, 2, str(value))
        write_text(r, 3, row.definition)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 2, 12)
    sheet.set_column(3, 3, 80)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()
