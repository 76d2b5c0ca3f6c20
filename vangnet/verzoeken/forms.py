"""The forms of a request: register, extend the term, decide, lift a restriction.
The rules (plausible dates, a reason where the law asks one) are the service's."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MAX_REASON, MAX_TEXT, Ontvangstwijze, Soort, Status

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")
INVALID_DATE = _("Vul een geldige datum in.")


def _date(label: Any, required_message: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        help_text=help_text,
        error_messages={"required": required_message, "invalid": INVALID_DATE},
    )


def _version() -> forms.IntegerField:
    return forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1)


class RegisterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort verzoek"),
        choices=Soort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort verzoek."), "invalid_choice": _("Kies de soort verzoek.")},
    )
    received_on = _date(
        _("Ontvangen op"),
        _("Vul de datum van ontvangst in."),
        _("De termijn van een maand telt vanaf deze dag."),
    )
    channel = forms.ChoiceField(
        label=_("Hoe ontvangen"),
        choices=Ontvangstwijze.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe het verzoek is ontvangen."),
            "invalid_choice": _("Kies hoe het verzoek is ontvangen."),
        },
    )
    request_text = forms.CharField(
        label=_("Wat vraagt de betrokkene"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Zo veel mogelijk in de woorden van de betrokkene: welke gegevens, wat er anders moet."),
        error_messages={"required": _("Beschrijf wat de betrokkene vraagt."), "max_length": TOO_LONG},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de verlenging"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld: het verzoek is ingewikkeld of er lopen veel verzoeken. Deze reden krijgt de betrokkene te horen."
        ),
        error_messages={"required": _("Geef de reden van de verlenging."), "max_length": TOO_LONG},
    )
    told_on = _date(
        _("Betrokkene geïnformeerd op"),
        _("Vul in wanneer de betrokkene over de verlenging is geïnformeerd."),
        _("De betrokkene moet binnen de eerste maand horen dat en waarom de termijn wordt verlengd."),
    )
    version = _version()


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Besluit"),
        choices=[(Status.TOEGEWEZEN.value, _("Toewijzen / uitgevoerd")), (Status.AFGEWEZEN.value, _("Afwijzen"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies toewijzen of afwijzen."),
            "invalid_choice": _("Kies toewijzen of afwijzen."),
        },
    )
    decided_on = _date(_("Besloten op"), _("Vul de datum van het besluit in."))
    correction_done = forms.CharField(
        label=_("Wat is gecorrigeerd"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen bij een correctie die is toegewezen: welke gegevens, van wat naar wat, waar."),
        error_messages={"max_length": TOO_LONG},
    )
    answer = forms.CharField(
        label=_("Antwoord aan de betrokkene / reden"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bij afwijzen verplicht: de reden, die de betrokkene te horen krijgt."),
        error_messages={"max_length": TOO_LONG},
    )
    version = _version()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()


class LiftForm(forms.Form):
    lifted_on = _date(_("Opgeheven op"), _("Vul de datum van het opheffen in."))
    reason = forms.CharField(
        label=_("Reden van het opheffen"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De betrokkene wordt vooraf geïnformeerd dat de beperking wordt opgeheven (art. 18 lid 3 AVG)."),
        error_messages={"required": _("Geef de reden van het opheffen."), "max_length": TOO_LONG},
    )
    version = _version()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lifted_on"].initial = timezone.localdate()


class StartForm(forms.Form):
    version = _version()
