"""Forms of the casus pages. Validation that is a business rule lives in
services.py; these forms only turn the posted text into values and say in
plain Dutch what is wrong."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.accounts import roles
from vangnet.core.forms import SafeModelMultipleChoiceField
from vangnet.organisations.models import Organisation

from . import services
from .models import (
    CHOOSABLE_OUTCOMES,
    MAX_NOTE,
    RHYTHM_DAYS,
    AttemptResult,
    AttemptType,
    CaseMember,
    CaseNote,
    ContactAttempt,
    Intensity,
    Phase,
    Uitkomst,
)

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"

TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")


def now_local_minute() -> str:
    return timezone.localtime().strftime(DATETIME_LOCAL)


def _text_field(label, *, required=False, rows=3, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_NOTE,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TOO_LONG, "required": _("Vul dit veld in.")},
    )


class UserChoiceMixin:
    @staticmethod
    def label_from_user(user) -> str:
        return f"{user} ({user.get_role_display()})"


class ContactAttemptForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Soort"),
        choices=AttemptType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort contactpoging.")},
    )
    result = forms.ChoiceField(
        label=_("Resultaat"),
        choices=AttemptResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies het resultaat.")},
    )
    at = forms.DateTimeField(
        label=_("Wanneer"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        error_messages={
            "required": _("Vul in wanneer de poging was."),
            "invalid": _("Vul een geldige datum en tijd in."),
        },
    )
    workers = SafeModelMultipleChoiceField(
        label=_("Wie gingen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: dan bent u het zelf."),
        error_messages={"invalid_choice": _("Kies alleen mensen uit de lijst.")},
    )
    with_police = forms.TypedChoiceField(
        label=_("Met politie"),
        choices=[("nee", _("Nee")), ("ja", _("Ja"))],
        coerce=lambda value: value == "ja",
        initial="nee",
        widget=forms.RadioSelect,
        error_messages={"required": _("Geef aan of de politie mee was.")},
    )
    note = _text_field(_("Notitie (optioneel)"))

    def __init__(self, *args, casus, user, team_ids=None, team_users=None, **kwargs):
        """``team_ids``: the members' user ids when the caller has them already (the casus page);
        ``team_users``: those users themselves, so the unbound form lists them without a query."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.casus = casus
        if team_ids is None:
            team_ids = casus.members.values_list("user_id", flat=True)
        member_ids = set(team_ids) | {user.pk} | set(self.extra_worker_ids())
        from django.contrib.auth import get_user_model

        workers = self.fields["workers"]
        workers.queryset = get_user_model().objects.filter(pk__in=member_ids).order_by("first_name", "last_name")
        workers.label_from_instance = UserChoiceMixin.label_from_user
        known = {u.pk: u for u in [*(team_users or ()), user]}
        if not self.is_bound and team_users is not None and member_ids <= known.keys():
            # the queryset's choices, in its order, from the users the page loaded already
            people = sorted((known[pk] for pk in member_ids), key=lambda u: (u.first_name, u.last_name, u.pk))
            choices = [(u.pk, UserChoiceMixin.label_from_user(u)) for u in people]
            cast(forms.ModelMultipleChoiceField, workers).choices = choices
        if not self.is_bound:
            self.initial.setdefault("at", now_local_minute())
            self.initial.setdefault("workers", [user.pk])
            self.initial.setdefault("with_police", "nee")

    def extra_worker_ids(self) -> list[int]:
        """Who else may be ticked besides the team (a correction: who went then)."""
        return []

    def clean_at(self):
        at = self.cleaned_data["at"]
        try:
            services.check_attempt_moment(self.casus, at)
        except ValidationError as exc:
            # The service keys its message by field; here it is this field's own.
            raise ValidationError(exc.message_dict["at"]) from None
        return at


class NoteForm(forms.Form):
    text = _text_field(_("Notitie"), required=True, rows=4)


# --- corrections (issue 12) ----------------------------------------------------------


