from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.identity import is_valid_bsn, normalise_bsn

from .services import MIN_REASON_LENGTH


class BreakGlassSearchForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=20,
        help_text=_("Zoek op BSN, of op achternaam én geboortedatum."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    surname = forms.CharField(
        label=_("Achternaam"), required=False, max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def clean_bsn(self):
        raw = self.cleaned_data.get("bsn", "")
        if not raw.strip():
            return ""
        bsn = normalise_bsn(raw)
        if not is_valid_bsn(bsn):
            raise forms.ValidationError(
                _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en voldoen aan de elfproef."),
                code="invalid_bsn",
            )
        return bsn

    def clean_surname(self):
        return " ".join(self.cleaned_data.get("surname", "").split())

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("bsn") and not (data.get("surname") and data.get("date_of_birth")):
            raise forms.ValidationError(
                _("Vul een BSN in, of een achternaam én een geboortedatum."), code="search_incomplete"
            )
        return data


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden voor noodtoegang"),
        min_length=MIN_REASON_LENGTH,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom heeft u nu toegang nodig tot deze persoon? Minstens 10 tekens."),
        error_messages={
            "required": _("Geef een reden voor de noodtoegang."),
            "min_length": _("Geef een reden van minstens %(limit_value)d tekens (nu %(show_value)d)."),
            "max_length": _("De reden mag hoogstens %(limit_value)d tekens zijn (nu %(show_value)d)."),
        },
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat deze noodtoegang wordt gelogd en achteraf door mijn teamleider wordt beoordeeld."),
        error_messages={"required": _("Bevestig dat de noodtoegang achteraf wordt beoordeeld.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < MIN_REASON_LENGTH:
            raise forms.ValidationError(
                _("Geef een reden van minstens %(min)d tekens (nu %(now)d).")
                % {"min": MIN_REASON_LENGTH, "now": len(reason)},
                code="min_length",
            )
        return reason
