"""Melding intake: what the melder told us, as they told it.

The betrokkene fields here are the report's own description; they are kept
unchanged even after the melding is linked to a Person at triage, so we can
always see what the melder actually said."""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel
from vangnet.core.plausible import EARLIEST_BIRTH
from vangnet.core.validators import validate_bsn
from vangnet.persons.models import Sex

MAX_TEXT = 10_000
# No melding in Vangnet arrived before this moment: an earlier one is a typing error.
EARLIEST_RECEIVED = datetime(2000, 1, 1, tzinfo=UTC)
MAX_REASON = 1000


class ConcernCategory(models.Model):
    """What worries the melder. Maintained by the functioneel beheerder."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("omschrijving"), max_length=100)
    active = models.BooleanField(_("actief"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("zorgcategorie")
        verbose_name_plural = _("zorgcategorieën")
        ordering = ["order", "label"]

    def __str__(self):
        return self.label


class Channel(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    WEB = "web", _("Webformulier")
    PARTNER = "partner", _("Netwerkpartner")
    POLITIE = "politie", _("Politie (E33)")
    EMAIL = "email", _("E-mail")


class MelderType(models.TextChoices):
    BUURTBEWONER = "buurtbewoner", _("Buurtbewoner")
    NAASTE = "naaste", _("Familie / naaste")
    HUISARTS = "huisarts", _("Huisarts / POH-GGZ")
    POLITIE = "politie", _("Politie / wijkagent")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    WIJKTEAM = "wijkteam", _("Wijkteam")
    ZORGAANBIEDER = "zorgaanbieder", _("Zorgaanbieder")
    BETROKKENE = "betrokkene", _("Betrokkene zelf")
    ANDERS = "anders", _("Anders")


class UrgencyIndicator(models.TextChoices):
    GEVAAR_ZELF = "gevaar_zelf", _("Gevaar voor zichzelf")
    GEVAAR_ANDEREN = "gevaar_anderen", _("Gevaar voor anderen / agressie")
    KINDEREN = "kinderen", _("Kinderen betrokken")
    HUISUITZETTING = "huisuitzetting", _("Dreigende huisuitzetting")
    GEEN_VOEDSEL = "geen_voedsel", _("Geen eten, water, verwarming of stroom")
    LICHAMELIJK = "lichamelijk", _("Ernstige lichamelijke klachten")
    DIEREN = "dieren", _("Dieren in nood")


# Signals of danger to someone's life or safety: these meldingen go to the top of
# every worklist (issue 11); any other signal comes next, then the rest by deadline.
DANGER_SIGNALS = frozenset({UrgencyIndicator.GEVAAR_ZELF, UrgencyIndicator.GEVAAR_ANDEREN})


class UrgencyRank(models.IntegerChoices):
    GEEN = 0, _("geen urgentie-signaal")
    SIGNAAL = 1, _("urgentie-signaal")
    GEVAAR = 2, _("gevaar")


def urgency_rank_for(indicators: Iterable[str] | None) -> int:
    codes = set(indicators or ())
    if codes & DANGER_SIGNALS:
        return UrgencyRank.GEVAAR
    return UrgencyRank.SIGNAAL if codes else UrgencyRank.GEEN


# The arrival and the melder, in the order the registration form asks them (a correction
# may change them too).
ONTVANGST_MELDER_FIELDS = (
    "channel",
    "received_at",
    "gemeente",
    "melder_type",
    "melder_anonymous",
    "melder_name",
    "melder_phone",
    "melder_email",
    "melder_relation",
    "melder_wants_feedback",
)

# The fields about the person the melding is about, in the order the form asks them
# (registration, correction, the partner form).
BETROKKENE_FIELDS = (
    "given_names",
    "tussenvoegsel",
    "surname",
    "sex",
    "date_of_birth",
    "estimated_age",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "place_description",
)


class Melding(VersionedModel):
    class Status(models.TextChoices):
        TE_TRIEREN = "te_trieren", _("Te triëren")
        GETRIEERD = "getrieerd", _("Getrieerd")

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    received_at = models.DateTimeField(_("ontvangen op"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    meldpunt = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="meldingen", verbose_name=_("meldpunt")
    )
    gemeente = models.ForeignKey(
        "organisations.Gemeente", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("gemeente")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TE_TRIEREN)

    # --- melder
    melder_type = models.CharField(_("soort melder"), max_length=30, choices=MelderType.choices)
    melder_anonymous = models.BooleanField(_("melder wil anoniem blijven"), default=False)
    melder_name = models.CharField(_("naam melder"), max_length=200, blank=True)
    melder_phone = models.CharField(_("telefoon melder"), max_length=30, blank=True)
    melder_email = models.EmailField(_("e-mail melder"), blank=True)
    melder_relation = models.CharField(_("relatie tot betrokkene"), max_length=200, blank=True)
    melder_wants_feedback = models.BooleanField(_("melder wil terugkoppeling"), default=False)
    melder_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submitted_meldingen",
        verbose_name=_("organisatie melder"),
    )

    # --- betrokkene as described by the melder
    given_names = models.CharField(_("voornamen"), max_length=200, blank=True)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=30, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200, blank=True)
    sex = models.CharField(_("geslacht"), max_length=1, choices=Sex.choices, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(
        _("geschatte leeftijd"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(120)]
    )
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    place_description = models.CharField(_("omschrijving plek"), max_length=500, blank=True)

    # --- the worry
    categories = models.ManyToManyField(ConcernCategory, verbose_name=_("zorgen"), related_name="meldingen")
    description = models.TextField(_("wat is er aan de hand?"), validators=[MaxLengthValidator(MAX_TEXT)])
    urgency_indicators = models.JSONField(_("urgentie-signalen"), default=list, blank=True)
    # Derived from urgency_indicators in save(), so lists can sort urgent-first in SQL.
    urgency_rank = models.PositiveSmallIntegerField(
        _("urgentie"), choices=UrgencyRank.choices, default=UrgencyRank.GEEN, editable=False
    )
    # A melding under the Wet verplichte ggz: triage suggests the verkennend onderzoek.
    is_wvggz = models.BooleanField(
        _("Wvggz-melding: mogelijk verplichte ggz nodig"),
        default=False,
        help_text=_("De melder vraagt de gemeente te onderzoeken of verplichte geestelijke gezondheidszorg nodig is."),
    )

    # --- links
    person = models.ForeignKey(
        "persons.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meldingen",
        verbose_name=_("persoon"),
    )
    casus = models.ForeignKey(
        "cases.Casus",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meldingen",
        verbose_name=_("casus"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("geregistreerd door")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The nonce of the form that stored it: a second post of the same form finds this melding.
    submission_token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-received_at"]
        indexes = [
            # "Te triëren" of a meldpunt in worklist order (urgent first, then oldest), counted
            # and listed from the index alone: casus is in it for the visibility rule, created_at
            # for "new since your previous visit" (at 20,000 untriaged: 246 ms -> 2 ms on SQLite).
            models.Index(
                fields=["meldpunt", "status", "-urgency_rank", "received_at", "casus", "created_at"],
                name="melding_meldpunt_status",
            ),
            # The lists' default order (urgent first, then oldest): the database can walk it and stop at a page.
            models.Index(fields=["-urgency_rank", "received_at"], name="melding_urgent_first"),
            # The lists' status + urgency filters without a meldpunt equality in front (a teamleider
            # sees meldingen of several meldpunten): "te triëren, urgent" reads its rows from this
            # index instead of every melding (PostgreSQL, 97,000 meldingen: count 62 -> 37 ms).
            models.Index(fields=["status", "urgency_rank", "received_at"], name="melding_status_urgency"),
            # A casus's urgency is its most urgent melding: one index lookup per casus when sorting.
            models.Index(fields=["casus", "-urgency_rank"], name="melding_casus_urgency"),
            # The list filters that otherwise read every visible row (bench/lists: p.40 of
            # kanaal + bron 126 ms -> 45 ms; casussen by gemeente without reading meldingen).
            models.Index(fields=["channel"], name="melding_channel"),
            models.Index(fields=["melder_type"], name="melding_melder_type"),
            models.Index(fields=["gemeente", "casus"], name="melding_gemeente_casus"),
            # The monitor (issue 13): the year's meldingen per bron and kanaal (and their persons,
            # for "herhaald") from the index alone (a melding row is wide), also with a meldpunt,
            # gemeente or bron filter in front.
            models.Index(
                fields=["meldpunt", "received_at", "melder_type", "channel", "gemeente", "person"],
                name="melding_monitor_intake",
            ),
            # The monitor's "herhaald": an earlier melding of the same person, one index probe.
            models.Index(fields=["person", "received_at"], name="melding_person_received"),
            # The Wvggz figures count a meldpunt's Wvggz meldingen of a period as a UNION of the
            # three ways a melding is one (wvggz.services.figures): index-only ranges of the
            # period (with id for the triage and onderzoek branches) and of the flagged ones
            # (region size: 140 -> 15 ms; without them the count read every melding).
            models.Index(fields=["meldpunt", "received_at", "id"], name="melding_meldpunt_received_id"),
            models.Index(
                fields=["meldpunt", "received_at"], condition=models.Q(is_wvggz=True), name="melding_wvggz_received"
            ),
            # The moment of receipt by id, from a narrow index: the monitor's triage decisions
            # look it up per decision (SQLite: 75,000 lookups in the wide rows 86 -> 49 ms).
            models.Index(fields=["id", "received_at"], name="melding_id_received"),
        ]
        # The absolute part of the date rules (core/plausible.py has the rest, relative to now).
        constraints = [
            models.CheckConstraint(
                condition=models.Q(received_at__gte=EARLIEST_RECEIVED),
                name="melding_received_from_2000",
                violation_error_message=_("Het tijdstip van ontvangst kan niet vóór 2000 liggen."),
            ),
            models.CheckConstraint(
                condition=models.Q(date_of_birth__isnull=True) | models.Q(date_of_birth__gte=EARLIEST_BIRTH),
                name="melding_birth_from_1900",
                violation_error_message=_("De geboortedatum kan niet vóór 1900 liggen."),
            ),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.urgency_rank = urgency_rank_for(self.urgency_indicators)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "urgency_indicators" in update_fields:
            kwargs["update_fields"] = {*update_fields, "urgency_rank"}
        super().save(*args, **kwargs)

    @property
    def betrokkene_name(self) -> str:
        name = " ".join(p for p in [self.given_names, self.tussenvoegsel, self.surname] if p)
        return name or str(_("Naam onbekend"))

    def get_urgency_labels(self) -> list[str]:
        labels = dict(UrgencyIndicator.choices)
        return [str(labels.get(code, code)) for code in self.urgency_indicators]


class MeldingRevision(models.Model):
    """One correction of a registered melding: who, when and why, with the earlier
    values of the fields it changed (nothing is deleted; the melding holds the
    corrected values, which the lists, figures and norms use)."""

    melding = models.ForeignKey(Melding, on_delete=models.PROTECT, related_name="revisions")
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gecorrigeerd door")
    )
    corrected_at = models.DateTimeField(_("gecorrigeerd op"), default=timezone.now)
    reason = models.TextField(_("reden"), validators=[MaxLengthValidator(MAX_REASON)])
    # Field name -> its value before this correction, as JSON (dates as ISO text,
    # the gemeente by id, the zorgen by code); only the fields that changed.
    earlier = models.JSONField(_("eerdere waarden"))
    # The melding's version this correction made.
    version = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("correctie van een melding")
        verbose_name_plural = _("correcties van meldingen")
        ordering = ["-corrected_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.melding}: {self.corrected_at:%Y-%m-%d %H:%M}"
