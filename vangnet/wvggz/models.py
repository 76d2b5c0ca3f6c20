"""The Wvggz verkennend onderzoek (Wet verplichte ggz, art. 5:2 e.v.).

After a melding that someone may need compulsory mental-health care, the
municipality investigates within 14 calendar days and decides whether to ask
the officier van justitie to prepare a zorgmachtiging.

The questionnaire is versioned: an onderzoek answers the questions of the
version that was current when it started, and a published version is never
changed (a change makes a new version), so old answers keep their questions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_TEXT = 10_000


class PublishedVersionError(ValidationError):
    """A published questionnaire version is frozen."""


FROZEN_MESSAGE = _(
    "Deze versie van de vragenlijst is gepubliceerd en kan niet meer worden gewijzigd. "
    "Maak een nieuwe versie om vragen aan te passen."
)


class QuestionnaireVersion(models.Model):
    number = models.PositiveIntegerField(_("versienummer"), unique=True)
    title = models.CharField(_("titel"), max_length=200, default="Vragenlijst verkennend onderzoek Wvggz")
    note = models.TextField(_("wat is er veranderd"), blank=True, max_length=2000)
    published = models.BooleanField(_("gepubliceerd"), default=False, editable=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vragenlijstversie")
        verbose_name_plural = _("vragenlijstversies")
        ordering = ["-number"]

    def __str__(self):
        state = _("gepubliceerd") if self.published else _("concept")
        return f"{self.title} v{self.number} ({state})"

    def save(self, *args, **kwargs):
        # The only change allowed to a stored version is the publishing itself
        # (services.publish_version passes update_fields=["published", "published_at"]).
        if self._stored_published():
            raise PublishedVersionError(FROZEN_MESSAGE, code="published")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_published():
            raise PublishedVersionError(FROZEN_MESSAGE, code="published")
        return super().delete(*args, **kwargs)

    def _stored_published(self) -> bool:
        if self.pk is None:
            return False
        return bool(type(self).objects.filter(pk=self.pk).values_list("published", flat=True).first())

    def clean(self):
        if self._stored_published():
            raise PublishedVersionError(FROZEN_MESSAGE, code="published")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Open tekst")
    CHOICE = "choice", _("Eén keuze")
    MULTI = "multi", _("Meerdere keuzes")
    YES_NO_UNKNOWN = "ynu", _("Ja / nee / onbekend")
    SOURCES = "sources", _("Geraadpleegde bronnen")
    PROFESSIONAL = "professional", _("Oordeel GGZ-professional")


class Question(models.Model):
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(
        _("sleutel"), max_length=60, help_text=_("Vaste naam van de vraag, gelijk over versies heen.")
    )
    text = models.CharField(_("vraag"), max_length=300)
    help = models.TextField(_("toelichting"), blank=True, max_length=1000)
    kind = models.CharField(_("soort"), max_length=20, choices=QuestionKind.choices)
    choices = models.JSONField(
        _("keuzes"),
        default=list,
        blank=True,
        help_text=_('Lijst van [code, tekst]-paren, bijvoorbeeld [["levensgevaar", "Levensgevaar"]].'),
    )
    required = models.BooleanField(_("verplicht"), default=False)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["version", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="wvggz_question_key_per_version")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        if self._frozen():
            raise PublishedVersionError(FROZEN_MESSAGE, code="published")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._frozen():
            raise PublishedVersionError(FROZEN_MESSAGE, code="published")
        return super().delete(*args, **kwargs)

    def _frozen(self) -> bool:
        version_id = self.version_id
        if self.pk is not None:
            # Moving a question out of a published version is a change too.
            stored = type(self).objects.filter(pk=self.pk).values_list("version_id", flat=True).first()
            if stored and QuestionnaireVersion.objects.filter(pk=stored, published=True).exists():
                return True
        return bool(version_id) and QuestionnaireVersion.objects.filter(pk=version_id, published=True).exists()

    def choice_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for item in self.choices or []:
            if isinstance(item, (list, tuple)) and len(item) == 2:
                pairs.append((str(item[0]), str(item[1])))
            elif isinstance(item, str):
                pairs.append((item, item))
        return pairs

    def clean(self):
        if self._frozen():
            raise PublishedVersionError(FROZEN_MESSAGE, code="published")
        if self.kind in (QuestionKind.CHOICE, QuestionKind.MULTI) and not self.choice_pairs():
            raise ValidationError({"choices": _("Een keuzevraag heeft ten minste één keuze nodig.")})


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")


class Outcome(models.TextChoices):
    AANVRAAG = "aanvraag", _("Aanvraag bij de officier van justitie")
    GEEN_AANVRAAG = "geen_aanvraag", _("Geen aanvraag")


class Alternative(models.TextChoices):
    BEMOEIZORG_CASUS = "bemoeizorg_casus", _("Bemoeizorg gestart (casus)")
    DOORVERWIJZING = "doorverwijzing", _("Doorverwezen naar (vrijwillige) zorg")
    GEEN_ACTIE = "geen_actie", _("Geen verdere actie")


class MelderInformedHow(models.TextChoices):
    BRIEF = "brief", _("Brief")
    EMAIL = "email", _("E-mail")
    TELEFOON = "telefoon", _("Telefoon")
    NIET_ANONIEM = "niet_anoniem", _("Niet geïnformeerd: melder anoniem of onbereikbaar")
    NIET_GEWENST = "niet_gewenst", _("Niet geïnformeerd: melder wil geen terugkoppeling")


NOT_INFORMED = (MelderInformedHow.NIET_ANONIEM, MelderInformedHow.NIET_GEWENST)


class Onderzoek(VersionedModel):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    melding = models.OneToOneField("intake.Melding", on_delete=models.PROTECT, related_name="wvggz_onderzoek")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="onderzoeken", verbose_name=_("vragenlijst")
    )
    started_at = models.DateTimeField(_("gestart op"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField(_("uiterste datum"), help_text=_("Meldingsdatum plus 14 kalenderdagen."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="OnderzoekWorker",
        related_name="wvggz_onderzoeken",
        verbose_name=_("onderzoekers"),
    )

    # --- the decision
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    alternative = models.CharField(_("alternatief"), max_length=20, choices=Alternative.choices, blank=True)
    referred_to = models.CharField(_("verwezen naar"), max_length=300, blank=True)
    reason = models.TextField(_("reden"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("casus")
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    request_sent_at = models.DateTimeField(_("aanvraag verzonden op"), null=True, blank=True)

    # --- the melder
    melder_informed_at = models.DateTimeField(_("melder geïnformeerd op"), null=True, blank=True)
    melder_informed_how = models.CharField(
        _("hoe geïnformeerd"), max_length=20, choices=MelderInformedHow.choices, blank=True
    )
    melder_message = models.TextField(_("bericht aan melder (zoals verzonden)"), blank=True)
    melder_informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verkennend onderzoek")
        verbose_name_plural = _("verkennende onderzoeken")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["organisation", "status", "deadline"])]
        # Absolute within the row; the dates typed later are checked by day in services.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_at__isnull=True) | models.Q(decided_at__gte=models.F("started_at")),
                name="wvggz_decision_not_before_start",
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def person(self):
        return self.melding.person

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def lead(self):
        row = next((w for w in self.worker_rows.all() if w.role == OnderzoekWorker.Role.LEAD), None)
        return row.user if row else None


class OnderzoekWorker(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Hoofdonderzoeker")
        WORKER = "worker", _("Onderzoeker")

    onderzoek = models.ForeignKey(Onderzoek, on_delete=models.CASCADE, related_name="worker_rows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.WORKER)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("onderzoeker")
        verbose_name_plural = _("onderzoekers")
        constraints = [models.UniqueConstraint(fields=["onderzoek", "user"], name="wvggz_worker_once")]

    def __str__(self):
        return f"{self.onderzoek_id}: {self.user_id} ({self.role})"


class Answer(models.Model):
    """One answer, always against a question of the onderzoek's own version."""

    onderzoek = models.ForeignKey(Onderzoek, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(_("antwoord"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [models.UniqueConstraint(fields=["onderzoek", "question"], name="wvggz_answer_once")]

    def __str__(self):
        return f"{self.onderzoek_id}: {self.question_id}"

    def clean(self):
        if self.question.version_id != self.onderzoek.questionnaire_id:
            raise ValidationError(_("Deze vraag hoort niet bij de vragenlijst van dit onderzoek."))


class Reminder(models.Model):
    """A deadline reminder that was sent: one row per onderzoek and milestone,
    so running the reminder task twice never reminds twice."""

    class Kind(models.TextChoices):
        DAY_7 = "dag7", _("Dag 7")
        DAY_12 = "dag12", _("Dag 12")

    onderzoek = models.ForeignKey(Onderzoek, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [models.UniqueConstraint(fields=["onderzoek", "kind"], name="wvggz_reminder_once")]

    def __str__(self):
        return f"{self.onderzoek_id}: {self.kind}"
