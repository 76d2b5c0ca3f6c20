"""The forms of the naasten: a naaste (add or change) and a contact with one.
The rules (plausible dates, double submits, who may) are the service's."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MAX_NAME, MAX_NOTE, MAX_REACH, Consent, ContactWay, Naaste, Relation

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")


class NaasteForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=MAX_NAME,
        error_messages={"required": _("Vul de naam van de naaste in."), "max_length": TOO_LONG},
    )
    relation = forms.ChoiceField(
        label=_("Relatie"),
        choices=[("", _("Kies de relatie")), *Relation.choices],
        error_messages={"required": _("Kies de relatie.")},
    )
    reach = forms.CharField(
        label=_("Hoe bereikbaar"),
        required=False,
        max_length=MAX_REACH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Telefoon, e-mail of adres."),
        error_messages={"max_length": TOO_LONG},
    )
    consent = forms.ChoiceField(
        label=_("Wat mag gedeeld worden met deze naaste"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        help_text=_("Zoals de betrokkene het zelf heeft aangegeven."),
        error_messages={"required": _("Kies wat de betrokkene wil dat u met deze naaste deelt.")},
    )
    consent_on = forms.DateField(
        label=_("Datum toestemming"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    is_melder = forms.BooleanField(
        label=_("Deze naaste heeft een melding gedaan (melder)"),
        required=False,
        help_text=_("Een melder wordt nooit getoond aan de betrokkene bij inzage."),
    )
    version = forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, naaste: Naaste | None = None, **kwargs: Any) -> None:
        if naaste is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": naaste.name,
                "relation": naaste.relation,
                "reach": naaste.reach,
                "consent": naaste.consent,
                "consent_on": naaste.consent_on,
                "is_melder": naaste.is_melder,
                "version": naaste.version,
            }
        super().__init__(*args, **kwargs)
        self.fields["version"].required = naaste is not None
        if naaste is None:
            self.fields["consent_on"].initial = timezone.localdate()


class ContactForm(forms.Form):
    naaste = forms.ChoiceField(
        label=_("Met wie"), error_messages={"required": _("Kies met welke naaste er contact was.")}
    )
    at = forms.DateTimeField(
        label=_("Wanneer"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        error_messages={
            "required": _("Vul in wanneer het contact was."),
            "invalid": _("Vul een geldige datum en tijd in."),
        },
    )
    way = forms.ChoiceField(
        label=_("Hoe"),
        choices=ContactWay.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het contact was.")},
    )
    note = forms.CharField(
        label=_("Korte notitie"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, naasten: list[Naaste], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "contact")
        super().__init__(*args, **kwargs)
        self._naasten = {str(n.pk): n for n in naasten}
        field = cast(forms.ChoiceField, self.fields["naaste"])
        field.choices = [("", _("Kies een naaste")), *((str(n.pk), n.name) for n in naasten)]
        field.error_messages["invalid_choice"] = _("Kies een naaste uit de lijst.")
        self.fields["at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def chosen_naaste(self) -> Naaste | None:
        return self._naasten.get(self.cleaned_data.get("naaste") or "")
