"""The person registry: the betrokkene a melding is about. A melding only points
to a Person once a worker has confirmed who it is (at triage)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

from .normalise import given_key, surname_key
from .validators import validate_bsn


class Sex(models.TextChoices):
    MAN = "M", _("Man")
    VROUW = "V", _("Vrouw")
    ONBEKEND = "", _("Onbekend")


class Person(VersionedModel):
    given_names = models.CharField(_("voornamen"), max_length=200, blank=True)
    roepnaam = models.CharField(_("roepnaam"), max_length=100, blank=True)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=30, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200, blank=True)
    sex = models.CharField(_("geslacht"), max_length=1, choices=Sex.choices, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    estimated_birth_year = models.PositiveSmallIntegerField(_("geschat geboortejaar"), null=True, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn], db_index=True)
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    place_description = models.CharField(_("omschrijving verblijfplaats"), max_length=500, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    # Normalised keys for the triage lookup, kept in sync in save().
    surname_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    given_key = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["surname", "given_names"]
        indexes = [models.Index(fields=["surname_key", "date_of_birth"])]

    def save(self, *args, **kwargs):
        self.surname_key = surname_key(self.surname, self.tussenvoegsel)
        self.given_key = given_key(self.roepnaam or self.given_names)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        first = self.roepnaam or self.given_names
        parts = [first, self.tussenvoegsel, self.surname]
        name = " ".join(p for p in parts if p)
        return name or str(_("Onbekende persoon"))

    def __str__(self):
        return self.display_name

    @property
    def address_line(self) -> str:
        street = " ".join(p for p in [self.street, self.house_number] if p)
        city = " ".join(p for p in [self.postcode, self.city] if p)
        return ", ".join(p for p in [street, city] if p)
