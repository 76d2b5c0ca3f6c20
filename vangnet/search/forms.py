from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_QUERY


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        max_length=MAX_QUERY,
        help_text=_("Kenmerk (M-, C-, W-nummer), naam, geboortedatum, BSN, postcode, telefoon of plek."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
