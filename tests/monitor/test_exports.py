"""The monitor's CSV and XLSX exports, read back: values, types, and text that looks like a formula."""

import csv
import io
from decimal import Decimal

import openpyxl  # type: ignore[import-untyped]
import pytest

from vangnet.monitor import exports
from vangnet.monitor.exports import IndicatorRow

ROWS = [
    IndicatorRow("meldingen_ontvangen", "Meldingen ontvangen", 1234, "Meldingen met een meldingsdatum in de periode."),
    IndicatorRow("triage_binnen_norm_pct", "Getrieerd binnen de norm", 66.7, "Aandeel van de getrieerde meldingen."),
    IndicatorRow("mediaan_dagen_tot_eerste_contact", "Mediaan dagen tot eerste contact", Decimal("2.5"), "Mediaan."),
    IndicatorRow("meldingen_per_bron.buren", "Meldingen van buren", "<5", "Kleine aantallen worden niet getoond."),
    IndicatorRow("uitkomst_pct.verhuisd", "Verhuisd buiten de regio", None, "Afgeleid van een klein aantal."),
    IndicatorRow("verschil", '=HYPERLINK("http://x.example","klik")', -2.5, "-1 t.o.v. vorig jaar"),
    IndicatorRow("nul", "@SUM(A1:A2)", 0, "+31 is geen getal"),
]


def _csv_rows():
    text = exports.csv_text(ROWS)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_csv_has_a_header_and_one_line_per_indicator():
    rows = _csv_rows()
    assert rows[0] == ["Sleutel", "Indicator", "Waarde", "Hoe berekend"]
    assert [r[0] for r in rows[1:]] == [r.key for r in ROWS]


def test_the_csv_writes_numbers_with_a_decimal_comma():
    values = {r[0]: r[2] for r in _csv_rows()[1:]}
    assert values["meldingen_ontvangen"] == "1234"
    assert values["triage_binnen_norm_pct"] == "66,7"
    assert values["mediaan_dagen_tot_eerste_contact"] == "2,5"
    assert values["verschil"] == "-2,5"
    assert values["nul"] == "0"


def test_the_csv_shows_suppressed_cells_as_such():
    values = {r[0]: r[2] for r in _csv_rows()[1:]}
    assert values["meldingen_per_bron.buren"] == "<5"
    assert values["uitkomst_pct.verhuisd"] == "—"


def test_text_that_looks_like_a_formula_is_quoted_in_the_csv():
    by_key = {r[0]: r for r in _csv_rows()[1:]}
    assert by_key["verschil"][1] == '\'=HYPERLINK("http://x.example","klik")'
    assert by_key["verschil"][3] == "'-1 t.o.v. vorig jaar"
    assert by_key["nul"][1] == "'@SUM(A1:A2)"
    assert by_key["nul"][3] == "'+31 is geen getal"


def _sheet():
    workbook = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(ROWS)))
    assert workbook.sheetnames == ["Monitor"]
    return workbook.active


def test_the_xlsx_has_a_header_and_one_row_per_indicator():
    sheet = _sheet()
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Sleutel", "Indicator", "Waarde", "Hoe berekend")
    assert [r[0] for r in rows[1:]] == [r.key for r in ROWS]
    assert rows[1][3] == "Meldingen met een meldingsdatum in de periode."


def test_the_xlsx_holds_numbers_as_numbers():
    values = {r[0].value: r[2] for r in _sheet().iter_rows(min_row=2)}
    assert values["meldingen_ontvangen"].value == 1234
    assert values["meldingen_ontvangen"].data_type == "n"
    assert values["meldingen_ontvangen"].number_format == "#,##0"
    assert values["triage_binnen_norm_pct"].value == pytest.approx(66.7)
    assert values["triage_binnen_norm_pct"].number_format == "#,##0.0"
    assert values["mediaan_dagen_tot_eerste_contact"].value == 2.5
    assert values["verschil"].value == -2.5
    assert values["nul"].value == 0
    assert values["nul"].data_type == "n"


def test_the_xlsx_shows_suppressed_cells_as_text():
    values = {r[0].value: r[2] for r in _sheet().iter_rows(min_row=2)}
    assert (values["meldingen_per_bron.buren"].value, values["meldingen_per_bron.buren"].data_type) == ("<5", "s")
    assert values["uitkomst_pct.verhuisd"].value == "—"


def test_text_that_looks_like_a_formula_stays_text_in_the_xlsx():
    sheet = _sheet()
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    label = sheet["B7"]
    assert label.value == '=HYPERLINK("http://x.example","klik")'
    assert label.data_type == "s"
    assert label.quotePrefix, "quote prefix: the cell stays text when someone edits it"
    assert (sheet["D7"].value, sheet["D7"].data_type, sheet["D7"].quotePrefix) == ("-1 t.o.v. vorig jaar", "s", True)
    assert (sheet["B8"].value, sheet["B8"].quotePrefix) == ("@SUM(A1:A2)", True)
    assert not sheet["B2"].quotePrefix


def test_an_xlsx_sheet_name_is_cut_to_what_excel_allows():
    workbook = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(ROWS, sheet_name="Monitor gemeente " * 4)))
    assert len(workbook.sheetnames[0]) == 31


def test_a_yes_no_is_not_written_as_a_number():
    with pytest.raises(TypeError):
        exports.xlsx_bytes([IndicatorRow("x", "X", True, "")])
