"""The forms: change the task and ground of a casus (with a reason), record a consent
or objection, withdraw one, review an override. The rules are the service's; the
ground field offers only the grounds that fit the chosen task (a ground of another
task is refused by the service, on the field)."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.organisations.models import Organisation

from . import catalogue
from .catalogue import Ground, Task
from .models import MAX_PURPOSE, MAX_REASON, Toestemming

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")
BLANK = _("— kies —")


def _version(required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=0, required=required)


class GrondslagForm(forms.Form):
    task = forms.ChoiceField(
        label=_("Taak"),
        choices=Task.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de taak waaronder de casus loopt.")},
    )
    ground = forms.ChoiceField(
        label=_("Grondslag"),
        choices=Ground.choices,
        widget=forms.RadioSelect,
        help_text=_("Welke grondslag past, hangt af van de taak; zie de toelichting per taak hieronder."),
        error_messages={"required": _("Kies de grondslag."), "invalid_choice": _("Kies een grondslag uit de lijst.")},
    )
    reason = forms.CharField(
        label=_("Reden van de wijziging"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld: meneer heeft nu contact en wil hulp; de casus gaat van toeleiding naar hulpverlening."
        ),
        error_messages={"required": _("Schrijf waarom de taak of grondslag verandert."), "max_length": TOO_LONG},
    )
    version = _version()


def organisation_kind_choices() -> list[tuple[str, Any]]:
    return [("", BLANK), *Organisation.Kind.choices]


class ConsentForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Wat heeft de betrokkene aangegeven?"),
        choices=Toestemming.Soort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies: toestemming of bezwaar.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Met welke organisatie"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=BLANK,
        help_text=_("Kies één organisatie, of hieronder een soort organisatie."),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    organisation_kind = forms.ChoiceField(
        label=_("Of: met elke organisatie van deze soort"),
        choices=organisation_kind_choices,
        required=False,
        error_messages={"invalid_choice": _("Kies een soort organisatie uit de lijst.")},
    )
    task = forms.ChoiceField(
        label=_("Voor welke taak"),
        choices=[("", _("Voor elke taak")), *Task.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een taak uit de lijst.")},
    )
    purpose = forms.CharField(
        label=_("Doel of toelichting"),
        max_length=MAX_PURPOSE,
        required=False,
        help_text=_("Bijvoorbeeld: gegevens delen voor een aanvraag beschermd wonen."),
        error_messages={"max_length": TOO_LONG},
    )
    how = forms.ChoiceField(
        label=_("Hoe gegeven"),
        choices=Toestemming.Wijze.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het is gegeven: mondeling of schriftelijk.")},
    )
    given_on = forms.DateField(
        label=_("Gegeven op"),
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        error_messages={
            "required": _("Vul de datum in waarop het is gegeven."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    ends_on = forms.DateField(
        label=_("Geldig tot (leeg: tot intrekken)"),
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekken"),
        max_length=MAX_REASON,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
    version = _version()


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Beoordeling"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Schrijf uw beoordeling: was het delen gerechtvaardigd?"),
            "max_length": TOO_LONG,
        },
    )


class OverrideFields(forms.Form):
    """The two fields a sharing form adds to go ahead against the person's wishes
    (network referral, overleg share): mixed into those forms."""

    override = forms.BooleanField(
        label=_("Toch delen, ondanks bezwaar of zonder vastgelegde toestemming"),
        required=False,
        help_text=_("Alleen als het echt nodig is. De teamleider beoordeelt het achteraf."),
    )
    override_reason = forms.CharField(
        label=_("Waarom deelt u toch?"),
        max_length=MAX_REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )


def ground_field(task: str, *, label: Any = None) -> forms.ChoiceField:
    """A radio group of the grounds that fit ``task`` (for the sharing forms)."""
    return forms.ChoiceField(
        label=label or _("Grondslag voor het delen"),
        choices=catalogue.ground_choices(task),
        widget=forms.RadioSelect,
        help_text=_("Alleen de grondslagen die passen bij de taak van de casus (%(task)s).")
        % {"task": Task(task).label},
        error_messages={
            "required": _("Kies de grondslag voor het delen."),
            "invalid_choice": _("Deze grondslag past niet bij de taak van de casus."),
        },
    )
