"""Task and legal ground per casus, consent and objection per person, and the
overrides that wait for review (issue 16, parts 1 and 2). The catalogue of tasks
and grounds is configuration (catalogue.py); here only its keys are stored."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel
from vangnet.organisations.models import Organisation

from .catalogue import Ground, Task

MAX_REASON = 1000
MAX_PURPOSE = 300


class CasusGrondslag(VersionedModel):
    """The task and legal ground of one casus. A casus without this row runs under
    its default (services.current_basis); the first change creates it."""

    casus = models.OneToOneField(
        "cases.Casus", on_delete=models.CASCADE, related_name="grondslag", verbose_name=_("casus")
    )
    task = models.CharField(_("taak"), max_length=20, choices=Task.choices)
    ground = models.CharField(_("grondslag"), max_length=20, choices=Ground.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"))

    class Meta:
        verbose_name = _("taak en grondslag van een casus")
        verbose_name_plural = _("taken en grondslagen van casussen")

    def __str__(self) -> str:
        return f"{self.casus_id}: {self.task}/{self.ground}"


class GrondslagWijziging(models.Model):
    """One change of a casus' task or ground, with the written reason (the history)."""

    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, related_name="grondslag_wijzigingen", verbose_name=_("casus")
    )
    old_task = models.CharField(_("vorige taak"), max_length=20, choices=Task.choices)
    old_ground = models.CharField(_("vorige grondslag"), max_length=20, choices=Ground.choices)
    task = models.CharField(_("taak"), max_length=20, choices=Task.choices)
    ground = models.CharField(_("grondslag"), max_length=20, choices=Ground.choices)
    reason = models.TextField(_("reden"), validators=[MaxLengthValidator(MAX_REASON)])
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"))

    class Meta:
        verbose_name = _("wijziging taak of grondslag")
        verbose_name_plural = _("wijzigingen taak of grondslag")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.casus_id}: {self.old_task}/{self.old_ground} -> {self.task}/{self.ground}"


class Toestemming(VersionedModel):
    """What a person consented to (toestemming) or objected to (bezwaar): sharing with
    one organisation or a kind of organisation, for one task or every task. Dated;
    an end date or a withdrawal ends it. Never deleted: a withdrawal is a new fact."""

    class Soort(models.TextChoices):
        TOESTEMMING = "toestemming", _("Toestemming")
        BEZWAAR = "bezwaar", _("Bezwaar")

    class Wijze(models.TextChoices):
        MONDELING = "mondeling", _("Mondeling")
        SCHRIFTELIJK = "schriftelijk", _("Schriftelijk")

    person = models.ForeignKey(
        "persons.Person", on_delete=models.CASCADE, related_name="toestemmingen", verbose_name=_("persoon")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    # A kind of organisation (Organisation.Kind), when it is about every organisation of that kind.
    organisation_kind = models.CharField(_("soort organisatie"), max_length=30, blank=True)
    task = models.CharField(_("taak"), max_length=20, choices=Task.choices, blank=True)
    purpose = models.CharField(_("doel of toelichting"), max_length=MAX_PURPOSE, blank=True)
    how = models.CharField(_("hoe gegeven"), max_length=20, choices=Wijze.choices)
    given_on = models.DateField(_("gegeven op"))
    ends_on = models.DateField(_("geldig tot"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"))
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reden intrekken"), blank=True, validators=[MaxLengthValidator(MAX_REASON)])

    class Meta:
        verbose_name = _("toestemming of bezwaar")
        verbose_name_plural = _("toestemmingen en bezwaren")
        ordering = ["-given_on", "-recorded_at", "-id"]
        constraints = [
            # Exactly one of the two: one organisation, or a kind of organisation.
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(organisation_kind=""))
                | (Q(organisation__isnull=True) & ~Q(organisation_kind="")),
                name="toestemming_organisation_or_kind",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("given_on")),
                name="toestemming_ends_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.person_id}"

    @property
    def whom(self) -> str:
        if self.organisation_id:
            return str(self.organisation)
        return str(dict(Organisation.Kind.choices).get(self.organisation_kind, self.organisation_kind))


class Afwijking(models.Model):
    """A share that went ahead against the person's recorded wishes (an objection, or
    the ground "toestemming" without recorded consent), with the worker's reason.
    The teamleider of the worker's organisation reviews it (as break-the-glass)."""

    class Wat(models.TextChoices):
        BEZWAAR = "bezwaar", _("Gedeeld ondanks bezwaar")
        GEEN_TOESTEMMING = "geen_toestemming", _("Gedeeld op toestemming zonder vastgelegde toestemming")
        # A granted restriction request (AVG art. 18, vangnet.verzoeken) is in effect.
        BEPERKING = "beperking", _("Gedeeld terwijl de verwerking beperkt is")

    class Via(models.TextChoices):
        VERWIJZING = "verwijzing", _("Verwijzing")
        AGENDAPUNT = "agendapunt", _("Agendapunt overleg")

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("persoon"))
    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("casus")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("gedeeld met")
    )
    what = models.CharField(_("afwijking"), max_length=20, choices=Wat.choices)
    via = models.CharField(_("via"), max_length=20, choices=Via.choices)
    reference = models.CharField(_("kenmerk"), max_length=40)
    ground = models.CharField(_("grondslag"), max_length=20, choices=Ground.choices)
    reason = models.TextField(_("reden"), validators=[MaxLengthValidator(MAX_REASON)])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("op"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    review_note = models.TextField(_("beoordeling"), blank=True, validators=[MaxLengthValidator(MAX_REASON)])

    class Meta:
        verbose_name = _("afwijking van toestemming of bezwaar")
        verbose_name_plural = _("afwijkingen van toestemming of bezwaar")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.what} {self.reference}"
