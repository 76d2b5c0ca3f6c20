"""A workbook of one sheet of text cells (xlsxwriter, write-only): every cell a string, never
parsed as a formula, number or link; a text that starts like a formula also carries Excel's
quote prefix, so it stays text when someone edits the cell later (see csv_export)."""

import io
from collections.abc import Iterable, Sequence

import xlsxwriter  # type: ignore[import-untyped]

from vangnet.core import csv_export


def text_table(header: Sequence[str], rows: Iterable[Sequence[str]], *, sheet_name: str, width: int = 40) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True})
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    quoted = workbook.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})
    for c, title in enumerate(header):
        sheet.write_string(0, c, title, bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            value = str(value)
            sheet.write_string(r, c, value, quoted if value.startswith(csv_export.FORMULA_STARTS) else text)
    sheet.set_column(0, max(len(header) - 1, 0), width)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()
