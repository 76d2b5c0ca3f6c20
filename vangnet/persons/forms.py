"""Forms of the registry pages: merge, split and the duplicate review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeModelMultipleChoiceField
from vangnet.persons.validators import validate_bsn

from .models import DobPrecision, Sex
from .services import MIN_REASON

REASON_ERRORS = {
    "required": _("Geef een reden."),
    "min_length": _("Geef een reden van minstens %(limit_value)d tekens."),
    "max_length": _("De reden is te lang: maximaal %(limit_value)d tekens."),
}


def reason_field(help_text=""):
    return forms.CharField(
        label=_("Reden"),
        min_length=MIN_REASON,
        max_length=2000,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=REASON_ERRORS,
    )


class ChooseOtherForm(forms.Form):
    ander = forms.IntegerField(
        label=_("Nummer van de andere persoon"),
        min_value=1,
        help_text=_("Het nummer staat in het adres van de persoonspagina, bijvoorbeeld /personen/123/."),
        error_messages={
            "required": _("Vul het nummer van de andere persoon in."),
            "invalid": _("Vul een geldig nummer in."),
            "min_value": _("Vul een geldig nummer in."),
        },
    )


class MergeForm(forms.Form):
    keep_version = forms.IntegerField(widget=forms.HiddenInput)
    remove_version = forms.IntegerField(widget=forms.HiddenInput)
    reason = reason_field(help_text=_("Waarom zijn dit dezelfde persoon? Deze reden komt in het logboek."))
    confirm = forms.BooleanField(
        label=_("Ik heb beide personen vergeleken en weet zeker dat het dezelfde persoon is."),
        error_messages={"required": _("Bevestig dat u beide personen hebt vergeleken.")},
    )


class SplitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    meldingen = SafeModelMultipleChoiceField(
        label=_("Meldingen die over de andere persoon gaan"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies alleen meldingen van deze persoon die u mag inzien."),
            "invalid_pk_value": _("Kies alleen meldingen van deze persoon die u mag inzien."),
        },
    )
    casussen = SafeModelMultipleChoiceField(
        label=_("Casussen die over de andere persoon gaan"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies alleen casussen van deze persoon die u mag inzien."),
            "invalid_pk_value": _("Kies alleen casussen van deze persoon die u mag inzien."),
        },
    )
    given_names = forms.CharField(label=_("Voornamen"), max_length=200, required=False)
    roepnaam = forms.CharField(label=_("Roepnaam"), max_length=100, required=False)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=30, required=False)
    surname = forms.CharField(label=_("Achternaam"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("Geslacht"), choices=Sex.choices, required=False)
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-05-1970.")},
    )
    dob_precision = forms.ChoiceField(
        label=_("Nauwkeurigheid geboortedatum"), choices=DobPrecision.choices, required=False
    )
    estimated_birth_year = forms.IntegerField(
        label=_("Geschat geboortejaar"),
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={
            "invalid": _("Vul een jaartal in."),
            "min_value": _("Vul een jaartal vanaf 1900 in."),
            "max_value": _("Vul een geldig jaartal in."),
        },
    )
    bsn = forms.CharField(label=_("BSN"), max_length=9, required=False, validators=[validate_bsn])
    street = forms.CharField(label=_("Straat"), max_length=200, required=False)
    house_number = forms.CharField(label=_("Huisnummer"), max_length=20, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("Plaats"), max_length=100, required=False)
    place_description = forms.CharField(label=_("Omschrijving verblijfplaats"), max_length=500, required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    reason = reason_field(help_text=_("Waarom gaat dit over een andere persoon? Deze reden komt in het logboek."))

    IDENTITY = (
        "given_names",
        "roepnaam",
        "tussenvoegsel",
        "surname",
        "sex",
        "date_of_birth",
        "dob_precision",
        "estimated_birth_year",
        "bsn",
        "street",
        "house_number",
        "postcode",
        "city",
        "place_description",
        "phone",
    )

    def __init__(self, *args, meldingen_qs, casussen_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meldingen"].queryset = meldingen_qs
        self.fields["meldingen"].label_from_instance = lambda m: f"{m.reference} ({m.received_at:%d-%m-%Y})"
        self.fields["casussen"].queryset = casussen_qs
        self.fields["casussen"].label_from_instance = lambda c: f"{c.reference} ({c.organisation})"

    def identity(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in self.IDENTITY}

    def identity_fields(self):
        return [self[f] for f in self.IDENTITY]


class DismissForm(forms.Form):
    reason = reason_field(help_text=_("Waarom zijn dit twee verschillende personen? Deze reden komt in het logboek."))