def _reason_field(label: Any = None, help_text: Any = None) -> forms.CharField:
    field = _text_field(
        label or _("Reden van de correctie"),
        required=True,
        rows=2,
        help_text=help_text or _("Verplicht. De reden staat bij de correctie op de tijdlijn."),
    )
    field.error_messages["required"] = _("Geef een reden.")
    return field


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1)


class AttemptCorrectionForm(ContactAttemptForm):
    """The attempt's fields, filled with its current values, plus the reason."""

    reason = _reason_field()
    version = _version_field()

    def __init__(self, *args: Any, attempt: ContactAttempt, user: Any, **kwargs: Any) -> None:
        self.attempt = attempt
        super().__init__(*args, casus=attempt.casus, user=user, **kwargs)
        if not self.is_bound:
            self.initial.update(
                {
                    "type": attempt.type,
                    "result": attempt.result,
                    "at": timezone.localtime(attempt.at).strftime(DATETIME_LOCAL),
                    "workers": [w.pk for w in attempt.workers.all()],
                    "with_police": "ja" if attempt.with_police else "nee",
                    "note": attempt.note,
                    "version": attempt.version,
                }
            )

    def extra_worker_ids(self) -> list[int]:
        return [w.pk for w in self.attempt.workers.all()]


class NoteCorrectionForm(forms.Form):
    text = _text_field(_("Notitie"), required=True, rows=4)
    reason = _reason_field()
    version = _version_field()

    def __init__(self, *args: Any, note: CaseNote, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.update({"text": note.text, "version": note.version})


class VoidForm(forms.Form):
    """Declare a contact attempt or note void: only a reason."""

    reason = _reason_field(_("Reden"), _("Verplicht. Bijvoorbeeld: vastgelegd bij de verkeerde casus."))
    version = _version_field()

    def __init__(self, *args: Any, record: ContactAttempt | CaseNote, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = record.version


class PhaseForm(forms.Form):
    to_phase = forms.ChoiceField(
        label=_("Nieuwe fase"),
        choices=(),
        error_messages={"required": _("Kies een fase."), "invalid_choice": _("Kies een fase uit de lijst.")},
    )
    reason = _text_field(
        _("Reden"),
        rows=4,
        help_text=_("Verplicht bij teruggaan naar een eerdere fase, afsluiten en heropenen."),
    )
    # Asked only when closing: the service requires them for "afgesloten" and ignores them otherwise.
    outcome = forms.ChoiceField(
        label=_("Uitkomst (bij afsluiten)"),
        required=False,
        choices=[("", _("Kies een uitkomst"))] + [(v, Uitkomst(v).label) for v in CHOOSABLE_OUTCOMES],
        help_text=_("Verplicht als u de casus afsluit: hoe is de bemoeizorg geëindigd?"),
        error_messages={"invalid_choice": _("Kies een uitkomst uit de lijst.")},
    )
    outcome_text = forms.CharField(
        label=_("Toelichting uitkomst"),
        required=False,
        max_length=200,
        strip=True,
        help_text=_("Verplicht bij uitkomst 'anders'."),
        error_messages={"max_length": TOO_LONG},
    )
    outcome_partner = forms.ModelChoiceField(
        label=_("Ontvangende partner"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Geen partner"),
        help_text=_("Bij toeleiding of warme overdracht: de organisatie die de zorg overneemt."),
        error_messages={"invalid_choice": _("Kies een partner uit de lijst.")},
    )
    version = forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        self.casus = casus
        # Network partners: organisations with a voorziening on the sociale kaart.
        partner_field = cast(forms.ModelChoiceField, self.fields["outcome_partner"])
        partner_field.queryset = (
            Organisation.objects.filter(services__isnull=False).exclude(pk=casus.organisation_id).distinct()
        )
        # All phases stay valid choices: "already in this phase" and a stale
        # version are answered by the service with a clear message.
        self.fields["to_phase"].choices = [("", _("Kies een fase"))] + [
            (value, _("%(phase)s (huidige fase)") % {"phase": label} if value == casus.phase else label)
            for value, label in Phase.choices
        ]
        if not self.is_bound:
            self.initial["version"] = casus.version


def intensity_label(value: str, label: str) -> str:
    """ "Wekelijks (contact ten minste elke 7 dagen)"."""
    days = RHYTHM_DAYS[value]
    if days == 1:
        return _("%(label)s (contact elke dag)") % {"label": label}
    return _("%(label)s (contact ten minste elke %(days)d dagen)") % {"label": label, "days": days}


class IntensityForm(forms.Form):
    """Opschalen or afschalen (issue 15, part 3). The rules (a reason, another intensity
    than now, the version) are the service's."""

    to_intensity = forms.ChoiceField(
        label=_("Nieuwe intensiteit"),
        choices=(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een intensiteit."),
            "invalid_choice": _("Kies een intensiteit uit de lijst."),
        },
    )
    reason = _text_field(
        _("Reden"),
        required=True,
        rows=4,
        help_text=_("Bijvoorbeeld: sinds twee weken niet meer thuis aangetroffen, buren ongerust."),
    )
    version = forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, casus: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.casus = casus
        self.fields["reason"].error_messages["required"] = _(
            "Geef een reden: een andere intensiteit staat altijd met reden op de tijdlijn."
        )
        choices = []
        for value, label in Intensity.choices:
            text = intensity_label(value, str(label))
            if value == casus.intensity:
                text = _("%(intensity)s, nu") % {"intensity": text}
            choices.append((value, text))
        cast(forms.ChoiceField, self.fields["to_intensity"]).choices = choices
        if not self.is_bound:
            self.initial["version"] = casus.version


class MembersForm(forms.Form):
    casusregisseur = forms.ModelChoiceField(
        label=_("Casusregisseur"),
        queryset=None,
        error_messages={
            "required": _("Kies een casusregisseur."),
            "invalid_choice": _("Kies een casusregisseur uit de lijst."),
        },
    )
    duo = SafeModelMultipleChoiceField(
        label=_("Duo-partners"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies alleen mensen uit de lijst.")},
    )
    consultant = forms.ModelChoiceField(
        label=_("Consultant"),
        queryset=None,
        required=False,
        empty_label=_("Geen consultant"),
        error_messages={"invalid_choice": _("Kies een consultant uit de lijst.")},
    )
    version = forms.IntegerField(label=_("Versie"), widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        self.casus = casus
        members = list(casus.members.all())
        current_duo = [m.user_id for m in members if m.role == CaseMember.Role.DUO]
        self.fields["casusregisseur"].queryset = services.eligible_members(casus, roles.CASE_WORKERS)
        duo_qs = services.eligible_members(casus, roles.CASE_WORKERS)
        from django.contrib.auth import get_user_model

        self.fields["duo"].queryset = (
            get_user_model()
            .objects.filter(pk__in=list(duo_qs.values_list("pk", flat=True)) + current_duo)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["consultant"].queryset = services.eligible_members(casus, roles.CONSULTANTS)
        for name in ("casusregisseur", "duo", "consultant"):
            self.fields[name].label_from_instance = UserChoiceMixin.label_from_user
        if not self.is_bound:
            consultants = [m.user_id for m in members if m.role == CaseMember.Role.CONSULTANT]
            self.initial.update(
                {
                    "casusregisseur": casus.casusregisseur_id,
                    "duo": current_duo,
                    "consultant": consultants[0] if consultants else None,
                    "version": casus.version,
                }
            )

    def clean(self):
        cleaned = super().clean()
        regisseur = cleaned.get("casusregisseur")
        consultant = cleaned.get("consultant")
        duo = cleaned.get("duo") or []
        if consultant is not None and (consultant == regisseur or consultant in duo):
            raise ValidationError(_("Iemand kan niet tegelijk consultant en duo-partner of casusregisseur zijn."))
        return cleaned
