from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeModelMultipleChoiceField

from .models import Outcome, YesNoUnknown
from .services import eligible_case_workers, eligible_teams

NEW_PERSON = "nieuw"


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_role_display()})"


class WorkerMultipleChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_role_display()})"


class TriageForm(forms.Form):
    """The triage decision. Field-level rules that depend on the outcome live in
    ``services.decide`` so they hold for every caller; its errors are put back
    on these fields by the view."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    person = forms.ChoiceField(
        label=_("Wie is de betrokkene?"),
        widget=forms.RadioSelect,
        help_text=_("Er wordt niets automatisch gekoppeld: bevestig zelf of dit een bekende persoon is."),
        error_messages={"required": _("Kies een bekende persoon of 'Nieuwe persoon registreren'.")},
    )
    acute_danger = forms.ChoiceField(
        label=_("Is er acuut gevaar?"),
        choices=YesNoUnknown.choices,
        widget=forms.RadioSelect(attrs={"class": "triage-acute"}),
        help_text=_("Acuut gevaar hoort bij de crisisdienst of 112."),
        error_messages={"required": _("Beantwoord de vraag of er acuut gevaar is.")},
    )
    already_in_care = forms.ChoiceField(
        label=_("Is de betrokkene al in zorg?"),
        choices=YesNoUnknown.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Beantwoord de vraag of de betrokkene al in zorg is.")},
    )
    already_in_care_detail = forms.CharField(label=_("Zo ja: bij wie?"), required=False, max_length=300)
    known_to_partners = forms.ChoiceField(
        label=_("Is de betrokkene bekend bij partners?"),
        choices=YesNoUnknown.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Beantwoord de vraag of de betrokkene bekend is bij partners.")},
    )
    known_to_partners_detail = forms.CharField(label=_("Zo ja: bij welke partners?"), required=False, max_length=300)
    outcome = forms.ChoiceField(
        label=_("Besluit"),
        choices=Outcome.choices,
        widget=forms.RadioSelect(attrs={"class": "triage-outcome"}),
        error_messages={"required": _("Kies een besluit.")},
    )
    reason = forms.CharField(
        label=_("Toelichting, reden of advies"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht bij 'Geen actie' (de reden) en bij 'Advies aan melder' (het advies)."),
    )
    referred_to = forms.CharField(
        label=_("Doorverwezen naar"),
        required=False,
        max_length=300,
        help_text=_("Verplicht bij 'Doorverwijzen': naar welke organisatie of hulpverlener."),
    )
    crisis_service = forms.CharField(
        label=_("Welke crisisdienst"),
        required=False,
        max_length=200,
        help_text=_("Verplicht bij 'Doorgezet naar crisisdienst', bijvoorbeeld “GGZ-crisisdienst Noord”."),
    )
    crisis_called_at = forms.DateTimeField(
        label=_("Wanneer ingeschakeld"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Verplicht bij 'Doorgezet naar crisisdienst': datum en tijd."),
        error_messages={"invalid": _("Vul een geldige datum en tijd in.")},
    )
    casusregisseur = WorkerChoiceField(
        label=_("Casusregisseur"),
        queryset=None,
        required=False,
        empty_label=_("Kies een collega"),
        help_text=_("Verplicht bij 'Bemoeizorg starten', behalve bij een lopende casus die zijn team houdt."),
    )
    duo = WorkerMultipleChoiceField(
        label=_("Duo-partner(s)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bij 'Bemoeizorg starten': wie gaan er mee op pad."),
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False, empty_label=_("Geen team gekozen"))
    # The version of the running casus whose team the worker saw: a team change made
    # meanwhile by someone else is not overwritten unseen.
    running_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    change_team = forms.BooleanField(
        label=_("Team wijzigen"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "triage-team-change"}),
        help_text=_(
            "Alleen bij een lopende casus: zonder dit vinkje blijven de casusregisseur en duo-partners "
            "van die casus zoals ze zijn."
        ),
    )

    def __init__(self, *args, candidates=(), organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for known in candidates:
            p = known.person
            bits = [p.display_name]
            if p.date_of_birth:
                bits.append(p.date_of_birth.strftime("%d-%m-%Y"))
            choices.append((str(p.pk), " · ".join(bits)))
        choices.append((NEW_PERSON, _("Nieuwe persoon registreren")))
        self.fields["person"].choices = choices
        if not candidates:
            self.fields["person"].initial = NEW_PERSON
        workers = eligible_case_workers(organisation)
        self.fields["casusregisseur"].queryset = workers
        self.fields["duo"].queryset = workers
        # One query for both lists of colleagues (each field would run its own); the
        # querysets still validate what is posted.
        regisseur = cast(WorkerChoiceField, self.fields["casusregisseur"])
        listed = [(w.pk, regisseur.label_from_instance(w)) for w in workers]
        regisseur.choices = [("", regisseur.empty_label), *listed]
        cast(WorkerMultipleChoiceField, self.fields["duo"]).choices = listed
        self.fields["team"].queryset = eligible_teams(organisation)
        self.candidates = {str(k.person.pk): k.person for k in candidates}

    def chosen_person(self):
        """The confirmed existing person, or None for a new person."""
        value = self.cleaned_data.get("person")
        return None if value == NEW_PERSON else self.candidates.get(value)

    def value_of(self, name: str) -> str:
        """The current (possibly unvalidated) value, for showing conditional parts."""
        if self.is_bound:
            return self.data.get(self.add_prefix(name), "") or ""
        return self.initial.get(name, self.fields[name].initial) or ""

    def changes_team(self) -> bool:
        """Whether "team wijzigen" is ticked (also before validation)."""
        return self.value_of("change_team") not in ("", "off", "false", "False", False)


class RegisterSearchForm(forms.Form):
    """Search the register by hand at triage (the search box's service, persons only)."""

    register_q = forms.CharField(
        label=_("Zelf zoeken in het register"),
        max_length=200,
        help_text=_("Naam, geboortedatum, BSN, postcode met huisnummer, telefoon of plek."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )


class PlaceSearchForm(forms.Form):
    """Search at triage for persons known by a description of a place (``place_candidates``)."""

    place_q = forms.CharField(
        label=_("Zoeken op plek en beschrijving"),
        max_length=200,
        help_text=_(
            "Waar verblijft of zwerft de persoon, bijvoorbeeld “portiek bij de haven” of "
            "“slaapt bij het station”. Gezocht wordt bij personen die bekend zijn met een "
            "omschrijving van hun verblijfplaats; geslacht en leeftijd uit de melding tellen mee."
        ),
        error_messages={"required": _("Vul een plek of beschrijving in om op te zoeken.")},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
