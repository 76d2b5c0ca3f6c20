"""The questionnaire as a form, and answers as readable text.

A question's ``kind`` decides its form fields and the shape of the stored
answer (JSON):
- text: "..."; choice: "code"; multi: ["code", ...]; ynu: "ja" | "nee" | "onbekend"
- sources: {"kinds": ["betrokkene", ...], "detail": "..."}
- professional: {"name": "...", "profession": "psychiater", "date": "2026-03-04", "judgement": "..."}
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_TEXT, QuestionKind

YNU_CHOICES = [("ja", _("Ja")), ("nee", _("Nee")), ("onbekend", _("Onbekend"))]

SOURCE_KINDS = [
    ("betrokkene", _("Betrokkene zelf")),
    ("naasten", _("Naasten / familie")),
    ("melder", _("Melder")),
    ("huisarts", _("Huisarts / POH-GGZ")),
    ("ggz", _("GGZ-behandelaar / FACT-team")),
    ("verslavingszorg", _("Verslavingszorg")),
    ("politie", _("Politie / wijkagent")),
    ("woningcorporatie", _("Woningcorporatie")),
    ("wijkteam", _("Wijkteam")),
    ("veilig_thuis", _("Veilig Thuis")),
    ("anders", _("Anders")),
]

PROFESSIONS = [
    ("psychiater", _("Psychiater")),
    ("gz_psycholoog", _("GZ-psycholoog")),
    ("klinisch_psycholoog", _("Klinisch psycholoog")),
    ("spv", _("Sociaal-psychiatrisch verpleegkundige (SPV)")),
    ("vs_ggz", _("Verpleegkundig specialist GGZ")),
    ("arts_ggz", _("Arts (GGZ-ervaring)")),
    ("anders", _("Andere GGZ-deskundige")),
]

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]


def field_name(question, part: str = "") -> str:
    return f"q_{question.key}" + (f"__{part}" if part else "")


def _text_field(label, required, help_text="", rows=4):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": MAX_TEXT}),
        error_messages={
            "required": _("Deze vraag is verplicht."),
            "max_length": _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )


def build_fields(question, *, required: bool) -> dict[str, forms.Field]:
    """The form fields for one question. ``required`` is False for saving a
    draft: required questions are enforced when deciding, not while working."""
    kind, label, help_text = question.kind, question.text, question.help
    invalid = {"invalid_choice": _("Kies een antwoord uit de lijst."), "required": _("Deze vraag is verplicht.")}
    if kind == QuestionKind.TEXT:
        return {field_name(question): _text_field(label, required, help_text)}
    if kind == QuestionKind.CHOICE:
        return {
            field_name(question): forms.ChoiceField(
                label=label,
                required=required,
                help_text=help_text,
                choices=question.choice_pairs(),
                widget=forms.RadioSelect,
                error_messages=invalid,
            )
        }
    if kind == QuestionKind.MULTI:
        return {
            field_name(question): forms.MultipleChoiceField(
                label=label,
                required=required,
                help_text=help_text,
                choices=question.choice_pairs(),
                widget=forms.CheckboxSelectMultiple,
                error_messages=invalid,
            )
        }
    if kind == QuestionKind.YES_NO_UNKNOWN:
        return {
            field_name(question): forms.ChoiceField(
                label=label,
                required=required,
                help_text=help_text,
                choices=YNU_CHOICES,
                widget=forms.RadioSelect,
                error_messages=invalid,
            )
        }
    if kind == QuestionKind.SOURCES:
        return {
            field_name(question, "kinds"): forms.MultipleChoiceField(
                label=label,
                required=required,
                help_text=help_text,
                choices=SOURCE_KINDS,
                widget=forms.CheckboxSelectMultiple,
                error_messages=invalid,
            ),
            field_name(question, "detail"): _text_field(
                _("Wie is gesproken, wanneer, en wat kwam eruit?"), False, rows=5
            ),
        }
    if kind == QuestionKind.PROFESSIONAL:
        return {
            field_name(question, "name"): forms.CharField(
                label=_("Naam van de professional"),
                required=required,
                max_length=200,
                help_text=help_text,
                error_messages={"required": _("Vul de naam van de beoordelende professional in.")},
            ),
            field_name(question, "profession"): forms.ChoiceField(
                label=_("Beroep"),
                required=required,
                choices=[("", _("— Kies een beroep —"))] + PROFESSIONS,
                error_messages={
                    "required": _("Kies het beroep van de professional."),
                    "invalid_choice": _("Kies een beroep uit de lijst."),
                },
            ),
            field_name(question, "date"): forms.DateField(
                label=_("Datum van het oordeel"),
                required=required,
                input_formats=DATE_FORMATS,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={
                    "required": _("Vul de datum van het oordeel in."),
                    "invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026."),
                },
            ),
            field_name(question, "judgement"): _text_field(_("Oordeel"), required, rows=6),
        }
    raise ValueError(f"unknown question kind {kind}")


def value_from_cleaned(question, cleaned: dict):
    """The stored answer for ``question`` from a form's cleaned_data (None: empty)."""
    kind = question.kind
    if kind == QuestionKind.SOURCES:
        kinds = list(cleaned.get(field_name(question, "kinds")) or [])
        detail = (cleaned.get(field_name(question, "detail")) or "").strip()
        return {"kinds": kinds, "detail": detail} if (kinds or detail) else None
    if kind == QuestionKind.PROFESSIONAL:
        day = cleaned.get(field_name(question, "date"))
        value = {
            "name": (cleaned.get(field_name(question, "name")) or "").strip(),
            "profession": cleaned.get(field_name(question, "profession")) or "",
            "date": day.isoformat() if isinstance(day, datetime.date) else "",
            "judgement": (cleaned.get(field_name(question, "judgement")) or "").strip(),
        }
        return value if any(value.values()) else None
    value = cleaned.get(field_name(question))
    if isinstance(value, str):
        value = value.strip()
    if isinstance(value, list):
        value = list(value)
    return value or None


def initial_from_value(question, value) -> dict:
    if value in (None, "", [], {}):
        return {}
    kind = question.kind
    if kind == QuestionKind.SOURCES:
        return {
            field_name(question, "kinds"): value.get("kinds", []),
            field_name(question, "detail"): value.get("detail", ""),
        }
    if kind == QuestionKind.PROFESSIONAL:
        return {field_name(question, part): value.get(part, "") for part in ("name", "profession", "date", "judgement")}
    return {field_name(question): value}


def is_answered(question, value) -> bool:
    """A required question counts as answered when every part of it is filled."""
    if value in (None, "", [], {}):
        return False
    if question.kind == QuestionKind.SOURCES:
        return bool(value.get("kinds"))
    if question.kind == QuestionKind.PROFESSIONAL:
        return all(value.get(p) for p in ("name", "profession", "date", "judgement"))
    return True


def _label(pairs, code) -> str:
    return str(dict(pairs).get(code, code))


def profession_label(code: str) -> str:
    return _label(PROFESSIONS, code)


def display_lines(question, value) -> list[str]:
    """The answer as readable lines (page and PDF)."""
    if value in (None, "", [], {}):
        return []
    kind = question.kind
    if kind == QuestionKind.TEXT:
        return [str(value)]
    if kind == QuestionKind.CHOICE:
        return [_label(question.choice_pairs(), value)]
    if kind == QuestionKind.MULTI:
        return [_label(question.choice_pairs(), v) for v in value]
    if kind == QuestionKind.YES_NO_UNKNOWN:
        return [_label(YNU_CHOICES, value)]
    if kind == QuestionKind.SOURCES:
        lines = [", ".join(_label(SOURCE_KINDS, k) for k in value.get("kinds", []))]
        if value.get("detail"):
            lines.append(value["detail"])
        return [line for line in lines if line]
    if kind == QuestionKind.PROFESSIONAL:
        day = value.get("date", "")
        try:
            day = datetime.date.fromisoformat(day).strftime("%d-%m-%Y") if day else ""
        except ValueError:
            pass
        head = ", ".join(
            p
            for p in [
                value.get("name", ""),
                profession_label(value.get("profession", "")) if value.get("profession") else "",
                day,
            ]
            if p
        )
        return [line for line in [head, value.get("judgement", "")] if line]
    return [str(value)]


class QuestionnaireForm(forms.Form):
    """All questions of one version. ``strict`` makes required questions required."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, questions, strict: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.sections = []
        for question in self.questions:
            fields = build_fields(question, required=strict and question.required)
            self.fields.update(fields)
            self.sections.append((question, list(fields)))

    def bound_sections(self):
        """(question, [bound fields]) for the template."""
        return [(q, [self[name] for name in names]) for q, names in self.sections]

    def answers(self) -> dict:
        return {q.pk: value_from_cleaned(q, self.cleaned_data) for q in self.questions}
