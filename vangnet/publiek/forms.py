"""The steps of the public melding form. Plain Dutch (B1), every field optional
unless the melding cannot do without it; limits on every text (no uploads)."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import services

MAX_DESCRIPTION = 2000
MAX_SHORT = 200
MAX_PLACE = 500
POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")


def _required(message: Any) -> dict:
    return {"required": message}


# The NL Design System (Utrecht component library) class of each kind of input.
WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}
TEXTBOX_CLASS = "utrecht-textbox utrecht-textbox--html-input"


class PublicForm(forms.Form):
    """A form of the public pages: inputs with the NL Design System classes. A textarea
    has no ``maxlength`` (it would cut off pasted text without a word); the limit is in
    its help text and the server says when it is passed, with the text kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next((c for kind, c in WIDGET_CLASSES.items() if type(widget) is kind), TEXTBOX_CLASS)
            widget.attrs["class"] = css
            if isinstance(widget, forms.Textarea):
                widget.attrs.pop("maxlength", None)


class StepForm(PublicForm):
    """A step of the form: its name in the session and its page title."""

    step = ""
    title: Any = ""


class ZorgForm(StepForm):
    step = "zorg"
    title = _("Wat is uw zorg?")

    concerns = forms.MultipleChoiceField(
        label=_("Waar maakt u zich zorgen over?"),
        help_text=_("U mag meer dan één ding kiezen."),
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required(_("Kies waar u zich zorgen over maakt.")),
    )
    description = forms.CharField(
        label=_("Vertel wat u ziet of hoort"),
        help_text=_("Bijvoorbeeld: wat er gebeurt, sinds wanneer en hoe vaak."),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Vertel in een paar zinnen wat u ziet of hoort."),
            "max_length": _("Uw tekst is te lang. Gebruik ten hoogste %(limit_value)d tekens."),
        },
    )
    danger = forms.ChoiceField(
        label=_("Is er nu direct gevaar?"),
        choices=[
            (services.DANGER_NONE, _("Nee")),
            (services.DANGER_SELF, _("Ja, voor de persoon zelf")),
            (services.DANGER_OTHERS, _("Ja, voor andere mensen")),
        ],
        widget=forms.RadioSelect,
        error_messages=_required(_("Kies of er nu direct gevaar is.")),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["concerns"].choices = services.offered_concerns()  # type: ignore[attr-defined]


class PersoonForm(StepForm):
    step = "persoon"
    title = _("Over wie maakt u zich zorgen?")

    person_name = forms.CharField(
        label=_("Naam van de persoon"),
        help_text=_("Weet u de naam niet? Laat dit dan leeg."),
        required=False,
        max_length=MAX_SHORT,
    )
    person_description = forms.CharField(
        label=_("Hoe ziet de persoon eruit?"),
        help_text=_("Bijvoorbeeld: man, ongeveer 40 jaar, lange grijze jas. Vul dit in als u de naam niet weet."),
        required=False,
        max_length=MAX_PLACE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    estimated_age = forms.IntegerField(
        label=_("Leeftijd (ongeveer)"),
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": _("Vul de leeftijd in als getal, bijvoorbeeld 45."),
            "min_value": _("Vul een leeftijd in van 0 tot 120 jaar."),
            "max_value": _("Vul een leeftijd in van 0 tot 120 jaar."),
        },
    )
    gemeente = forms.ModelChoiceField(
        label=_("In welke gemeente is dit?"),
        queryset=services.served_gemeenten(),
        empty_label=_("Kies een gemeente"),
        error_messages={
            "required": _("Kies de gemeente waar de persoon woont of verblijft."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    house_number = forms.CharField(label=_("Huisnummer"), required=False, max_length=20)
    place_description = forms.CharField(
        label=_("Of beschrijf de plek"),
        help_text=_("Weet u het adres niet? Beschrijf dan waar u de persoon ziet, bijvoorbeeld: bij het station."),
        required=False,
        max_length=MAX_PLACE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gemeente"]
        field.queryset = services.served_gemeenten()  # type: ignore[attr-defined]
        if not self.is_bound and field.queryset.count() == 1:  # type: ignore[attr-defined]
            self.initial.setdefault("gemeente", field.queryset.first())  # type: ignore[attr-defined]
        self.fields["postcode"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        if not value.strip():
            return ""
        match = POSTCODE.match(value)
        if match is None:
            raise forms.ValidationError(_("Vul de postcode in als vier cijfers en twee letters, bijvoorbeeld 1234 AB."))
        return f"{match.group(1)} {match.group(2).upper()}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("person_name", "").strip() or data.get("person_description", "").strip()):
            self.add_error("person_description", _("Vul de naam in, of beschrijf hoe de persoon eruitziet."))
        has_address = bool(data.get("postcode") and data.get("house_number", "").strip())
        if "postcode" in data and not (has_address or data.get("place_description", "").strip()):
            if data.get("postcode") and not data.get("house_number", "").strip():
                self.add_error("house_number", _("Vul ook het huisnummer in."))
            else:
                self.add_error("place_description", _("Vul de postcode en het huisnummer in, of beschrijf de plek."))
        return data


class MelderForm(StepForm):
    step = "over-u"
    title = _("Over u")

    NAMED = "naam"
    ANONYMOUS = "anoniem"

    anonymous = forms.ChoiceField(
        label=_("Wilt u uw naam geven?"),
        help_text=_("De persoon over wie u meldt, hoort nooit van ons wie de melding deed."),
        choices=[(NAMED, _("Ja, ik geef mijn naam")), (ANONYMOUS, _("Nee, ik blijf anoniem"))],
        widget=forms.RadioSelect,
        error_messages=_required(_("Kies of u uw naam wilt geven.")),
    )
    melder_name = forms.CharField(label=_("Uw naam"), required=False, max_length=MAX_SHORT)
    relation = forms.ChoiceField(
        label=_("Wie bent u voor de persoon?"),
        choices=[
            (services.RELATION_NEIGHBOUR, _("Buurman of buurvrouw")),
            (services.RELATION_FAMILY, _("Familie, partner of vriend")),
            (services.RELATION_OTHER, _("Iemand anders")),
        ],
        widget=forms.RadioSelect,
        error_messages=_required(_("Kies wie u bent voor de persoon.")),
    )
    relation_detail = forms.CharField(
        label=_("Toelichting (als u wilt)"),
        help_text=_("Bijvoorbeeld: zus, collega, beheerder van het gebouw."),
        required=False,
        max_length=100,
    )
    wants_feedback = forms.BooleanField(
        label=_("Ik wil graag horen dat het meldpunt mijn melding heeft opgepakt"), required=False
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("Alleen nodig als u iets van ons wilt horen. Alleen het meldpunt ziet dit."),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")},
    )
    phone = forms.CharField(
        label=_("Uw telefoonnummer (als u wilt)"),
        help_text=_("Dan kan het meldpunt u bellen als het een vraag heeft."),
        required=False,
        max_length=30,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["melder_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("anonymous") == self.NAMED and not data.get("melder_name", "").strip():
            self.add_error("melder_name", _("Vul uw naam in, of kies dat u anoniem blijft."))
        if data.get("wants_feedback") and "email" in data and not data.get("email"):
            self.add_error("email", _("Vul uw e-mailadres in als u iets van ons wilt horen."))
        return data


class VersturenForm(PublicForm):
    """The last step: the form's nonce and a field only robots fill in."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # The honeypot: hidden by the stylesheet (display: none), so a person never sees or
    # reaches it; a robot that fills in every field gives itself away.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})


STEPS: tuple[type[StepForm], ...] = (ZorgForm, PersoonForm, MelderForm)


def to_public_melding(zorg: dict[str, Any], persoon: dict[str, Any], melder: dict[str, Any]) -> services.PublicMelding:
    """The three steps' cleaned data as the service's input."""
    return services.PublicMelding(
        concerns=list(zorg["concerns"]),
        description=zorg["description"],
        danger=zorg["danger"],
        person_name=persoon["person_name"],
        person_description=persoon["person_description"],
        estimated_age=persoon["estimated_age"],
        gemeente=persoon["gemeente"],
        postcode=persoon["postcode"],
        house_number=persoon["house_number"],
        place_description=persoon["place_description"],
        anonymous=melder["anonymous"] == MelderForm.ANONYMOUS,
        melder_name=melder["melder_name"],
        relation=melder["relation"],
        relation_detail=melder["relation_detail"],
        wants_feedback=melder["wants_feedback"],
        email=melder["email"],
        phone=melder["phone"],
    )


class StatusForm(PublicForm):
    """The resident's look-up of their melding: its reference and the status code."""

    reference = forms.CharField(
        label=_("Kenmerk van uw melding"),
        help_text=_("Dit staat op de bevestiging, bijvoorbeeld M-2026-00123."),
        max_length=30,
        error_messages=_required(_("Vul het kenmerk van uw melding in.")),
    )
    code = forms.CharField(
        label=_("Statuscode"),
        help_text=_("De code van acht tekens op de bevestiging, bijvoorbeeld ABCD-EF23."),
        max_length=20,
        error_messages=_required(_("Vul de statuscode in.")),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("reference", "code"):
            self.fields[name].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
