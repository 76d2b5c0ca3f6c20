"""The inzage (right of access, AVG art. 15; issue 16 part 4): a teamleider produces, for one
person, the export of what her organisation holds about him.

An inzage starts as a *concept*: the export is built once, at the start, and kept as it was
(``content``), so what the teamleider reviews is exactly what is released, also when the casus
goes on meanwhile. Every free text in it is an ``InzageItem`` the teamleider marks "vrijgeven"
or "afschermen" (with a reason); only then can she release it (*vrijgegeven*), and only a
released inzage can be downloaded (PDF and JSON, ``export.FORMAT`` version ``FORMAT_VERSION``).

The identity of melders is never in ``content`` nor in an item: it is replaced by
``MELDER_REDACTED`` while the export is built (sources.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_NOTE = 1000


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VRIJGEGEVEN = "vrijgegeven", _("Vrijgegeven")


class Decision(models.TextChoices):
    OPEN = "open", _("Nog te beoordelen")
    VRIJGEVEN = "vrijgeven", _("Vrijgeven")
    AFSCHERMEN = "afschermen", _("Afschermen")


class ShieldReason(models.TextChoices):
    """Why a free text is withheld; the label is what the betrokkene reads in its place."""

    DERDEN = "derden", _("gegevens van anderen")
    MELDER = "melder", _("kan de melder herleidbaar maken")
    RECHTEN = "rechten", _("bescherming van de rechten en vrijheden van anderen")
    ANDERS = "anders", _("andere reden")


class Inzage(VersionedModel):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    person = models.ForeignKey(
        "persons.Person", on_delete=models.CASCADE, related_name="inzagen", verbose_name=_("persoon")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("gestart op"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("vrijgegeven op"), null=True, blank=True)
    # The export as built at the start; free texts are {"vrije_tekst": item key} (export.py).
    content = models.JSONField(_("inhoud"), default=dict, editable=False)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagen")
        ordering = ["-started_at", "-id"]
        constraints = [
            # A double submit of "start" makes one concept (the second finds the first).
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(status="concept"),
                name="inzage_one_concept_per_person",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_released(self) -> bool:
        return self.status == Status.VRIJGEGEVEN


class InzageItem(VersionedModel):
    """One free text of the export, with the teamleider's decision on it."""

    inzage = models.ForeignKey(Inzage, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(_("sleutel"), max_length=20)
    section = models.CharField(_("onderdeel"), max_length=100)
    source = models.CharField(_("bron"), max_length=200)
    # The text as it will be released: the melders' identity already replaced.
    text = models.TextField(_("tekst"))
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices, default=Decision.OPEN)
    reason = models.CharField(_("reden afschermen"), max_length=20, choices=ShieldReason.choices, blank=True)
    # Internal only (never in the export): why, for the file.
    note = models.TextField(_("toelichting (intern)"), blank=True, max_length=MAX_NOTE)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vrije tekst in inzage")
        verbose_name_plural = _("vrije teksten in inzage")
        ordering = ["inzage", "id"]
        constraints = [models.UniqueConstraint(fields=["inzage", "key"], name="inzage_item_key_once")]

    def __str__(self) -> str:
        return f"{self.inzage_id}:{self.key}"
