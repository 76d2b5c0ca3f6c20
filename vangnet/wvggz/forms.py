"""Forms of the verkennend onderzoek. Every rule gives a Dutch message; the
questionnaire form itself lives in ``questionnaire.py``."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeModelMultipleChoiceField
from vangnet.organisations.models import Team

from .models import MAX_TEXT, Alternative, MelderInformedHow, Outcome
from .questionnaire import DATE_FORMATS


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.username} ({obj.get_role_display()})"


class WorkerMultipleChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.username} ({obj.get_role_display()})"


def _date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul een datum in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026."),
        },
        **kwargs,
    )


def moment_on(day: datetime.date) -> datetime.datetime:
    """A typed date as a moment: now for today, midday local time for an earlier day."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(VersionForm):
    lead = WorkerChoiceField(
        label=_("Hoofdonderzoeker"),
        queryset=None,
        empty_label=_("— Kies een hoofdonderzoeker —"),
        error_messages={
            "required": _("Kies een hoofdonderzoeker."),
            "invalid_choice": _("Kies een collega uit de lijst."),
        },
    )
    others = WorkerMultipleChoiceField(
        label=_("Andere onderzoekers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies alleen collega's uit de lijst."),
            "invalid_pk_value": _("Kies alleen collega's uit de lijst."),
        },
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = workers
        self.fields["others"].queryset = workers


class DecisionForm(VersionForm):
    outcome = forms.ChoiceField(
        label=_("Besluit"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies: wel of geen aanvraag bij de officier van justitie."),
            "invalid_choice": _("Kies een besluit uit de lijst."),
        },
    )
    alternative = forms.ChoiceField(
        label=_("Wat gebeurt er in plaats van een aanvraag?"),
        choices=Alternative.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Kies een alternatief uit de lijst.")},
    )
    referred_to = forms.CharField(label=_("Doorverwezen naar"), max_length=300, required=False)
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEXT}),
        help_text=_("Verplicht bij geen aanvraag: waarom is verplichte zorg niet nodig?"),
        error_messages={"max_length": _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")},
    )
    casusregisseur = WorkerChoiceField(
        label=_("Casusregisseur (bij bemoeizorg)"),
        queryset=None,
        required=False,
        empty_label=_("— Kies —"),
        error_messages={"invalid_choice": _("Kies een collega uit de lijst.")},
    )
    duo = WorkerMultipleChoiceField(
        label=_("Duo-partner(s)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies alleen collega's uit de lijst."),
            "invalid_pk_value": _("Kies alleen collega's uit de lijst."),
        },
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("— Geen team —"),
        error_messages={"invalid_choice": _("Kies een team uit de lijst.")},
    )

    def __init__(self, *args, case_workers, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["casusregisseur"].queryset = case_workers
        self.fields["duo"].queryset = case_workers
        self.fields["team"].queryset = teams


class RequestSentForm(VersionForm):
    # Not ahead, not before the decision: services.record_request_sent (core.plausible).
    sent_on = _date_field(_("Verzonden op"))


class MelderForm(VersionForm):
    how = forms.ChoiceField(
        label=_("Hoe is de melder geïnformeerd?"),
        choices=MelderInformedHow.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe de melder is geïnformeerd."),
            "invalid_choice": _("Kies uit de lijst."),
        },
    )
    informed_on = _date_field(_("Datum"), required=False)
    message = forms.CharField(
        label=_("Tekst zoals verzonden of verteld"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 14, "maxlength": MAX_TEXT}),
        help_text=_("Geen medische of inhoudelijke informatie over de betrokkene."),
        error_messages={"max_length": _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")},
    )


class PeriodForm(forms.Form):
    van = _date_field(_("Van"), required=False)
    tot = _date_field(_("Tot en met"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and start > end:
            self.add_error("tot", forms.ValidationError(_("De einddatum ligt vóór de begindatum."), code="order"))
        return cleaned

    def period(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("van") or today.replace(month=1, day=1), data.get("tot") or today
