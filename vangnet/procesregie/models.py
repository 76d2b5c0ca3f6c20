"""Procesregie: a casus that is stuck in the network is escalated to a
procesregisseur, who records decisions and names the organisations that are
"aan zet" (each with an action and a due date) until the escalation is closed."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_TEXT = 5000


class Escalation(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        AFGEROND = "afgerond", _("Afgerond")

    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, related_name="escalations", verbose_name=_("casus")
    )
    description = models.TextField(_("wat zit vast"), validators=[MaxLengthValidator(MAX_TEXT)])
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geëscaleerd door")
    )
    escalated_at = models.DateTimeField(_("geëscaleerd op"), default=timezone.now)
    procesregisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="procesregie_escalations",
        verbose_name=_("procesregisseur"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )
    closing_note = models.TextField(_("afsluitende notitie"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])

    class Meta:
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        ordering = ["-escalated_at", "-id"]
        permissions = [("act_as_procesregisseur", _("Kan procesregisseur zijn"))]
        constraints = [
            # At most one open escalation per casus: one regisseur, one list of who is aan zet.
            models.UniqueConstraint(
                fields=["casus"], condition=models.Q(status="open"), name="one_open_escalation_per_casus"
            ),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | models.Q(closed_at__gte=models.F("escalated_at")),
                name="escalation_closed_not_before_escalated",
            ),
        ]

    def __str__(self):
        return f"{self.casus.reference}: {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Decision(models.Model):
    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("besluit"), validators=[MaxLengthValidator(MAX_TEXT)])
    decided_on = models.DateField(_("datum besluit"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["decided_on", "id"]

    def __str__(self):
        return self.text[:50]


class Action(VersionedModel):
    """An organisation that is "aan zet": what it must do, by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GEDAAN = "gedaan", _("Gedaan")

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="actions")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="procesregie_actions",
        verbose_name=_("organisatie aan zet"),
    )
    description = models.TextField(_("actie"), validators=[MaxLengthValidator(MAX_TEXT)])
    due_date = models.DateField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(_("gedaan op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gedaan door"),
    )
    done_note = models.TextField(_("toelichting"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])

    class Meta:
        verbose_name = _("actie aan zet")
        verbose_name_plural = _("acties aan zet")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True) | models.Q(done_at__gte=models.F("assigned_at")),
                name="regie_action_done_not_before_assigned",
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.description[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())
