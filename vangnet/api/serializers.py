"""Serializers of the partner API.

Validation is the web form's: the input is checked by ``PartnerMeldingForm``
(BSN elfproef, no future dates, known categories, at most 10,000 characters,
the betrokkene identified somehow), so the API and the form can never disagree.
The declared fields describe the input for the OpenAPI schema."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vangnet.intake.categories import STANDARD_CATEGORY_CODES
from vangnet.intake.forms import PartnerMeldingForm
from vangnet.intake.models import MAX_TEXT, Melding, UrgencyIndicator
from vangnet.intake.services import partner_status

from .errors import field_errors

TOO_LONG = _("Dit veld is te lang: maximaal %(max)d tekens.")


def _text(max_length: int, help_text: str = "", **kwargs) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length,
        required=False,
        allow_blank=True,
        help_text=help_text,
        error_messages={"max_length": TOO_LONG % {"max": max_length}, "invalid": _("Vul tekst in.")},
        **kwargs,
    )


CATEGORY_CODES_TEXT = ", ".join(STANDARD_CATEGORY_CODES)


@extend_schema_field({"type": "string", "enum": list(STANDARD_CATEGORY_CODES), "maxLength": 40})
class CategoryCodeField(serializers.CharField):
    """A concern category code. The form checks it against the active categories,
    so a category added by functioneel beheer works without a new schema."""


class ErrorSerializer(serializers.Serializer):
    """An error answer: one Dutch message."""

    detail = serializers.CharField(help_text=_("Wat er mis is, in het Nederlands."))


# The body of a 400: per field its Dutch messages; non_field_errors for the
# combination of fields; detail when the request itself could not be read.
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {
        "description": ["Beschrijf wat er aan de hand is."],
        "categories": ["Onbekende zorgcategorie: foo. Kies uit de lijst."],
    },
}


class PartnerMeldingSerializer(serializers.ModelSerializer):
    """What a partner may see of a melding they submitted: no personal or casus detail."""

    status = serializers.SerializerMethodField(
        help_text=_("Ontvangen, In behandeling, Afgerond of Afgehandeld door het meldpunt.")
    )

    class Meta:
        model = Melding
        fields = ["reference", "received_at", "status"]
        read_only_fields = fields

    def get_status(self, melding) -> str:
        return partner_status(melding)


class PartnerMeldingCreateSerializer(serializers.Serializer):
    """A new melding from a network partner. Melder details come from the login."""

    default_error_messages = {
        "invalid": _("Stuur de melding als een JSON-object met velden."),
        "null": _("Stuur de melding als een JSON-object met velden."),
    }

    melder_phone = _text(30, _("Uw telefoonnummer voor vragen van het meldpunt."))
    melder_relation = _text(200, _("Uw relatie tot de betrokkene, bijvoorbeeld wijkagent."))
    given_names = _text(200)
    tussenvoegsel = _text(30)
    surname = _text(200)
    sex = serializers.ChoiceField(
        choices=[("M", _("Man")), ("V", _("Vrouw"))],
        required=False,
        allow_blank=True,
        help_text=_("M, V of leeg (onbekend)."),
        error_messages={"invalid_choice": _("Kies M, V of laat het geslacht leeg.")},
    )
    date_of_birth = serializers.DateField(
        required=False,
        allow_null=True,
        error_messages={"invalid": _("Vul een geldige geboortedatum in als JJJJ-MM-DD.")},
    )
    estimated_age = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": _("Vul de geschatte leeftijd in als een heel getal van 0 tot en met 120."),
            "min_value": _("Vul de geschatte leeftijd in als een heel getal van 0 tot en met 120."),
            "max_value": _("Vul de geschatte leeftijd in als een heel getal van 0 tot en met 120."),
            "max_string_length": _("Vul de geschatte leeftijd in als een heel getal van 0 tot en met 120."),
        },
    )
    bsn = _text(20, _("Niet verplicht; moet voldoen aan de elfproef."))
    street = _text(200)
    house_number = _text(20)
    postcode = _text(10, _("Vier cijfers en twee letters, bijvoorbeeld 1234 AB."))
    city = _text(100)
    place_description = _text(500, _("Als naam of adres onbekend is: man, ~40, slaapt bij het station."))
    categories = serializers.ListField(
        child=CategoryCodeField(
            max_length=40,
            error_messages={
                "invalid": _("Geef elke zorg als een code (tekst)."),
                "blank": _("Geef elke zorg als een code (tekst)."),
                "null": _("Geef elke zorg als een code (tekst)."),
                "max_length": _("Onbekende zorgcategorie. Kies uit de lijst."),
            },
        ),
        allow_empty=False,
        help_text=_(
            "Codes van zorgcategorieën. Standaard: %(codes)s. Functioneel beheer kan categorieën "
            "toevoegen of uitzetten; een onbekende of uitgezette code geeft 400."
        )
        % {"codes": CATEGORY_CODES_TEXT},
        error_messages={
            "required": _("Kies ten minste één zorg."),
            "empty": _("Kies ten minste één zorg."),
            "not_a_list": _("Geef de zorgen als een lijst van codes."),
        },
    )
    description = serializers.CharField(
        max_length=MAX_TEXT,
        help_text=_("Wat is er aan de hand? Maximaal 10.000 tekens."),
        error_messages={
            "required": _("Beschrijf wat er aan de hand is."),
            "blank": _("Beschrijf wat er aan de hand is."),
            "max_length": _("De beschrijving is te lang: maximaal 10.000 tekens."),
        },
    )
    urgency_indicators = serializers.ListField(
        child=serializers.ChoiceField(
            choices=UrgencyIndicator.choices,
            # DRF fills in {input} (str.format), not %(input)s.
            error_messages={"invalid_choice": _("Onbekend urgentiesignaal: {input}.")},
        ),
        required=False,
        error_messages={"not_a_list": _("Geef de urgentiesignalen als een lijst van codes.")},
    )

    def validate(self, attrs):
        data = {}
        for name, value in attrs.items():
            if value is None:
                value = ""
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            data[name] = value
        form = PartnerMeldingForm(data)
        if not form.is_valid():
            raise serializers.ValidationError(field_errors(DjangoValidationError(form.errors.as_data())))
        self.form = form
        return attrs

    def unsaved_melding(self) -> Melding:
        """The melding as the form built it (not saved yet)."""
        return self.form.save(commit=False)
