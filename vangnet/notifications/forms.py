"""The user's choice per kind of event: one radio group per kind."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Channel
from .services import preference_kinds

CHOOSE = _("Kies hoe u dit wilt horen.")


class PreferencesForm(forms.Form):
    """A field per EventKind (its value is the field name), its label the kind's label."""

    def __init__(self, *args: Any, initial_channels: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        initial_channels = initial_channels or {}
        for kind in preference_kinds():
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                widget=forms.RadioSelect,
                initial=initial_channels.get(kind.value, Channel.APP),
                error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
            )
