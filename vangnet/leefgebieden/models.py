"""The life-domain picture of a casus (leefgebieden, issue 15 part 1).

A worker records, on a day, how the person is doing on each of the ten life
domains: a score of 1 to 5 in the style of the Zelfredzaamheid-Matrix (ZRM) and
a short text. Repeated pictures show the trend per domain. The ZRM's direction
is kept: 1 is the most severe (acute problematiek), 5 is volledig zelfredzaam,
so a rising line is an improvement. The labels of the five levels are kept by
functioneel beheer (``ScaleLabel``); the domains are fixed in code.

The picture is part of the casus: whoever may see the casus' care content sees
it (see policies.py); a partner sees the latest picture only through a referral
that shares it (``network.SharedPart.LEEFGEBIEDEN``)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_DOMAIN_TEXT = 500
MAX_NOTE = 2000
LOWEST, HIGHEST = 1, 5
# The labels of the levels until functioneel beheer sets its own (migration 0002 seeds the
# same into ScaleLabel): the ZRM's, 1 the most severe.
DEFAULT_LABELS = {
    1: "Acute problematiek",
    2: "Niet zelfredzaam",
    3: "Beperkt zelfredzaam",
    4: "Voldoende zelfredzaam",
    5: "Volledig zelfredzaam",
}


class LifeDomain(models.TextChoices):
    """The ten life domains of the issue, in the order the form and the picture show them."""

    WONEN = "wonen", _("Wonen")
    FINANCIEN = "financien", _("Financiën en schulden")
    PSYCHISCH = "psychisch", _("Psychische gezondheid")
    VERSLAVING = "verslaving", _("Verslaving")
    LICHAMELIJK = "lichamelijk", _("Lichamelijke gezondheid")
    DAGBESTEDING = "dagbesteding", _("Dagbesteding en werk")
    NETWERK = "netwerk", _("Sociaal netwerk")
    HUISELIJK = "huiselijk", _("Huiselijke relaties")
    VEILIGHEID = "veiligheid", _("Veiligheid en justitie")
    VAARDIGHEDEN = "vaardigheden", _("Praktische vaardigheden")


class ScaleLabel(models.Model):
    """The label of one level of the 1-5 scale, kept by functioneel beheer (no personal data).
    Seeded with ZRM-style labels by migration 0002; there are always exactly five levels."""

    score = models.PositiveSmallIntegerField(
        _("score"), unique=True, validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)], editable=False
    )
    label = models.CharField(_("label"), max_length=80)
    description = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("schaalniveau leefgebieden")
        verbose_name_plural = _("schaalniveaus leefgebieden")
        ordering = ["score"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=LOWEST, score__lte=HIGHEST), name="scalelabel_score_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.score}. {self.label}"


class Assessment(VersionedModel):
    """A dated life-domain picture of one casus (leefgebiedenbeeld). One per casus per
    day: a second submit of the same form finds the first, and a second picture the
    same day is a correction of the first."""

    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, related_name="leefgebieden", verbose_name=_("casus")
    )
    assessed_on = models.DateField(_("datum van het beeld"))
    note = models.TextField(_("toelichting"), blank=True, validators=[MaxLengthValidator(MAX_NOTE)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("leefgebiedenbeeld")
        verbose_name_plural = _("leefgebiedenbeelden")
        ordering = ["-assessed_on", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["casus", "assessed_on"], name="leefgebieden_one_picture_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.casus} {self.assessed_on}"

    def scores_by_domain(self) -> dict[str, "DomainScore"]:
        return {s.domain: s for s in self.scores.all()}


class DomainScore(models.Model):
    """One domain of a picture: a score (empty: not known yet) and a short text."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.CharField(_("leefgebied"), max_length=20, choices=LifeDomain.choices)
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
    )
    text = models.TextField(_("toelichting"), blank=True, validators=[MaxLengthValidator(MAX_DOMAIN_TEXT)])

    class Meta:
        verbose_name = _("score per leefgebied")
        verbose_name_plural = _("scores per leefgebied")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="leefgebieden_one_score_per_domain"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=LOWEST, score__lte=HIGHEST),
                name="leefgebieden_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"
