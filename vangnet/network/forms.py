"""Forms of the network pages: they turn posted text into values and say in
plain Dutch what is wrong; the business rules are in services.py."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from vangnet.grondslagen import services as grondslagen
from vangnet.grondslagen.forms import OverrideFields, ground_field

from .models import (
    MAX_TEXT,
    FollowUp,
    LegalGround,
    RefusalReason,
    Service,
    ServiceContact,
    ServiceType,
    SharedPart,
    StatusMessage,
)
from .services import REOPEN_PHASES

TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")
REQUIRED = _("Vul dit veld in.")
BLANK = _("— kies —")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


def _text(label, *, required=False, rows=3, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TOO_LONG, "required": REQUIRED},
    )


def _date(label, *, required=True):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        error_messages={"required": _("Vul een datum in."), "invalid": _("Vul een geldige datum in.")},
    )


def _version():
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


# --- sociale kaart -----------------------------------------------------------


class ServiceFilterForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle soorten"))] + list(ServiceType.choices), required=False
    )
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)


class ServiceForm(forms.ModelForm):
    version = _version()

    class Meta:
        model = Service
        fields = [
            "organisation",
            "name",
            "type",
            "description",
            "intake_criteria",
            "exclusion_criteria",
            "phone",
            "email",
            "waiting_weeks",
            "capacity_note",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "intake_criteria": forms.Textarea(attrs={"rows": 3}),
            "exclusion_criteria": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "waiting_weeks": _("Hoe lang wacht iemand nu gemiddeld op een intake? Leeg: onbekend."),
            "capacity_note": _("Bijvoorbeeld: ‘2 plekken vrij’ of ‘tijdelijke opnamestop’."),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None if organisations.count() == 1 else BLANK
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED
        self.fields["email"].error_messages["invalid"] = _("Vul een geldig e-mailadres in.")
        self.fields["waiting_weeks"].error_messages["invalid"] = _("Vul een geheel aantal weken in.")
        self.fields["waiting_weeks"].error_messages["max_value"] = _("Vul hoogstens %(limit_value)s weken in.")
        self.fields["waiting_weeks"].error_messages["min_value"] = _("Vul 0 of meer weken in.")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


ContactFormSet = inlineformset_factory(
    Service, ServiceContact, fields=["name", "function", "phone", "email"], extra=1, can_delete=True
)


# --- referrals ---------------------------------------------------------------


class ReferralForm(OverrideFields):
    service = forms.ModelChoiceField(
        label=_("Voorziening"),
        queryset=Service.objects.none(),
        error_messages={
            "required": _("Kies de voorziening."),
            "invalid_choice": _("Kies een voorziening uit de lijst."),
        },
    )
    shared_parts = forms.MultipleChoiceField(
        label=_("Wat deelt u met de partner?"),
        choices=SharedPart.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies wat u deelt met de partner (minstens één onderdeel).")},
        help_text=_("Deel niet meer dan de partner nodig heeft. Notities en contactpogingen worden nooit gedeeld."),
    )
    situation = _text(_("Korte situatieschets (voor de partner)"))
    help_question = _text(_("Hulpvraag"))
    risks = _text(_("Risico's en veiligheid"))
    legal_ground = forms.ChoiceField(
        label=_("Grondslag voor het delen"),
        choices=LegalGround.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de grondslag voor het delen.")},
    )
    legal_ground_text = forms.CharField(
        label=_("Toelichting grondslag"),
        max_length=500,
        help_text=_("Bijvoorbeeld: mondelinge toestemming op 3 maart, of het wetsartikel."),
        error_messages={"required": _("Licht de grondslag toe."), "max_length": TOO_LONG},
    )

    def __init__(self, *args, casus=None, **kwargs):
        super().__init__(*args, **kwargs)
        if casus is not None:
            # issue 16: only the grounds that fit the casus' task (the service checks it again).
            self.fields["legal_ground"] = ground_field(grondslagen.casus_task(casus))
        self.fields["service"].queryset = Service.objects.filter(active=True).select_related("organisation")
        self.fields["service"].label_from_instance = self._service_label

    @staticmethod
    def _service_label(service):
        label = f"{service.name} — {service.organisation} ({service.get_type_display()})"
        if service.waiting_weeks is not None:
            label += " · " + str(_("wachttijd %(n)s wk") % {"n": service.waiting_weeks})
        return label


class PartnerAnswerForm(forms.Form):
    """One form for the partner's answer: accept with an intake date, or refuse with a reason."""

    ACCEPT, REFUSE = "accepteren", "weigeren"
    answer = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[(ACCEPT, _("Accepteren")), (REFUSE, _("Weigeren"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies: accepteren of weigeren.")},
    )
    intake_date = _date(_("Intakedatum (bij accepteren)"), required=False)
    refusal_reason = forms.ChoiceField(
        label=_("Reden (bij weigeren)"),
        choices=[("", BLANK), *RefusalReason.choices],
        required=False,
    )
    refusal_text = _text(_("Toelichting (verplicht bij ‘anders’)"))
    version = _version()

    def clean(self):
        data = super().clean()
        if data.get("answer") == self.ACCEPT and not data.get("intake_date") and "intake_date" not in self.errors:
            self.add_error("intake_date", _("Vul de intakedatum in."))
        if data.get("answer") == self.REFUSE and not data.get("refusal_reason"):
            self.add_error("refusal_reason", _("Kies de reden van de weigering."))
        return data


class IntakeForm(forms.Form):
    intake_on = _date(_("Intake gehouden op"))
    warm = forms.TypedChoiceField(
        label=_("Ging de bemoeizorger mee naar de intake?"),
        choices=[("ja", _("Ja, warme overdracht")), ("nee", _("Nee"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Geef aan of u meeging.")},
    )
    version = _version()


class InCareForm(forms.Form):
    in_care_on = _date(_("In zorg sinds"))
    version = _version()


class WithdrawForm(forms.Form):
    withdrawal_reason = _text(_("Reden van intrekken"), required=True)
    version = _version()


# --- vinger aan de pols ------------------------------------------------------


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Is de betrokkene nog in zorg?"),
        choices=FollowUp.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja, nee of onbekend.")},
    )
    checked_on = _date(_("Nagevraagd op"), required=False)
    note = _text(_("Toelichting (optioneel)"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Wat gebeurt er met de casus?"),
        choices=[
            ("heropend", _("Casus heropenen")),
            ("afgesloten", _("Casus afsluiten")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies: heropenen of afsluiten.")},
    )
    to_phase = forms.ChoiceField(
        label=_("Terug naar fase (bij heropenen)"),
        required=False,
        choices=[("", BLANK)] + [(p.value, p.label) for p in REOPEN_PHASES],
    )
    reason = _text(_("Reden"), required=True)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "heropend" and not data.get("to_phase"):
            self.add_error("to_phase", _("Kies de fase waarin de casus weer opengaat."))
        return data


# --- status messages -----------------------------------------------------------


class StatusMessageForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Bericht"),
        choices=StatusMessage.Template.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een van de vaste berichten.")},
    )
    greeting = forms.BooleanField(label=_("Met aanhef (naam van de melder)"), required=False)
