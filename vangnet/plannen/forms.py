"""The forms of the plan van aanpak. The rules (owner on the casus, plausible due
date, one goal per double submit) are the service's."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_ACTION_TEXT, MAX_GOAL_TEXT, Action, Goal

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
TOO_LONG = _("De tekst is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Doel"),
        max_length=MAX_GOAL_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zo mogelijk in de woorden van de betrokkene, bijvoorbeeld: 'Ik wil mijn huis houden.'"),
        error_messages={"required": _("Schrijf het doel op."), "max_length": TOO_LONG},
    )
    own_words = forms.BooleanField(label=_("Dit zijn de eigen woorden van de betrokkene"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, goal: Goal | None = None, **kwargs: Any) -> None:
        if goal is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "text": goal.text,
                "own_words": goal.own_words,
                "status": goal.status,
                "version": goal.version,
            }
        super().__init__(*args, **kwargs)
        if goal is None:
            del self.fields["status"]
        else:
            self.fields["status"].required = True
            self.fields["version"].required = True


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Actie"),
        max_length=MAX_ACTION_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beschrijf de actie."), "max_length": TOO_LONG},
    )
    owner = forms.ChoiceField(
        label=_("Wie voert de actie uit"),
        error_messages={
            "required": _("Kies wie de actie uitvoert: een medewerker of een partnerorganisatie."),
            "invalid_choice": _("Kies wie de actie uitvoert: een medewerker of een partnerorganisatie."),
        },
    )
    due_date = forms.DateField(
        label=_("Uiterlijk klaar op"),
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
        error_messages={
            "required": _("Vul in wanneer de actie uiterlijk klaar is."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(
        self, *args: Any, workers: list[Any], organisations: list[Any], action: Action | None = None, **kwargs: Any
    ) -> None:
        if action is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "description": action.description,
                "owner": f"u{action.owner_user_id}" if action.owner_user_id else f"o{action.owner_organisation_id}",
                "due_date": action.due_date,
                "status": action.status,
                "version": action.version,
            }
        super().__init__(*args, **kwargs)
        self._workers = {f"u{u.pk}": u for u in workers}
        self._organisations = {f"o{o.pk}": o for o in organisations}
        owner = self.fields["owner"]
        if isinstance(owner, forms.ChoiceField):
            owner.choices = [
                ("", _("Kies…")),
                (_("Medewerker"), [(k, u.get_full_name() or u.username) for k, u in self._workers.items()]),
                (_("Partnerorganisatie"), [(k, o.name) for k, o in self._organisations.items()]),
            ]
        if action is None:
            del self.fields["status"]
        else:
            self.fields["status"].required = True
            self.fields["version"].required = True

    def owners(self) -> tuple[Any, Any]:
        key = self.cleaned_data.get("owner", "")
        return self._workers.get(key), self._organisations.get(key)


class CompleteActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
