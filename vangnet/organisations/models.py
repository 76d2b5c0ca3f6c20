"""Organisations that take part: municipalities, the meldpunt, the bemoeizorgteam
and network partners. Access to personal data follows organisation involvement,
so this is the root of the permission model."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gemeente(models.Model):
    """A municipality: meldingen are registered per gemeente (werkgebied)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    cbs_code = models.CharField(_("CBS-code"), max_length=6, blank=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        GGD = "ggd", _("GGD / meldpunt en bemoeizorg")
        GGZ = "ggz", _("GGZ (o.a. FACT)")
        POLITIE = "politie", _("Politie")
        WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
        HUISARTS = "huisarts", _("Huisarts / POH-GGZ")
        WIJKTEAM = "wijkteam", _("Wijkteam")
        VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
        OPVANG = "opvang", _("Maatschappelijke opvang / beschermd wonen")
        ANDERS = "anders", _("Anders")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    gemeenten = models.ManyToManyField(Gemeente, blank=True, verbose_name=_("werkgebied"))
    runs_meldpunt = models.BooleanField(
        _("voert een meldpunt"), default=False, help_text=_("Ontvangt en trieert meldingen zorgwekkend gedrag.")
    )
    does_bemoeizorg = models.BooleanField(_("voert bemoeizorg uit"), default=False)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("naam"), max_length=200)
    is_bemoeizorgteam = models.BooleanField(_("bemoeizorgteam"), default=False)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")]

    def __str__(self):
        return f"{self.name} ({self.organisation})"
