"""Forms for registering a melding (meldpunt staff) and submitting one (partner).

All rules give a clear Dutch message and never raise: garbage input (text in a
date field, huge numbers, unknown codes) becomes a field error."""

import re
import secrets
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core import identity, plausible
from vangnet.core.forms import SafeModelMultipleChoiceField
from vangnet.organisations.models import Gemeente

from .models import (
    BETROKKENE_FIELDS,
    EARLIEST_RECEIVED,
    MAX_REASON,
    MAX_TEXT,
    ONTVANGST_MELDER_FIELDS,
    Channel,
    ConcernCategory,
    Melding,
    UrgencyIndicator,
)

MAX_AGE = 120

RECEIVED_IN_FUTURE = _("Het tijdstip van ontvangst kan niet in de toekomst liggen.")
RECEIVED_TOO_EARLY = _("Het tijdstip van ontvangst kan niet vóór 2000 liggen. Vul in wanneer de melding binnenkwam.")

BSN_INVALID = _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en voldoen aan de elfproef.")
FEEDBACK_NEEDS_CONTACT = _("Voor terugkoppeling hebben we een telefoonnummer of e-mailadres nodig.")
IDENTIFY_BETROKKENE = _(
    "Beschrijf wie de betrokkene is: vul ten minste een naam, een adres, een omschrijving van de plek of een BSN in."
)


def clean_bsn_value(value: str) -> str:
    """Normalise and check a typed BSN; raises ``forms.ValidationError`` with a Dutch message."""
    bsn = identity.normalise_typed_bsn(value)
    if bsn and not identity.is_valid_bsn(bsn):
        raise forms.ValidationError(BSN_INVALID, code="invalid_bsn")
    return bsn


def checked_date(check: Callable[..., None], value: Any, messages: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """Run a rule of ``vangnet.core.plausible`` in a form's ``clean_<field>``: its keyed
    error becomes the field's own, with this form's wording where ``messages`` (code ->
    text) has one, so the registration form and every service apply the same rule."""
    if value is None:
        return value
    try:
        check(value, field="value", **kwargs)
    except ValidationError as error:
        errors = error.error_dict["value"]
        raise forms.ValidationError(
            [
                forms.ValidationError((messages or {}).get(e.code or "", e.message), code=e.code, params=e.params)
                for e in errors
            ]
        ) from None
    return value


def check_received_at(value: Any) -> Any:
    """A melding arrived in the past (a few minutes' clock slack), and not before 2000."""
    return checked_date(
        plausible.check_moment,
        value,
        {"future": RECEIVED_IN_FUTURE, "before_start": RECEIVED_TOO_EARLY},
        not_before=EARLIEST_RECEIVED,
    )


def clean_postcode_value(value: str) -> str:
    """'1234ab' and '1234  AB' become '1234 AB'; raises for anything else."""
    postcode = identity.dutch_postcode(value)
    if postcode is None:
        raise forms.ValidationError(
            _("Vul de postcode in als vier cijfers en twee letters, bijvoorbeeld 1234 AB."), code="invalid_postcode"
        )
    return postcode


def clean_phone_value(value: str) -> str:
    value = identity.display_phone(value)
    if not value:
        return ""
    if not identity.is_plausible_phone(value):
        raise forms.ValidationError(
            _("Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678 of +31 20 1234567."), code="invalid_phone"
        )
    return value


def add_bsn_check(field) -> None:
    """Check the BSN as soon as the user leaves the field (HTMX; the form works without it)."""
    field.widget.attrs.update(
        {
            "hx-post": reverse("intake:validate_bsn"),
            "hx-trigger": "change",
            "hx-target": "closest .field",
            "hx-swap": "outerHTML",
        }
    )


class CategoryField(SafeModelMultipleChoiceField):
    """Concern categories by code; an unknown or inactive code is a form error."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=ConcernCategory.objects.filter(active=True),
            to_field_name="code",
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Kies ten minste één zorg."),
                "invalid_choice": _("Onbekende zorgcategorie: %(value)s. Kies uit de lijst."),
                "invalid_pk_value": _("Onbekende zorgcategorie: %(pk)s. Kies uit de lijst."),
                "invalid_list": _("Kies een of meer zorgen uit de lijst."),
            },
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.label


SUBMISSION_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_submission_token() -> str:
    return secrets.token_urlsafe(24)


class SubmissionTokenField(forms.CharField):
    """A random nonce per opened form: the same form posted twice (double click,
    resubmit after a slow answer) is recognised and stores only one melding.

    Not required, so a page opened before this field existed still works."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=64,
            widget=forms.HiddenInput,
            initial=new_submission_token,
            error_messages={"max_length": _("Het formulier is ongeldig geworden. Laad de pagina opnieuw.")},
            **kwargs,
        )

    def validate(self, value):
        super().validate(value)
        if value and not SUBMISSION_TOKEN_RE.match(value):
            raise forms.ValidationError(
                _("Het formulier is ongeldig geworden. Laad de pagina opnieuw."), code="invalid_token"
            )


class DutchDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%d/%m/%Y %H:%M"]

WORRY_FIELDS = ["categories", "description", "urgency_indicators"]


class BaseMeldingForm(forms.ModelForm):
    """The betrokkene and the worry: shared by the staff and the partner form."""

    submission_token = SubmissionTokenField()

    categories = CategoryField(label=_("Waar maakt de melder zich zorgen over?"))
    urgency_indicators = forms.MultipleChoiceField(
        label=_("Signalen van urgentie"),
        choices=UrgencyIndicator.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Onbekend urgentiesignaal: %(value)s. Kies uit de lijst.")},
    )
    description = forms.CharField(
        label=_("Wat is er aan de hand?"),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_TEXT}),
        max_length=MAX_TEXT,
        help_text=_("Beschrijf wat de melder ziet en hoort, zo feitelijk mogelijk (maximaal 10.000 tekens)."),
        error_messages={
            "required": _("Beschrijf wat er aan de hand is."),
            "max_length": _("De beschrijving is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DutchDateInput(),
        error_messages={"invalid": _("Vul een geldige geboortedatum in, bijvoorbeeld 31-12-1980.")},
    )
    estimated_age = forms.IntegerField(
        label=_("Geschatte leeftijd (jaren)"),
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        help_text=_("Alleen als de geboortedatum onbekend is."),
        error_messages={
            "invalid": _("Vul de geschatte leeftijd in als een heel getal van 0 tot en met 120."),
            "min_value": _("Vul de geschatte leeftijd in als een heel getal van 0 tot en met 120."),
            "max_value": _("Vul de geschatte leeftijd in als een heel getal van 0 tot en met 120."),
        },
    )
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=20,
        help_text=_("Niet verplicht. Spaties en punten mogen; 8 cijfers krijgen een 0 ervoor."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"max_length": BSN_INVALID},
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("Vul de postcode in als vier cijfers en twee letters, bijvoorbeeld 1234 AB.")},
    )
    place_description = forms.CharField(
        label=_("Omschrijving van de persoon en de plek"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
        help_text=_("Als naam of adres onbekend is, bijvoorbeeld: man, ~40, slaapt bij het station."),
    )

    class Meta:
        model = Melding
        fields = [*BETROKKENE_FIELDS, *WORRY_FIELDS]
        widgets = {
            "given_names": forms.TextInput(attrs={"autocomplete": "off"}),
            "surname": forms.TextInput(attrs={"autocomplete": "off"}),
            "street": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sex"].label = _("Geslacht")
        add_bsn_check(self.fields["bsn"])

    # --- single fields -------------------------------------------------

    def clean_bsn(self):
        return clean_bsn_value(self.cleaned_data.get("bsn", ""))

    def clean_postcode(self):
        return clean_postcode_value(self.cleaned_data.get("postcode", ""))

    def clean_date_of_birth(self):
        return checked_date(plausible.check_birth_date, self.cleaned_data.get("date_of_birth"))

    def clean_description(self):
        value = (self.cleaned_data.get("description") or "").strip()
        if not value:
            raise forms.ValidationError(_("Beschrijf wat er aan de hand is."), code="required")
        return value

    # --- combinations --------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_of_birth") and cleaned.get("estimated_age") is not None:
            self.add_error(
                "estimated_age",
                forms.ValidationError(
                    _("Vul een geboortedatum óf een geschatte leeftijd in, niet allebei."), code="dob_and_age"
                ),
            )
        self._check_betrokkene_identified(cleaned)
        return cleaned

    def _check_betrokkene_identified(self, cleaned):
        # A field that failed its own validation is missing from cleaned_data:
        # then the user already sees that error and this one would only confuse.
        failed = set(self.errors) & {"given_names", "surname", "street", "postcode", "place_description", "bsn"}
        if failed:
            return
        has_name = any((cleaned.get(f) or "").strip() for f in ("given_names", "surname"))
        has_address = any((cleaned.get(f) or "").strip() for f in ("street", "postcode"))
        has_place = bool((cleaned.get("place_description") or "").strip())
        has_bsn = bool(cleaned.get("bsn"))
        if not (has_name or has_address or has_place or has_bsn):
            raise forms.ValidationError(IDENTIFY_BETROKKENE, code="betrokkene_unidentified")


class MeldingForm(BaseMeldingForm):
    """The full registration form of the meldpunt."""

    received_at = forms.DateTimeField(
        label=_("Ontvangen op"),
        input_formats=DATETIME_INPUT_FORMATS,
        widget=DateTimeLocalInput(),
        error_messages={
            "required": _("Vul in wanneer de melding binnenkwam."),
            "invalid": _("Vul een geldige datum en tijd in, bijvoorbeeld 31-12-2025 14:30."),
            "overflow": _("Vul een geldige datum en tijd in, bijvoorbeeld 31-12-2025 14:30."),
        },
    )
    melder_phone = forms.CharField(label=_("Telefoon melder"), required=False, max_length=30)
    melder_email = forms.EmailField(
        label=_("E-mail melder"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")},
    )

    class Meta(BaseMeldingForm.Meta):
        fields = [*ONTVANGST_MELDER_FIELDS, "is_wvggz", *BaseMeldingForm.Meta.fields]
        error_messages = {
            "channel": {"invalid_choice": _("Kies een kanaal uit de lijst.")},
            "gemeente": {"invalid_choice": _("Kies een gemeente uit de lijst.")},
            "melder_type": {"invalid_choice": _("Kies een soort melder uit de lijst.")},
            "sex": {"invalid_choice": _("Kies een geslacht uit de lijst.")},
        }

    MELDER_FIELDS = [
        "melder_type",
        "melder_anonymous",
        "melder_name",
        "melder_phone",
        "melder_email",
        "melder_relation",
        "melder_wants_feedback",
    ]

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        gemeenten = Gemeente.objects.all()
        if organisation is not None and organisation.gemeenten.exists():
            gemeenten = organisation.gemeenten.all()
        self.fields["gemeente"].queryset = gemeenten
        self.fields["gemeente"].empty_label = _("— Kies een gemeente —")
        self.fields["channel"].initial = Channel.TELEFOON
        self.fields["channel"].label = _("Kanaal")
        self.fields["melder_type"].label = _("Soort melder")
        self.fields["melder_type"].error_messages["required"] = _("Kies wat voor melder het is.")
        self.fields["melder_anonymous"].label = _("De melder wil anoniem blijven tegenover de betrokkene")
        self.fields["melder_wants_feedback"].label = _("De melder wil terugkoppeling")
        if not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime().replace(second=0, microsecond=0))
            if gemeenten.count() == 1:
                self.initial.setdefault("gemeente", gemeenten.first().pk)

    def clean_received_at(self):
        return check_received_at(self.cleaned_data.get("received_at"))

    def clean_melder_phone(self):
        return clean_phone_value(self.cleaned_data.get("melder_phone", ""))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("melder_wants_feedback") and not (cleaned.get("melder_phone") or cleaned.get("melder_email")):
            if not ({"melder_phone", "melder_email"} & set(self.errors)):
                self.add_error(
                    "melder_wants_feedback", forms.ValidationError(FEEDBACK_NEEDS_CONTACT, code="feedback_contact")
                )
        return cleaned


class MeldingCorrectionForm(MeldingForm):
    """Correct a registered melding: the registration form's fields and rules, the
    version it started from (optimistic locking) and the reason, which is required.
    No submission nonce (a second post meets the version check) and no Wvggz flag
    (triage acted on it)."""

    submission_token = None  # type: ignore[assignment]  # a declared field removed, as Django documents
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label=_("Reden van de correctie"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: telefoonnummer verkeerd overgenomen. Wie de melding mag inzien, ziet deze reden."),
        error_messages={
            "required": _("Geef de reden van de correctie."),
            "max_length": _("De reden is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )

    class Meta(MeldingForm.Meta):
        fields = [f for f in MeldingForm.Meta.fields if f != "is_wvggz"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version

    def clean_reason(self) -> str:
        value = (self.cleaned_data.get("reason") or "").strip()
        if not value:
            raise forms.ValidationError(_("Geef de reden van de correctie."), code="required")
        return value


class PartnerMeldingForm(BaseMeldingForm):
    """The shorter form for a network partner: the melder is the partner's own organisation."""

    melder_phone = forms.CharField(
        label=_("Uw telefoonnummer voor vragen van het meldpunt"), required=False, max_length=30
    )

    class Meta(BaseMeldingForm.Meta):
        fields = ["melder_phone", "melder_relation"] + BaseMeldingForm.Meta.fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["melder_relation"].label = _("Uw relatie tot de betrokkene")
        self.fields["melder_relation"].help_text = _("Bijvoorbeeld: wijkagent, huurconsulent, huisarts.")

    def clean_melder_phone(self):
        return clean_phone_value(self.cleaned_data.get("melder_phone", ""))


class BsnCheckForm(forms.Form):
    """Only the BSN, for the inline (HTMX) check while typing."""

    bsn = BaseMeldingForm.base_fields["bsn"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_bsn_check(self.fields["bsn"])

    def clean_bsn(self):
        return clean_bsn_value(self.cleaned_data.get("bsn", ""))
