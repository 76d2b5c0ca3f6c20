"""The forms of the crisis card, a crisis episode and its feedback. The rules
(at least one part filled in, a date when agreed, plausible moments) are the
service's."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MAX_COPY, MAX_TEXT, CrisisCard, EpisodeKind

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
DATETIME_FORMATS = [DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")


def _text(label: Any, help_text: Any = "", limit: int = MAX_TEXT, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=limit,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TOO_LONG},
    )


class CrisisCardForm(forms.Form):
    early_signs = _text(
        _("Vroege signalen"), _("Waaraan merkt u (en de betrokkene zelf) dat het misgaat? In zijn of haar woorden.")
    )
    what_helps = _text(_("Wat helpt"), _("Wat de betrokkene dan helpt, en wie dat kan doen."))
    what_not = _text(_("Wat niet doen"), _("Wat het erger maakt of wat de betrokkene niet wil."))
    who_to_call = _text(_("Wie bellen"), _("Namen en telefoonnummers, in volgorde: wie eerst."))
    agreed_with_person = forms.BooleanField(label=_("Afgesproken met de betrokkene"), required=False)
    agreed_on = forms.DateField(
        label=_("Datum van de afspraak"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Verplicht als de kaart met de betrokkene is afgesproken."),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    copy_holders = _text(
        _("Wie heeft een kopie"), _("Bijvoorbeeld: betrokkene zelf, zus, huisarts, FACT-team."), MAX_COPY, 2
    )
    version = forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args: Any, card: CrisisCard | None = None, **kwargs: Any) -> None:
        if "initial" not in kwargs:
            kwargs["initial"] = {**card.content(), "version": card.version} if card else {"version": 0}
        super().__init__(*args, **kwargs)


class EpisodeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat gebeurde er?"),
        choices=EpisodeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er gebeurde."), "invalid_choice": _("Kies wat er gebeurde.")},
    )
    at = forms.DateTimeField(
        label=_("Wanneer"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        error_messages={"required": _("Vul in wanneer het was."), "invalid": _("Vul een geldige datum en tijd in.")},
    )
    what_happened = forms.CharField(
        label=_("Wat er gebeurde"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wie schakelde wie in, wat werd er gedaan, waar is de betrokkene nu."),
        error_messages={"required": _("Beschrijf wat er gebeurde."), "max_length": TOO_LONG},
    )
    feedback = _text(
        _("Wat kwam er terug (terugkoppeling)"),
        _("Kunt u later aanvullen, bijvoorbeeld na het bericht van de crisisdienst."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = timezone.localtime().strftime(DATETIME_LOCAL)


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_("Wat kwam er terug (terugkoppeling)"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat de crisisdienst, de afdeling of de politie liet weten, en wanneer."),
        error_messages={"required": _("Vul in wat er terugkwam."), "max_length": TOO_LONG},
    )
    version = forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1)
