"""Append-only access log (NEN 7513 style): who read or changed which personal data,
in which role and organisation, when, why and from where.

Rows are never updated or deleted by the application: the model refuses it and
database triggers (see migration 0002) refuse it for anything that goes around
the ORM. Identifiers are stored as text so a row survives the deletion or
merge of the user, person or casus it names."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Het toegangslog is alleen-toevoegen.")

    def delete(self):
        raise AppendOnlyError("Het toegangslog is alleen-toevoegen.")


class AccessLog(models.Model):
    class Action(models.TextChoices):
        # The FHIR AuditEvent action codes.
        CREATE = "C", _("Aanmaken")
        READ = "R", _("Inzien")
        UPDATE = "U", _("Wijzigen")
        DELETE = "D", _("Verwijderen")
        EXECUTE = "E", _("Zoeken / uitvoeren")
        # Not FHIR: a refused attempt is on record like a read (NEN 7513).
        REFUSED = "G", _("Geweigerd")

    timestamp = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    user_id = models.CharField(_("gebruiker-id"), max_length=64)
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=30, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    action = models.CharField(_("actie"), max_length=1, choices=Action.choices)
    person_id = models.CharField(_("persoon-id"), max_length=64, blank=True, db_index=True)
    casus_id = models.CharField(_("casus-id"), max_length=64, blank=True, db_index=True)
    melding_id = models.CharField(_("melding-id"), max_length=64, blank=True, db_index=True)
    object_type = models.CharField(_("soort gegeven"), max_length=50, blank=True)
    detail = models.CharField(_("omschrijving"), max_length=300, blank=True)
    reason = models.CharField(_("reden / grondslag"), max_length=500, blank=True)
    break_glass = models.BooleanField(_("noodtoegang"), default=False, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    path = models.CharField(_("adres"), max_length=300, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-timestamp", "-id"]

    def __str__(self):
        when = f"{self.timestamp:%Y-%m-%d %H:%M:%S}" if self.timestamp else "-"
        return f"{when} {self.user_id} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Het toegangslog is alleen-toevoegen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Het toegangslog is alleen-toevoegen.")
