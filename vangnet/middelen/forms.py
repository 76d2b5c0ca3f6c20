"""The forms of the means page: an inzet, a waiting-list entry and the placement.
The rules (approver, plausible dates and amounts) are the service's."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services
from .models import MAX_PROVIDER, MAX_PURPOSE, InzetKind, Wachtlijst, WachtlijstKind, WachtlijstStatus

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")
INVALID_DATE = _("Vul een geldige datum in.")


class ApproverField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class InzetForm(forms.Form):
    prefix = "inzet"
    kind = forms.ChoiceField(
        label=_("Soort inzet"),
        choices=InzetKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort inzet.")},
    )
    amount = forms.DecimalField(
        label=_("Bedrag in euro's"),
        max_digits=9,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "required": _("Vul het bedrag in euro's in."),
            "invalid": _("Vul een bedrag in, bijvoorbeeld 150,00."),
            "max_digits": _("Dit bedrag is onwaarschijnlijk hoog. Controleer het bedrag."),
            "max_whole_digits": _("Dit bedrag is onwaarschijnlijk hoog. Controleer het bedrag."),
            "max_decimal_places": _("Vul het bedrag in hele centen in."),
        },
    )
    purpose = forms.CharField(
        label=_("Doel"),
        max_length=MAX_PURPOSE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waarvoor het geld of de plek is, bijvoorbeeld: twee nachten opvang tot de sleuteloverdracht."),
        error_messages={"required": _("Beschrijf waarvoor het geld of de plek is."), "max_length": TOO_LONG},
    )
    approved_by = ApproverField(
        label=_("Goedgekeurd door (teamleider)"),
        queryset=None,
        empty_label=_("Kies de teamleider"),
        error_messages={
            "required": _("Kies de teamleider van de organisatie van de casus die de inzet heeft goedgekeurd."),
            "invalid_choice": _("Kies de teamleider van de organisatie van de casus die de inzet heeft goedgekeurd."),
        },
    )
    spent_on = forms.DateField(
        label=_("Datum"),
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        error_messages={"required": _("Vul de datum in."), "invalid": INVALID_DATE},
    )

    def __init__(self, *args: Any, casus: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from vangnet.accounts.models import User

        ids = [u.pk for u in services.approvers(casus)]
        self.fields["approved_by"].queryset = User.objects.filter(pk__in=ids).order_by(  # type: ignore[attr-defined]
            "first_name", "last_name", "username"
        )
        self.fields["spent_on"].initial = timezone.localdate()


class WachtlijstForm(forms.Form):
    prefix = "wachtlijst"
    kind = forms.ChoiceField(
        label=_("Soort plek"),
        choices=WachtlijstKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort plek.")},
    )
    provider = forms.CharField(
        label=_("Aanbieder"),
        required=False,
        max_length=MAX_PROVIDER,
        help_text=_("Bij wie de betrokkene op de lijst staat (mag leeg)."),
        error_messages={"max_length": TOO_LONG},
    )
    listed_on = forms.DateField(
        label=_("Op de lijst gezet op"),
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        error_messages={
            "required": _("Vul de datum in waarop de betrokkene op de lijst is gezet."),
            "invalid": INVALID_DATE,
        },
    )


class PlacementForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (WachtlijstStatus.GEPLAATST, _("Geplaatst")),
            (WachtlijstStatus.VERVALLEN, _("Vervallen (niet meer nodig of van de lijst gehaald)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies: geplaatst of vervallen.")},
    )
    placed_on = forms.DateField(
        label=_("Geplaatst op"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        help_text=_("Alleen bij een plaatsing."),
        error_messages={"invalid": INVALID_DATE},
    )
    version = forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, entry: Wachtlijst, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"plaatsing-{entry.pk}")
        kwargs.setdefault("initial", {"version": entry.version})
        super().__init__(*args, **kwargs)
        self.entry = entry
