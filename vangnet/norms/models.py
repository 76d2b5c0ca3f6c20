from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

# A norm longer than this is a typing error, not a policy.
MAX_WORKDAYS = 30


class NormSettings(models.Model):
    """Response-time norms, configurable by the functioneel beheerder.

    One row (pk=1). Defaults follow the seeds: triage the same workday,
    a first contact attempt within two workdays."""

    triage_workdays = models.PositiveSmallIntegerField(
        _("triage binnen (werkdagen)"),
        default=0,
        validators=[MaxValueValidator(MAX_WORKDAYS)],
        help_text=_("0 = dezelfde werkdag"),
    )
    first_attempt_workdays = models.PositiveSmallIntegerField(
        _("eerste contactpoging binnen (werkdagen)"), default=2, validators=[MaxValueValidator(MAX_WORKDAYS)]
    )

    class Meta:
        verbose_name = _("normen")
        verbose_name_plural = _("normen")

    def __str__(self):
        return str(_("Normen"))

    # The norms as a sentence: "0 werkdagen" is "dezelfde werkdag", 1 is "1 werkdag".

    @property
    def triage_norm_text(self) -> str:
        days = self.triage_workdays
        if days == 0:
            return gettext(
                "Norm: triëren op dezelfde werkdag als de ontvangst (in het weekend of op een "
                "feestdag: de eerstvolgende werkdag)."
            )
        return ngettext(
            "Norm: triëren binnen %(n)d werkdag na ontvangst.",
            "Norm: triëren binnen %(n)d werkdagen na ontvangst.",
            days,
        ) % {"n": days}

    @property
    def first_attempt_norm_text(self) -> str:
        days = self.first_attempt_workdays
        if days == 0:
            return gettext("Norm: eerste contactpoging op dezelfde werkdag als de start van de casus.")
        return ngettext(
            "Norm: eerste contactpoging binnen %(n)d werkdag na de start van de casus.",
            "Norm: eerste contactpoging binnen %(n)d werkdagen na de start van de casus.",
            days,
        ) % {"n": days}

    @classmethod
    def current(cls) -> "NormSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj
