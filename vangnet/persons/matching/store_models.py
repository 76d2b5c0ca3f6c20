"""The match index: blocking keys per person, where imported persons came from, and the
stored versions of the matcher's trained model (issue 14).

Imported by ``vangnet/persons/models.py`` so Django sees these models as part of
the persons app. The key upkeep is connected in ``PersonsConfig.ready()``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["MatchModelSource", "MatchModelVersion", "PersonMatchKey", "PersonSourceRecord"]


class PersonMatchKey(models.Model):
    """One blocking key of a person (see ``features.record_keys``).

    The lookup is ``SELECT person_id, COUNT(*) ... WHERE key IN (...) GROUP BY person_id``;
    the (key, person) index covers it so the table itself is never read."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="match_keys")
    key = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("zoeksleutel persoon")
        verbose_name_plural = _("zoeksleutels personen")
        indexes = [models.Index(fields=["key", "person"], name="persons_matchkey_key_person")]

    def __str__(self):
        return self.key


class PersonSourceRecord(models.Model):
    """The id a person has in a registry it was imported from (another meldpunt, a benchmark)."""

    person = models.ForeignKey("persons.Person", on_delete=models.CASCADE, related_name="source_records")
    source = models.CharField(_("bron"), max_length=40)
    external_id = models.CharField(_("id in de bron"), max_length=80, blank=True, db_index=True)

    class Meta:
        verbose_name = _("bronrecord persoon")
        verbose_name_plural = _("bronrecords personen")
        constraints = [models.UniqueConstraint(fields=["source", "external_id"], name="persons_sourcerecord_unique")]

    def __str__(self):
        return f"{self.source}:{self.external_id}"


class MatchModelSource(models.TextChoices):
    """How a version of the match model came to be."""

    SCHEMA = "schema", _("volgens schema")
    IMPORT = "import", _("geïmporteerd")
    HANDMATIG = "handmatig", _("handmatig gestart")


class MatchModelVersion(models.Model):
    """One trained version of the matcher's Fellegi-Sunter model (``matching.model``).

    ``params`` holds weights and counts only, never a person: it is safe to show to
    functioneel beheer. Exactly one version is active (``trained.store_model``); the
    earlier ones stay so a change in the weights can be traced."""

    version = models.PositiveIntegerField(_("versie"), unique=True)
    trained_at = models.DateTimeField(_("getraind op"))
    record_count = models.PositiveIntegerField(_("aantal personen"), default=0)
    query_count = models.PositiveIntegerField(_("aantal zoekvragen"), default=0)
    pair_count = models.PositiveBigIntegerField(_("aantal paren"), default=0)
    params = models.JSONField(_("parameters"))
    # Null: started by the schedule or an import from the command line.
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("getraind door"),
    )
    source = models.CharField(_("bron"), max_length=20, choices=MatchModelSource.choices)
    is_active = models.BooleanField(_("actief"), default=False)
    created_at = models.DateTimeField(_("opgeslagen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("versie zoekmodel personen")
        verbose_name_plural = _("versies zoekmodel personen")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="persons_matchmodel_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.version}"
