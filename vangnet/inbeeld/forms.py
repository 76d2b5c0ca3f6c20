from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vangnet.core.identity import is_valid_bsn, normalise_bsn

from .models import Purpose


class InBeeldForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Waarvoor vraagt u dit?"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies het doel van uw vraag.")},
    )
    purpose_text = forms.CharField(
        label=_("Toelichting op het doel"),
        required=False,
        max_length=300,
        help_text=_("Verplicht bij ‘Anders’. Geen medische gegevens."),
        error_messages={"max_length": _("Maximaal 300 tekens.")},
    )
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=20,
        help_text=_("Vul óf het BSN in, óf achternaam, voornamen en geboortedatum."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    surname = forms.CharField(
        label=_("Achternaam"), required=False, max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    given_names = forms.CharField(
        label=_("Voornamen"), required=False, max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("purpose") == Purpose.ANDERS and not data.get("purpose_text"):
            self.add_error("purpose_text", _("Licht het doel toe als u ‘Anders’ kiest."))
        bsn = normalise_bsn(data.get("bsn", ""))
        if data.get("bsn"):
            if not is_valid_bsn(bsn):
                self.add_error(
                    "bsn", _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en voldoen aan de elfproef.")
                )
            data["bsn"] = bsn
            return data
        missing = [f for f in ("surname", "given_names", "date_of_birth") if not data.get(f) and f not in self.errors]
        for name in missing:
            self.add_error(name, _("Vul dit in, of vul het BSN in."))
        if missing and len(missing) == 3:
            raise ValidationError(_("Vul het BSN in, of achternaam, voornamen en geboortedatum."))
        return data
