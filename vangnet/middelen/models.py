"""Practical means on a casus (middelen, issue 15 part 6).

- ``Inzet``: a time-out/overbruggingsplek or a flexible budget spent on the person:
  an amount in euros, its purpose and the teamleider of the casus' organisation who
  approved it.
- ``Wachtlijst``: the person waits for a follow-up place (beschermd wonen,
  maatschappelijke opvang, ...) since the day they were put on the list; placed on a
  day, or the entry lapsed. The monitor shows the waiting times (services.waiting_times).

Both are part of the casus: whoever may see its care content sees them (policies.py)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_PURPOSE = 500
MAX_PROVIDER = 200
MAX_AMOUNT = Decimal("25000.00")


class InzetKind(models.TextChoices):
    TIME_OUT = "time-out", _("Time-out- of overbruggingsplek")
    BUDGET = "budget", _("Flexibel budget")


class Inzet(models.Model):
    """A means spent on the person of a casus, approved by a teamleider."""

    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, related_name="inzet", verbose_name=_("casus"))
    kind = models.CharField(_("soort"), max_length=20, choices=InzetKind.choices)
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=9, decimal_places=2)
    purpose = models.TextField(_("doel"), validators=[MaxLengthValidator(MAX_PURPOSE)])
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("goedgekeurd door")
    )
    spent_on = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("inzet van middelen")
        verbose_name_plural = _("inzet van middelen")
        ordering = ["-spent_on", "-recorded_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="middelen_inzet_amount_positive")]

    def __str__(self) -> str:
        return f"{self.casus} {self.get_kind_display()} {self.spent_on}"


class WachtlijstKind(models.TextChoices):
    BESCHERMD_WONEN = "beschermd-wonen", _("Beschermd wonen")
    OPVANG = "opvang", _("Maatschappelijke opvang")
    ANDERS = "anders", _("Anders")


class WachtlijstStatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wachtend")
    GEPLAATST = "geplaatst", _("Geplaatst")
    VERVALLEN = "vervallen", _("Vervallen")


class Wachtlijst(VersionedModel):
    """The person of a casus waits for a follow-up place since ``listed_on``."""

    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, related_name="wachtlijsten", verbose_name=_("casus")
    )
    kind = models.CharField(_("soort plek"), max_length=20, choices=WachtlijstKind.choices)
    provider = models.CharField(_("aanbieder"), max_length=MAX_PROVIDER, blank=True)
    listed_on = models.DateField(_("op de wachtlijst sinds"))
    placed_on = models.DateField(_("geplaatst op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WachtlijstStatus.choices, default=WachtlijstStatus.WACHTEND
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("wachtlijstplaatsing")
        verbose_name_plural = _("wachtlijstplaatsingen")
        ordering = ["-listed_on", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(placed_on__isnull=True) | models.Q(placed_on__gte=models.F("listed_on")),
                name="middelen_placed_not_before_listed",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="geplaatst") | models.Q(placed_on__isnull=False),
                name="middelen_placed_has_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.casus} {self.get_kind_display()} {self.listed_on}"
