"""The crisis card and crisis episodes (issue 15 part 4).

A person can have one crisiskaart / signaleringsplan: the early signs, what
helps, what not to do, who to call, whether it was agreed with the person (and
when), who holds a copy. Every save keeps a snapshot (``CrisisCardVersion``), so
earlier versions can be read. The card shows at the top of every casus page of
the person, for everyone who may see that casus; a partner sees it only through
a referral that shares it (``network.SharedPart.CRISISKAART``).

A crisis episode (crisisdienst ingeschakeld, acute opname, politie-inzet) is an
entry on the casus timeline: what happened, and later what came back."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_TEXT = 2000
MAX_COPY = 500
CARD_FIELDS = (
    "early_signs",
    "what_helps",
    "what_not",
    "who_to_call",
    "agreed_with_person",
    "agreed_on",
    "copy_holders",
)


class CardContent(models.Model):
    """The content of a crisis card (the card itself and each of its snapshots)."""

    early_signs = models.TextField(_("vroege signalen"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    what_helps = models.TextField(_("wat helpt"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    what_not = models.TextField(_("wat niet doen"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    who_to_call = models.TextField(_("wie bellen"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    agreed_with_person = models.BooleanField(_("afgesproken met betrokkene"), default=False)
    agreed_on = models.DateField(_("datum afspraak"), null=True, blank=True)
    copy_holders = models.TextField(_("wie heeft een kopie"), blank=True, validators=[MaxLengthValidator(MAX_COPY)])

    class Meta:
        abstract = True

    def content(self) -> dict:
        return {f: getattr(self, f) for f in CARD_FIELDS}


class CrisisCard(CardContent, VersionedModel):
    """The current crisis card of a person (one per person)."""

    person = models.OneToOneField(
        "persons.Person", on_delete=models.CASCADE, related_name="crisis_card", verbose_name=_("persoon")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("gewijzigd op"))

    class Meta:
        verbose_name = _("crisiskaart")
        verbose_name_plural = _("crisiskaarten")

    def __str__(self) -> str:
        return f"crisiskaart {self.person_id}"


class CrisisCardVersion(CardContent):
    """One saved state of a crisis card (number = the card's version after that save)."""

    card = models.ForeignKey(CrisisCard, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(_("opgeslagen op"))

    class Meta:
        verbose_name = _("versie crisiskaart")
        verbose_name_plural = _("versies crisiskaart")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["card", "number"], name="crisis_card_version_unique")]

    def __str__(self) -> str:
        return f"{self.card} v{self.number}"


class EpisodeKind(models.TextChoices):
    CRISISDIENST = "crisisdienst", _("Crisisdienst ingeschakeld")
    ACUTE_OPNAME = "acute_opname", _("Acute opname")
    POLITIE = "politie", _("Politie-inzet")
    ANDERS = "anders", _("Anders")


class CrisisEpisode(VersionedModel):
    """A crisis in the casus: what happened and, later, what came back (terugkoppeling)."""

    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, related_name="crisis_episodes", verbose_name=_("casus")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=EpisodeKind.choices)
    at = models.DateTimeField(_("wanneer"))
    what_happened = models.TextField(_("wat er gebeurde"), validators=[MaxLengthValidator(MAX_TEXT)])
    feedback = models.TextField(_("terugkoppeling"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    feedback_at = models.DateTimeField(_("terugkoppeling vastgelegd op"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("crisisepisode")
        verbose_name_plural = _("crisisepisodes")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.casus} {self.kind} {self.at:%Y-%m-%d}"
