"""The "in beeld?" question of a network partner: is this person known to the
bemoeizorgteam? The answer is only yes/no plus a contact person; every
question is kept here (and in the access log) with its purpose.

What the partner typed is not stored in readable form: only a keyed hash of
the normalised question (to spot repeated questions about one person) and,
when the answer was yes, the person and casus it was about (so the
casusregisseur sees that a partner asked)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.accounts.models import User


class Purpose(models.TextChoices):
    MELDING = "melding", _("Melding zorgwekkend gedrag overwegen")
    OVERLAST = "overlast", _("Overlast of dreigende huisuitzetting")
    POLITIE = "politie_inzet", _("Politie-inzet")
    ANDERS = "anders", _("Anders (licht toe)")


class Method(models.TextChoices):
    BSN = "bsn", _("BSN")
    NAAM = "naam", _("Naam en geboortedatum")


class InBeeldQuestion(models.Model):
    asked_at = models.DateTimeField(_("gevraagd op"), default=timezone.now, db_index=True)
    # Text copies so the row keeps saying who asked after an account is removed.
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="inbeeld_questions",
        verbose_name=_("gevraagd door"),
    )
    username = models.CharField(_("gebruikersnaam"), max_length=150)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    organisation_name = models.CharField(_("naam organisatie"), max_length=200)
    purpose = models.CharField(_("doel"), max_length=20, choices=Purpose.choices)
    purpose_text = models.CharField(_("toelichting doel"), max_length=300, blank=True)
    method = models.CharField(_("gevraagd met"), max_length=10, choices=Method.choices)
    query_hash = models.CharField(_("vingerafdruk vraag"), max_length=64, db_index=True)
    answer_yes = models.BooleanField(_("antwoord ja"))
    person = models.ForeignKey(
        "persons.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("persoon (alleen bij ja)"),
    )
    casus = models.ForeignKey(
        "cases.Casus",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbeeld_questions",
        verbose_name=_("casus (alleen bij ja)"),
    )

    class Meta:
        verbose_name = _("in-beeldvraag")
        verbose_name_plural = _("in-beeldvragen")
        ordering = ["-asked_at", "-id"]
        permissions = [("ask_inbeeld", _("Mag vragen of iemand in beeld is bij het bemoeizorgteam"))]

    def __str__(self):
        return f"{self.asked_at:%Y-%m-%d %H:%M} {self.username}: {'ja' if self.answer_yes else 'nee'}"

    @property
    def purpose_display(self) -> str:
        label = self.get_purpose_display()
        return f"{label}: {self.purpose_text}" if self.purpose_text else str(label)


class DailyQuestionCount(models.Model):
    """How many questions one user asked on one (local) day: the row the daily
    limit is taken from with one conditional UPDATE, so parallel requests
    cannot all slip under the limit (counting InBeeldQuestion rows could)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("dag"))
    count = models.PositiveSmallIntegerField(_("aantal vragen"), default=0)

    class Meta:
        verbose_name = _("aantal in-beeldvragen per dag")
        verbose_name_plural = _("aantallen in-beeldvragen per dag")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="inbeeld_daily_count_once")]

    def __str__(self):
        return f"{self.user_id} {self.day}: {self.count}"


class InBeeldAuthorisation(User):
    """Partner accounts as seen by functioneel beheer when granting the "in
    beeld?" permission (a proxy: no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = _("bevoegdheid in-beeldvraag")
        verbose_name_plural = _("bevoegdheden in-beeldvraag")
