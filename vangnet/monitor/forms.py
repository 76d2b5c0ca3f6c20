"""The monitor's period: a GET form (van, tot, optionally a gemeente of the region)."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.list_filters import PeriodForm, SafeModelChoiceField, date_input
from vangnet.organisations.models import Gemeente

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
