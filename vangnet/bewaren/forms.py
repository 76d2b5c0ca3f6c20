"""Forms of the retention pages: confirm a release, place a hold, lift it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import HOLD_KINDS

MAX_REASON = 1000
TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")


class ReleaseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik heb het rapport beoordeeld: deze gegevens mogen worden verwijderd."),
        error_messages={"required": _("Bevestig dat u het rapport hebt beoordeeld.")},
    )


class HoldForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wilt u bewaren?"),
        choices=HOLD_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat u wilt bewaren."), "invalid_choice": _("Kies wat u wilt bewaren.")},
    )
    reference = forms.CharField(
        label=_("Kenmerk"),
        max_length=30,
        help_text=_(
            "Het kenmerk van de melding of casus (M-… of C-…); voor een persoon het kenmerk van een van zijn meldingen of casussen."
        ),
        error_messages={"required": _("Vul het kenmerk in."), "max_length": TOO_LONG},
    )
    reason = forms.CharField(
        label=_("Reden (lopende procedure)"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: klacht, bezwaar, tuchtzaak of rechtszaak. Geen namen of inhoud van het dossier."),
        error_messages={"required": _("Schrijf de reden op."), "max_length": TOO_LONG},
    )


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom wordt de blokkade opgeheven?"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf de reden op."), "max_length": TOO_LONG},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
