"""Case conferences (meldingsoverleg, casusoverleg): an agenda of casussen and
meldingen, attendees from several organisations, decisions and action items.

An attendee sees an agenda item only on their own need-to-know basis
(access.policies) or because the host explicitly shared that item with their
organisation, with a legal ground (AgendaShare, logged)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel
from vangnet.grondslagen.catalogue import Ground

MAX_TEXT = 5000


class Meeting(VersionedModel):
    class Kind(models.TextChoices):
        MELDINGSOVERLEG = "meldingsoverleg", _("Meldingsoverleg")
        CASUSOVERLEG = "casusoverleg", _("Casusoverleg")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        AFGEROND = "afgerond", _("Afgerond")

    kind = models.CharField(_("soort overleg"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("datum en tijd"))
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="meetings", verbose_name=_("organisator")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.GEPLAND)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-starts_at", "-id"]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%d-%m-%Y})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.GEPLAND


class Attendee(models.Model):
    """A user with an account, or an external guest (name + organisation) without one."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        verbose_name=_("gebruiker"),
    )
    external_name = models.CharField(_("naam (extern)"), max_length=200, blank=True)
    external_organisation = models.CharField(_("organisatie (extern)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendee_unique_user"),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(external_name=""), name="attendee_user_or_name"
            ),
        ]

    def __str__(self):
        if self.user_id:
            return f"{self.user} ({self.user.organisation})"
        return f"{self.external_name} ({self.external_organisation or '-'})"


class AgendaItem(VersionedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    casus = models.ForeignKey("cases.Casus", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    melding = models.ForeignKey("intake.Melding", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    notes = models.TextField(_("bespreking"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    decision = models.TextField(_("besluit"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(casus__isnull=False, melding__isnull=True)
                    | models.Q(casus__isnull=True, melding__isnull=False)
                ),
                name="agendaitem_casus_xor_melding",
            ),
        ]

    def __str__(self):
        return self.subject_reference

    @property
    def subject_reference(self) -> str:
        return self.casus.reference if self.casus_id else self.melding.reference

    @property
    def person_name(self) -> str:
        if self.casus_id:
            return self.casus.person.display_name
        m = self.melding
        if m.person_id:
            return m.person.display_name
        return " ".join(p for p in [m.given_names, m.tussenvoegsel, m.surname] if p) or str(_("onbekende persoon"))


class AgendaShare(models.Model):
    """The host shares one agenda item with a partner organisation, on a legal ground."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("gedeeld met")
    )
    # issue 16: the legal ground (a key of the catalogue, fitting the item's task) and its explanation.
    ground = models.CharField(_("grondslag"), max_length=20, choices=Ground.choices, blank=True)
    legal_ground = models.CharField(_("toelichting grondslag"), max_length=300)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gedeeld agendapunt")
        constraints = [models.UniqueConstraint(fields=["item", "organisation"], name="agendashare_unique")]

    def __str__(self):
        return f"{self.item} → {self.organisation}"


class ActionItem(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("actie"), validators=[MaxLengthValidator(MAX_TEXT)])
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar (persoon)"),
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar (organisatie)"),
    )
    due_date = models.DateField(_("uiterlijk"))
    done = models.BooleanField(_("gedaan"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["due_date", "id"]

    def __str__(self):
        return self.description[:50]

    @property
    def owner(self):
        return self.owner_user or self.owner_organisation
