"""Issue 12, item 6: the interface speaks one Dutch: no English blank choice,
the user is addressed with "u" (never je/jij/jouw), numbers in Dutch notation
on screen and in CSV, and norms that read as Dutch sentences."""

import ast
import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from vangnet.core import csv_export
from vangnet.network.models import Referral
from vangnet.norms.models import NormSettings

ROOT = Path(settings.BASE_DIR)
DUTCH_BLANK = "— kies —"


# --- the blank choice ---------------------------------------------------------------


def test_a_model_choice_field_offers_a_dutch_blank_choice():
    # Referral.refusal_reason: choices, blank=True. Django 6.1 says "- Select an option -".
    with translation.override("nl"):
        field = Referral._meta.get_field("refusal_reason").formfield()
        assert isinstance(field, forms.ChoiceField)
        first: tuple = next(iter(field.choices))  # type: ignore[arg-type]
        assert (first[0], str(first[1])) == ("", DUTCH_BLANK)


def test_a_filter_choice_offers_the_same_dutch_blank_choice():
    class Filter(django_filters.FilterSet):
        status = django_filters.ChoiceFilter(choices=Referral.Status.choices)

    with translation.override("nl"):
        field = Filter(queryset=Referral.objects.none()).form.fields["status"]
        assert str(next(iter(field.choices))[1]) == DUTCH_BLANK


# --- one form of address: "u" -------------------------------------------------------

INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "npgettext"}
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)


def _python_ui_strings(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in GETTEXT:
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield node.lineno, arg.value


def _informal_uses() -> list[str]:
    found = []
    for path in sorted((ROOT / "vangnet").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for line, text in _python_ui_strings(path):
            if INFORMAL.search(text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text}")
    templates = [*(ROOT / "templates").rglob("*.html"), *(ROOT / "vangnet").rglob("templates/**/*.html")]
    templates += [*(ROOT / "templates").rglob("*.txt"), *(ROOT / "vangnet").rglob("templates/**/*.txt")]
    templates += [*(ROOT / "static").rglob("*.js")]  # texts the scripts put on the page
    for path in sorted(set(templates)):
        text = TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8"))
        for match in INFORMAL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)}")
    return found


def test_the_scan_finds_an_informal_string(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('from django.utils.translation import gettext as _\nx = _("Heb je dit gezien?")\n')
    assert [text for _line, text in _python_ui_strings(sample) if INFORMAL.search(text)] == ["Heb je dit gezien?"]


def test_the_dutch_interface_says_u_not_je_or_jij():
    assert _informal_uses() == []


# --- numbers ------------------------------------------------------------------------


def test_decimals_on_screen_have_a_decimal_comma():
    with translation.override("nl"):
        html = Template("{{ a }} {{ b|floatformat:1 }} {{ c }}").render(Context({"a": 2.5, "b": 87.25, "c": 2026}))
    assert html == "2,5 87,3 2026"  # a year keeps no thousands separator


@pytest.mark.parametrize(
    ("value", "written"),
    [(2.5, "2,5"), (-2.5, "-2,5"), (50.0, "50,0"), (Decimal("12.50"), "12,50"), (1e20, "100000000000000000000")],
)
def test_csv_decimals_have_a_decimal_comma_and_no_quote(value, written):
    out = io.StringIO()
    csv_export.writer(out, delimiter=";").writerow(["mediaan", value, 7])
    assert next(csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == ["mediaan", written, "7"]


def test_csv_text_that_looks_like_a_decimal_is_left_alone():
    out = io.StringIO()
    csv_export.writer(out, delimiter=";").writerow(["2.5", "-2.5"])
    assert next(csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == ["2.5", "'-2.5"]


# --- the norms as sentences ------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "Norm: triëren op dezelfde werkdag als de ontvangst"),
        (1, "Norm: triëren binnen 1 werkdag na ontvangst."),
        (3, "Norm: triëren binnen 3 werkdagen na ontvangst."),
    ],
)
def test_the_triage_norm_reads_as_dutch(days, text):
    with translation.override("nl"):
        assert NormSettings(triage_workdays=days).triage_norm_text.startswith(text)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "Norm: eerste contactpoging op dezelfde werkdag als de start van de casus."),
        (1, "Norm: eerste contactpoging binnen 1 werkdag na de start van de casus."),
        (2, "Norm: eerste contactpoging binnen 2 werkdagen na de start van de casus."),
    ],
)
def test_the_first_attempt_norm_reads_as_dutch(days, text):
    with translation.override("nl"):
        assert NormSettings(first_attempt_workdays=days).first_attempt_norm_text == text
