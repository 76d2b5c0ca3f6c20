from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.accounts import roles
from vangnet.accounts.models import User
from vangnet.grondslagen.catalogue import Ground
from vangnet.grondslagen.forms import OverrideFields, ground_field
from vangnet.organisations.models import Organisation

from .models import MAX_TEXT, Meeting
from .services import item_task

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")


def _text(label, *, required=False, rows=4):
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": TOO_LONG, "required": _("Vul dit veld in.")},
    )


class UserField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_role_display()}, {obj.organisation})"


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort overleg"),
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort overleg.")},
    )
    title = forms.CharField(label=_("Titel"), max_length=200, error_messages={"required": _("Vul een titel in.")})
    starts_at = forms.DateTimeField(
        label=_("Datum en tijd"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        error_messages={"required": _("Vul datum en tijd in."), "invalid": _("Vul een geldige datum en tijd in.")},
    )


class AttendeeForm(forms.Form):
    user = UserField(
        label=_("Gebruiker"),
        required=False,
        empty_label=_("— geen (externe deelnemer) —"),
        queryset=User.objects.filter(is_active=True, organisation__isnull=False)
        .filter(role__in=roles.DATA_ACCESS)
        .select_related("organisation")
        .order_by("organisation__name", "first_name"),
    )
    external_name = forms.CharField(label=_("Of: naam externe deelnemer"), required=False, max_length=200)
    external_organisation = forms.CharField(label=_("Organisatie externe deelnemer"), required=False, max_length=200)


class AgendaItemForm(forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk casus of melding"),
        max_length=20,
        help_text=_("Bijvoorbeeld C-2026-00012 of M-2026-00042."),
        error_messages={"required": _("Vul het kenmerk in.")},
    )


class RecordForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    notes = _text(_("Bespreking"))
    decision = _text(_("Besluit"), rows=3)


class ShareForm(OverrideFields):
    """Share an agenda item: the organisation, a ground that fits the item's task (issue 16)
    with its explanation, and the override of the person's wishes."""

    organisation = forms.ModelChoiceField(
        label=_("Delen met organisatie"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("— kies —"),
        error_messages={"required": _("Kies de organisatie.")},
    )
    ground = forms.ChoiceField(label=_("Grondslag voor het delen"), choices=Ground.choices)
    legal_ground = forms.CharField(
        label=_("Toelichting grondslag"),
        max_length=300,
        help_text=_(
            "Bijvoorbeeld: toestemming betrokkene; Wet publieke gezondheid art. 2 (OGGZ-taak); convenant Zorg- en Veiligheidshuis."
        ),
        error_messages={"required": _("Vul de grondslag in voor het delen van dit agendapunt.")},
    )

    def __init__(self, *args: Any, item: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if item is not None:
            # Only the grounds that fit the item's task (the service checks it again).
            self.fields["ground"] = ground_field(item_task(item))


class ActionItemForm(forms.Form):
    description = _text(_("Actie"), required=True, rows=2)
    owner_user = UserField(
        label=_("Eigenaar: persoon"),
        required=False,
        empty_label=_("— geen —"),
        queryset=User.objects.filter(is_active=True, organisation__isnull=False)
        .filter(role__in=roles.DATA_ACCESS)
        .select_related("organisation")
        .order_by("first_name"),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Of eigenaar: organisatie"),
        required=False,
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("— geen —"),
    )
    due_date = forms.DateField(
        label=_("Uiterlijk"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul in wanneer de actie uiterlijk klaar moet zijn."),
            "invalid": _("Vul een geldige datum in."),
        },
    )

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meeting is not None:
            # Owners come from the attendee list: who was there takes the action.
            self.fields["owner_user"].queryset = self.fields["owner_user"].queryset.filter(
                meeting_attendances__meeting=meeting
            )


class CloseMeetingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
