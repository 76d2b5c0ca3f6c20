"""CSV exports that a spreadsheet cannot turn into formulas.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV/formula
injection: ``=HYPERLINK(...)`` in an organisation name runs on the teamleider's
machine). Every CSV export writes through :func:`writer`, which prefixes such
text with a single quote so it is shown as text.

Only ``str`` values are neutralised: real numbers (int, float, Decimal) stay
numeric, so a genuine -3 is still a number in the sheet. (defusedcsv was
considered; it does not cover tab and carriage return.)

Decimals are written with a decimal comma (2,5), see :func:`spreadsheet_number`:
the exports are opened in Dutch Excel, which reads these ``;``-separated files
with the Dutch list and decimal separators and turns "2.5" into text or a date
(2 May) instead of the number two and a half."""

import csv
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet will show it: text that would start a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_number(value: object) -> object:
    """A float or Decimal in Dutch notation (decimal comma, no thousands
    separator: Dutch Excel reads "1234,5" as a number, "1.234,5" only in some
    versions); anything else is returned as it is. Our own number text, so a
    negative one ("-2,5") is not a formula and gets no quote."""
    if isinstance(value, float):
        value = Decimal(repr(value))  # the shortest digits that give the float back, never 1e+20
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return value


class SafeWriter:
    """A ``csv.writer`` whose every text cell passes :func:`safe_cell` and whose
    decimals are written with a decimal comma (:func:`spreadsheet_number`)."""

    def __init__(self, f, **fmtparams):
        self._writer = csv.writer(f, **fmtparams)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_number(safe_cell(value)) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(f, **fmtparams) -> SafeWriter:
    return SafeWriter(f, **fmtparams)
