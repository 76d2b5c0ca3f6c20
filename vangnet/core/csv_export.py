"""CSV exports that a spreadsheet cannot turn into formulas.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV/formula
injection: ``=HYPERLINK(...)`` in an organisation name runs on the teamleider's
machine). Every CSV export writes through :func:`writer`, which prefixes such
text with a single quote so it is shown as text.

Only ``str`` values are neutralised: real numbers (int, float, Decimal) stay
numeric, so a genuine -3 is still a number in the sheet. (defusedcsv was
considered; it does not cover tab and carriage return.)"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet will show it: text that would start a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A ``csv.writer`` whose every text cell passes :func:`safe_cell`."""

    def __init__(self, f, **fmtparams):
        self._writer = csv.writer(f, **fmtparams)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(f, **fmtparams) -> SafeWriter:
    return SafeWriter(f, **fmtparams)
