"""The match index: blocking keys per person, and where imported persons came from.

Imported by ``vangnet/persons/models.py`` so Django sees these models as part of
the persons app. The key upkeep is connected in ``PersonsConfig.ready()``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["PersonMatchKey", "PersonSourceRecord"]


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
