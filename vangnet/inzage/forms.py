"""The forms of the inzage: start (a confirmation), one free text's decision, release.
The rules (a reason when shielding, every text decided before release) are the service's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_NOTE, Decision, ShieldReason

TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")


class StartForm(forms.Form):
    """Only the button: what goes in is decided by the sources, not chosen."""


class ItemForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[(Decision.VRIJGEVEN, Decision.VRIJGEVEN.label), (Decision.AFSCHERMEN, Decision.AFSCHERMEN.label)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies vrijgeven of afschermen.")},
    )
    reason = forms.ChoiceField(
        label=_("Reden afschermen"),
        choices=[("", _("– kies bij afschermen –")), *ShieldReason.choices],
        required=False,
        help_text=_("De betrokkene leest deze reden op de plek van de tekst."),
    )
    note = forms.CharField(
        label=_("Toelichting (intern)"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt niet in de inzage; verplicht bij 'andere reden'."),
        error_messages={"max_length": TOO_LONG},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReleaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
