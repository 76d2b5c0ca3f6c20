"""Retention (issue 16 part 3): holds, the daily dry-run report the privacy officer
releases, and the log of what was removed.

Nothing here holds content: a report item and a removal name the kind of record, its
reference (M-..., C-..., W-..., P-<id>) and dates, never a name or a text."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel


class Soort(models.TextChoices):
    """The kinds of record with a bewaartermijn (the order is the order of removal)."""

    STATUSBERICHT = "statusbericht", _("Statusbericht aan melder")
    IN_BEELD_VRAAG = "in_beeld_vraag", _("In-beeld-vraag")
    MELDING = "melding", _("Melding zonder vervolg")
    WVGGZ_ONDERZOEK = "wvggz_onderzoek", _("Wvggz verkennend onderzoek")
    CASUS = "casus", _("Afgesloten casus")
    PERSOON = "persoon", _("Persoon zonder dossier")


class Hold(VersionedModel):
    """Bewaren wegens lopende procedure: while a hold is active, the record and everything
    it needs is never removed. Exactly one of person, melding, casus is set."""

    person = models.ForeignKey(
        "persons.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("persoon")
    )
    melding = models.ForeignKey(
        "intake.Melding", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("melding")
    )
    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("casus")
    )
    reference = models.CharField(_("kenmerk"), max_length=30)
    reason = models.TextField(_("reden"), max_length=1000)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    lift_reason = models.TextField(_("reden van opheffen"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("bewaarblokkade")
        verbose_name_plural = _("bewaarblokkades")
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, melding__isnull=True, casus__isnull=True)
                    | models.Q(person__isnull=True, melding__isnull=False, casus__isnull=True)
                    | models.Q(person__isnull=True, melding__isnull=True, casus__isnull=False)
                ),
                name="bewaren_hold_one_record",
            ),
            # At most one active hold per record (a double submit places one).
            *(
                models.UniqueConstraint(
                    fields=[name], condition=models.Q(lifted_at__isnull=True), name=f"bewaren_one_active_hold_{name}"
                )
                for name in ("person", "melding", "casus")
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class RetentionReport(models.Model):
    """The dry-run report of one day: what would be removed. Removal needs the privacy
    officer's release; the next daily run removes the released items still expired."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Te beoordelen")
        VRIJGEGEVEN = "vrijgegeven", _("Vrijgegeven")
        UITGEVOERD = "uitgevoerd", _("Uitgevoerd")
        VERVALLEN = "vervallen", _("Vervallen")

    day = models.DateField(_("dag"), unique=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("vrijgegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarrapport")
        verbose_name_plural = _("bewaarrapporten")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"


class RetentionReportItem(models.Model):
    """One record (with what belongs to it) that has passed its term."""

    report = models.ForeignKey(RetentionReport, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    object_id = models.PositiveBigIntegerField(_("id"))
    reference = models.CharField(_("kenmerk"), max_length=200)
    inactive_since = models.DateTimeField(_("inactief sinds"))
    expires_on = models.DateField(_("termijn verstreken op"))
    held = models.BooleanField(_("bewaarblokkade"), default=False)
    blocked_by = models.CharField(_("nog nodig voor"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("regel van het bewaarrapport")
        verbose_name_plural = _("regels van het bewaarrapport")
        ordering = ["report", "expires_on", "id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def removable(self) -> bool:
        return not self.held and not self.blocked_by


class RetentionRun(models.Model):
    """One run that removed (the released items of ``report``)."""

    report = models.ForeignKey(RetentionReport, on_delete=models.PROTECT, null=True, blank=True, related_name="runs")
    started_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    removed = models.PositiveIntegerField(_("verwijderd"), default=0)
    kept = models.PositiveIntegerField(_("bewaard"), default=0)

    class Meta:
        verbose_name = _("verwijderronde")
        verbose_name_plural = _("verwijderrondes")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class RetentionRemoval(models.Model):
    """What happened to one released item: removed (rows per table) or kept, and why."""

    class Outcome(models.TextChoices):
        VERWIJDERD = "verwijderd", _("Verwijderd")
        BLOKKADE = "blokkade", _("Bewaard: bewaarblokkade")
        NIET_VERLOPEN = "niet_verlopen", _("Bewaard: niet meer verlopen of gewijzigd")
        NODIG = "nodig", _("Bewaard: nog nodig voor een ander gegeven")

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="removals")
    kind = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    object_id = models.PositiveBigIntegerField(_("id"))
    reference = models.CharField(_("kenmerk"), max_length=200)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    rows = models.PositiveIntegerField(_("verwijderde rijen"), default=0)
    counts = models.JSONField(_("rijen per tabel"), default=dict, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("verwijderd gegeven")
        verbose_name_plural = _("verwijderde gegevens")
        ordering = ["run", "id"]

    def __str__(self) -> str:
        return self.reference
