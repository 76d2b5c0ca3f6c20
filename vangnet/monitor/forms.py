"""The monitor's period and filters: a GET form (van, tot, optionally a gemeente, a team, a bron).

The choices are those of the viewer's scope: the gemeenten of the werkgebied, the teams
whose casussen the figures cover."""

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.list_filters import PeriodForm, SafeModelChoiceField, date_input
from vangnet.intake.models import MelderType
from vangnet.monitor.policies import Scope
from vangnet.organisations.models import Gemeente, Organisation, Team

# A longer period is a typing error more often than a question (and a long one costs the database).
MAX_DAYS = 731


def last_full_months(today: date, months: int = 12) -> tuple[date, date]:
    """The last ``months`` whole calendar months before the current one."""
    tot = today.replace(day=1) - timedelta(days=1)
    year, month = tot.year, tot.month - (months - 1)
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1), tot


class MonitorForm(PeriodForm):
    van = forms.DateField(label=_("Van"), required=False, widget=date_input())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=date_input())
    gemeente = SafeModelChoiceField(
        label=_("Gemeente"), queryset=Gemeente.objects.all(), required=False, empty_label=_("Alle gemeenten")
    )
    team = SafeModelChoiceField(
        label=_("Team"), queryset=Team.objects.all(), required=False, empty_label=_("Alle teams")
    )
    bron = forms.ChoiceField(label=_("Bron (soort melder)"), required=False)

    def __init__(self, data: Any = None, *, scope: Scope | None = None) -> None:
        super().__init__(data)
        # The fields show the period the figures are for, also before one is chosen.
        self.fields["van"].initial, self.fields["tot"].initial = last_full_months(timezone.localdate())
        scope = scope or Scope()
        gemeenten = Gemeente.objects.all()
        teams = Team.objects.filter(is_bemoeizorgteam=True).select_related("organisation")
        if scope.organisation_id is not None:
            organisation = Organisation.objects.filter(pk=scope.organisation_id)
            # The werkgebied, or every gemeente when the organisation has none recorded: the
            # EXISTS inside the choices' own query (was a query of its own, issue 17).
            werkgebied = Gemeente.objects.filter(organisation__in=organisation)
            gemeenten = gemeenten.filter(Q(organisation__in=organisation) | ~Exists(werkgebied))
            # Each choice is labelled with its organisation: fetched with the team (was one query per team).
            teams = Team.objects.filter(organisation_id=scope.organisation_id).select_related("organisation")
        if scope.gemeente_ids is not None:
            gemeenten = gemeenten.filter(pk__in=scope.gemeente_ids)
            teams = teams.filter(organisation__does_bemoeizorg=True, organisation__gemeenten__in=scope.gemeente_ids)
        cast(SafeModelChoiceField, self.fields["gemeente"]).queryset = gemeenten.distinct()
        cast(SafeModelChoiceField, self.fields["team"]).queryset = teams.distinct()
        cast(forms.ChoiceField, self.fields["bron"]).choices = [("", _("Alle bronnen")), *MelderType.choices]

    def period(self) -> tuple[date, date] | None:
        """The chosen period, the default for what is left empty; None when the input is wrong."""
        if not self.is_bound:
            return last_full_months(timezone.localdate())
        if not self.is_valid():
            return None
        default_van, default_tot = last_full_months(timezone.localdate())
        van = self.cleaned_data.get("van") or default_van
        tot = self.cleaned_data.get("tot") or default_tot
        if van > tot:
            self.add_error("van", forms.ValidationError(_("De begindatum ligt na de einddatum."), code="order"))
            return None
        if (tot - van).days >= MAX_DAYS:
            self.add_error("tot", forms.ValidationError(_("Kies een periode van hoogstens twee jaar."), code="long"))
            return None
        return van, tot
