from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.organisations.models import Organisation

from .models import MAX_TEXT

TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")


def _text(label, *, required=True, rows=4, help_text="", message=None):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TOO_LONG, "required": message or _("Vul dit veld in.")},
    )


def _date(label, message):
    return forms.DateField(
        label=label,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": message, "invalid": _("Vul een geldige datum in.")},
    )


class RegisseurChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_role_display()}, {obj.organisation})"


class EscalateForm(forms.Form):
    description = _text(
        _("Wat zit er vast?"),
        rows=6,
        message=_("Beschrijf wat er vastzit."),
        help_text=_("Welke organisaties, welke vraag, wat is al geprobeerd. Zo min mogelijk medische details."),
    )
    procesregisseur = RegisseurChoiceField(
        label=_("Procesregisseur"),
        queryset=None,
        empty_label=_("— kies —"),
        error_messages={
            "required": _("Kies de procesregisseur."),
            "invalid_choice": _("Kies een procesregisseur uit de lijst."),
        },
    )

    def __init__(self, *args, regisseurs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procesregisseur"].queryset = regisseurs


class DecisionForm(forms.Form):
    text = _text(_("Besluit"), message=_("Vul het besluit in."))
    decided_on = _date(_("Datum besluit"), _("Vul de datum van het besluit in."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"decided_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ActionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie aan zet"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("— kies —"),
        error_messages={"required": _("Kies de organisatie die aan zet is.")},
    )
    description = _text(
        _("Actie"),
        rows=3,
        message=_("Beschrijf wat de organisatie moet doen."),
        help_text=_("De organisatie aan zet ziet deze tekst en het casuskenmerk, verder niets. Geen medische details."),
    )
    due_date = _date(_("Uiterlijk"), _("Vul in wanneer de actie uiterlijk klaar moet zijn."))


class CompleteActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = _text(_("Toelichting"), required=False, rows=2)


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = _text(_("Afsluitende notitie"), message=_("Schrijf op waarom de escalatie kan worden afgerond."))
