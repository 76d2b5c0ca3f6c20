from django.core.validators import MaxValueValidator
from django.db import models
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

    @classmethod
    def current(cls) -> "NormSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj
