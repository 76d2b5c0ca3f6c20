"""The form of a life-domain picture: the date, per domain a score (a radio group
with the labels functioneel beheer keeps, and "nog onbekend") and a short text.
The rules (one picture a day, at least one score, plausible date) are the
service's."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services
from .models import MAX_DOMAIN_TEXT, MAX_NOTE, Assessment, LifeDomain

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
UNKNOWN = ""
TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(
        label=_("Datum van het beeld"),
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        error_messages={"required": _("Vul de datum van het beeld in."), "invalid": _("Vul een geldige datum in.")},
    )
    note = forms.CharField(
        label=_("Toelichting bij het hele beeld"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: met wie het beeld is besproken, in de woorden van de betrokkene."),
        error_messages={"max_length": TOO_LONG},
    )
    version = forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, assessment: Assessment | None = None, **kwargs: Any) -> None:
        if assessment is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(assessment)
        super().__init__(*args, **kwargs)
        labels = services.scale_labels()
        choices = [(UNKNOWN, _("Nog onbekend")), *((str(n), f"{n}. {label}") for n, label in sorted(labels.items()))]
        for domain, label in LifeDomain.choices:
            self.fields[f"score_{domain}"] = forms.ChoiceField(
                label=_("Score %(domain)s") % {"domain": label},
                choices=choices,
                required=False,
                initial=UNKNOWN,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Kies een score van 1 tot en met 5, of 'nog onbekend'.")},
            )
            self.fields[f"text_{domain}"] = forms.CharField(
                label=_("Toelichting %(domain)s") % {"domain": label},
                required=False,
                max_length=MAX_DOMAIN_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": TOO_LONG},
            )
        self.fields["version"].required = assessment is not None
        if assessment is None:
            self.fields["assessed_on"].initial = timezone.localdate()

    @staticmethod
    def initial_for(assessment: Assessment) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "assessed_on": assessment.assessed_on,
            "note": assessment.note,
            "version": assessment.version,
        }
        for s in assessment.scores.all():
            initial[f"score_{s.domain}"] = UNKNOWN if s.score is None else str(s.score)
            initial[f"text_{s.domain}"] = s.text
        return initial

    def domains(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """Per domain its label and its two fields, in the order of the form."""
        return [(str(label), self[f"score_{d}"], self[f"text_{d}"]) for d, label in LifeDomain.choices]

    def scores(self) -> dict[str, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            d: (int(data[f"score_{d}"]) if data.get(f"score_{d}") else None, data.get(f"text_{d}", ""))
            for d in LifeDomain.values
        }
