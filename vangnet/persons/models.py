"""The person registry: the betrokkene a melding is about. A melding only points
to a Person once a worker has confirmed who it is (at triage)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

from .matching.names import given_key, surname_key
from .matching.store_models import MatchModelVersion, PersonMatchKey, PersonSourceRecord  # noqa: F401  (models of this app, kept with the matcher)
from .validators import validate_bsn


class Sex(models.TextChoices):
    MAN = "M", _("Man")
    VROUW = "V", _("Vrouw")
    ONBEKEND = "", _("Onbekend")


class DobPrecision(models.TextChoices):
    """How much of the date of birth is known (a partial date is stored as the 1st)."""

    EXACT = "", _("exact")
    MONTH = "maand", _("alleen maand en jaar")
    YEAR = "jaar", _("alleen jaar")
    ESTIMATED = "geschat", _("geschat")


class PersonQuerySet(models.QuerySet):
    def with_surname(self, surname: str) -> "PersonQuerySet":
        """Persons whose stored surname key matches ``surname`` under the matcher's name
        rules (tussenvoegsels, ij/y, diacritics); none when the text has no key. Other
        apps ask this instead of importing the matcher."""
        key = surname_key(surname)
        return self.filter(surname_key=key) if key else self.none()


class Person(VersionedModel):
    given_names = models.CharField(_("voornamen"), max_length=200, blank=True)
    roepnaam = models.CharField(_("roepnaam"), max_length=100, blank=True)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=30, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200, blank=True)
    # The partner's name in use ("Jansen-de Vries": own name Jansen, partner de Vries).
    partner_prefix = models.CharField(_("tussenvoegsel partnernaam"), max_length=30, blank=True)
    partner_surname = models.CharField(_("partnernaam"), max_length=200, blank=True)
    sex = models.CharField(_("geslacht"), max_length=1, choices=Sex.choices, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    estimated_birth_year = models.PositiveSmallIntegerField(_("geschat geboortejaar"), null=True, blank=True)
    dob_precision = models.CharField(
        _("nauwkeurigheid geboortedatum"), max_length=10, choices=DobPrecision.choices, blank=True, default=""
    )
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
    # A merged-away record stays (inactive) so every link and log line keeps pointing somewhere.
    is_active = models.BooleanField(_("actief"), default=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("samengevoegd in"),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["surname", "given_names"]
        indexes = [
            models.Index(fields=["surname_key", "date_of_birth"]),
            # Triage's exact lookup: same surname and first name (at the same postcode). With
            # the one above, each arm of its OR is an index range (a BitmapOr on PostgreSQL)
            # instead of every person of a common surname read and filtered.
            models.Index(fields=["surname_key", "given_key"], name="persons_surname_given_key"),
        ]

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
    def dob_text(self) -> str:
        """The date of birth as far as it is known."""
        if self.date_of_birth:
            d = self.date_of_birth
            if self.dob_precision == DobPrecision.YEAR:
                return str(d.year)
            if self.dob_precision == DobPrecision.MONTH:
                return f"{d.month:02d}-{d.year}"
            if self.dob_precision == DobPrecision.ESTIMATED:
                return str(_("ongeveer %(year)s") % {"year": d.year})
            return d.strftime("%d-%m-%Y")
        if self.estimated_birth_year:
            return str(_("ongeveer %(year)s") % {"year": self.estimated_birth_year})
        return ""

    @property
    def partner_name(self) -> str:
        return " ".join(p for p in [self.partner_prefix, self.partner_surname] if p)

    @property
    def name_in_use(self) -> str:
        """Own name with the partner name in use: "Jansen-de Vries"."""
        own = " ".join(p for p in [self.tussenvoegsel, self.surname] if p)
        return "-".join(p for p in [own, self.partner_name] if p)

    @property
    def address_line(self) -> str:
        street = " ".join(p for p in [self.street, self.house_number] if p)
        city = " ".join(p for p in [self.postcode, self.city] if p)
        return ", ".join(p for p in [street, city] if p)


class AliasKind(models.TextChoices):
    BIJNAAM = "bijnaam", _("bijnaam")
    ROEPNAAM = "roepnaam", _("roepnaam")
    SPELLING = "spelling", _("andere spelling")
    ALIAS = "alias", _("alias")


class PersonAlias(models.Model):
    """Another name the person is known by (a nickname, a spelling the police used)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="aliases", verbose_name=_("persoon"))
    kind = models.CharField(_("soort"), max_length=20, choices=AliasKind.choices, default=AliasKind.ALIAS)
    given_names = models.CharField(_("voornamen"), max_length=200, blank=True)
    prefix = models.CharField(_("tussenvoegsel"), max_length=30, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        verbose_name = _("andere naam")
        verbose_name_plural = _("andere namen")
        ordering = ["created_at", "id"]

    def __str__(self):
        return " ".join(p for p in [self.given_names, self.prefix, self.surname] if p)


class PersonAddress(models.Model):
    """An earlier (or other) address; the Person's own address fields are the current one."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="addresses", verbose_name=_("persoon"))
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    place_description = models.CharField(_("omschrijving verblijfplaats"), max_length=500, blank=True)
    valid_from = models.DateField(_("vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("tot"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        verbose_name = _("adres in de tijd")
        verbose_name_plural = _("adressen in de tijd")
        ordering = ["-valid_to", "-created_at", "-id"]

    def __str__(self):
        return self.address_line

    @property
    def address_line(self) -> str:
        street = " ".join(p for p in [self.street, self.house_number] if p)
        city = " ".join(p for p in [self.postcode, self.city] if p)
        return ", ".join(p for p in [street, city, self.place_description] if p)


class PersonMergeRecord(models.Model):
    """Two records turned out to be one person: who merged them, why, and what the
    removed record looked like (the removed Person stays, inactive, with merged_into set)."""

    kept = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="merges_kept", verbose_name=_("behouden persoon")
    )
    removed = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="merges_removed", verbose_name=_("opgeheven persoon")
    )
    snapshot = models.JSONField(_("gegevens opgeheven persoon"), default=dict)
    moved = models.JSONField(_("verplaatst"), default=dict)
    reason = models.TextField(_("reden"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door"))
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("samenvoeging personen")
        verbose_name_plural = _("samenvoegingen personen")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"samenvoeging {self.removed_id} -> {self.kept_id}"


class PersonSplitRecord(models.Model):
    """One record held two people: the chosen meldingen and casussen moved to a new person."""

    source = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="splits_from", verbose_name=_("oorspronkelijke persoon")
    )
    new_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="splits_to", verbose_name=_("nieuwe persoon")
    )
    melding_ids = models.JSONField(_("verplaatste meldingen"), default=list)
    casus_ids = models.JSONField(_("verplaatste casussen"), default=list)
    reason = models.TextField(_("reden"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door"))
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("splitsing persoon")
        verbose_name_plural = _("splitsingen personen")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"splitsing {self.source_id} -> {self.new_person_id}"


class DuplicateCandidate(models.Model):
    """A proposed pair of records that may be the same person, for review by a teamleider."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        MERGED = "merged", _("samengevoegd")
        DISMISSED = "dismissed", _("geen dubbele")

    person_a = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("persoon A"))
    person_b = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("persoon B"))
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("redenen"), default=dict)
    cluster = models.PositiveIntegerField(_("cluster"), default=0, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    decision_reason = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("mogelijke dubbele persoon")
        verbose_name_plural = _("mogelijke dubbele personen")
        ordering = ["cluster", "-score", "id"]
        constraints = [models.UniqueConstraint(fields=["person_a", "person_b"], name="persons_duplicate_pair_unique")]

    def __str__(self):
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.score:.2f})"
