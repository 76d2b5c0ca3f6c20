"""Naasten: the informal network of a person (issue 15 part 5).

Per person the people around them (family, neighbours, friends, an
ervaringsdeskundige, a mentor or bewindvoerder): their relation, how to reach
them, and what the person consented to share with each. Contacts with a naaste
are logged per casus. A naaste who reported a melding (``is_melder``) is
protected as melder: never shown to the person at inzage (``naasten_for_inzage``).

Naasten belong to the person, not to one casus: they stay when a casus closes
and a new one opens. They are seen and edited on the page of a casus of the
person (see policies.py)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_NAME = 120
MAX_REACH = 300
MAX_NOTE = 1000


class Relation(models.TextChoices):
    FAMILIE = "familie", _("Familie")
    PARTNER = "partner", _("Partner")
    BUREN = "buren", _("Buren")
    VRIEND = "vriend", _("Vriend(in)")
    ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")
    MENTOR = "mentor", _("Mentor")
    BEWINDVOERDER = "bewindvoerder", _("Bewindvoerder")
    ANDERS = "anders", _("Anders")


class Consent(models.TextChoices):
    """What the person agreed may be shared with this naaste."""

    NIETS = "niets", _("Niets")
    CONTACT = "contact", _("Alleen dat er contact is")
    AFSPRAKEN = "afspraken", _("Afspraken en voortgang")
    NODIG = "nodig", _("Alles wat nodig is")


class ContactWay(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    BEZOEK = "bezoek", _("Bezoek")
    BERICHT = "bericht", _("Bericht")


class Naaste(VersionedModel):
    person = models.ForeignKey(
        "persons.Person", on_delete=models.CASCADE, related_name="naasten", verbose_name=_("persoon")
    )
    name = models.CharField(_("naam"), max_length=MAX_NAME)
    relation = models.CharField(_("relatie"), max_length=24, choices=Relation.choices)
    reach = models.TextField(_("bereikbaar via"), blank=True, validators=[MaxLengthValidator(MAX_REACH)])
    consent = models.CharField(_("toestemming om te delen"), max_length=12, choices=Consent.choices)
    consent_on = models.DateField(_("datum toestemming"), null=True, blank=True)
    is_melder = models.BooleanField(_("is melder"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("naaste")
        verbose_name_plural = _("naasten")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class NaasteContact(models.Model):
    """One contact of a worker with a naaste, on a casus."""

    naaste = models.ForeignKey(Naaste, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("naaste"))
    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, related_name="naaste_contacts", verbose_name=_("casus")
    )
    at = models.DateTimeField(_("wanneer"))
    way = models.CharField(_("hoe"), max_length=12, choices=ContactWay.choices)
    note = models.TextField(_("korte notitie"), blank=True, validators=[MaxLengthValidator(MAX_NOTE)])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("contact met naaste")
        verbose_name_plural = _("contacten met naasten")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.naaste} {self.at:%Y-%m-%d}"
