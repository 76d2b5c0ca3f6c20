"""The bemoeizorgtraject (casus): phases, members and contact attempts.

Derived facts (date of first real contact, attempts before it) are computed
from the attempts, never stored, so they cannot drift. One exception, for the
first-attempt norm at scale: ``Casus.has_contact_attempt``, rewritten from the
attempts by ``cases.services.refresh_has_contact_attempt`` whenever one is
recorded or voided (tests/cases/test_has_contact_attempt.py checks every path).

Contact attempts and notes are never deleted: a correction keeps the earlier
values in a revision row, and a voided ("vervallen verklaard") record stays on
the timeline but no longer counts (``ContactAttempt.objects.counting()``)."""

from datetime import UTC, datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_NOTE = 5000


class Phase(models.TextChoices):
    CONTACT_LEGGEN = "contact_leggen", _("Contact leggen")
    VERKENNEN = "verkennen", _("Verkennen")
    TOELEIDING = "toeleiding", _("Toeleiding")
    OVERDRACHT = "overdracht", _("Overdracht")
    NAZORG = "nazorg", _("Nazorg (vinger aan de pols)")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    UIT_BEELD = "uit_beeld", _("Uit beeld")
    LANGDURIG = "langdurig", _("Langdurige bemoeizorg")


class Uitkomst(models.TextChoices):
    """How a bemoeizorgtraject ended, recorded on the phase change that closed it."""

    TOEGELEID = "toegeleid", _("Toegeleid naar zorg/ondersteuning")
    WARME_OVERDRACHT = "warme_overdracht", _("Warme overdracht gelukt")
    UIT_BEELD = "uit_beeld", _("Uit beeld")
    WEIGERT_HULP = "weigert_hulp", _("Weigert hulp blijvend")
    VERHUISD = "verhuisd", _("Verhuisd buiten de regio")
    OPGENOMEN = "opgenomen", _("Opgenomen")
    DETENTIE = "detentie", _("Detentie")
    OVERLEDEN = "overleden", _("Overleden")
    ANDERS = "anders", _("Anders")
    # Only for closings from before the uitkomst was recorded (data migration).
    ONBEKEND = "onbekend", _("Onbekend")


class Intensity(models.TextChoices):
    """How often the team means to have real contact (issue 15, part 3): the FACT-bord's
    steps, from daily visits when someone slips away to keeping a finger on the pulse."""

    DAGELIJKS = "dagelijks", _("Dagelijks")
    MEERMAALS_PER_WEEK = "meermaals_per_week", _("Meermaals per week")
    WEKELIJKS = "wekelijks", _("Wekelijks")
    MAANDELIJKS = "maandelijks", _("Maandelijks")
    VINGER_AAN_DE_POLS = "vinger_aan_de_pols", _("Vinger aan de pols")


# The expected contact rhythm: at most this many days between two real contacts.
RHYTHM_DAYS: dict[str, int] = {
    Intensity.DAGELIJKS: 1,
    Intensity.MEERMAALS_PER_WEEK: 3,
    Intensity.WEKELIJKS: 7,
    Intensity.MAANDELIJKS: 31,
    Intensity.VINGER_AAN_DE_POLS: 91,
}
# From most to least intensive: a move to a lower index is "opschalen".
INTENSITY_ORDER = [str(i) for i in Intensity]


def is_step_up(from_intensity: str, to_intensity: str) -> bool:
    """Opschalen: to a more intensive rhythm (fewer days between contacts)."""
    return RHYTHM_DAYS[to_intensity] < RHYTHM_DAYS[from_intensity]


# What a worker can choose when closing; "onbekend" is not a choice.
CHOOSABLE_OUTCOMES = [value for value in Uitkomst.values if value != Uitkomst.ONBEKEND]
# Counted as "led to care or support" (Roeg et al. 2012).
TOEGELEID_OUTCOMES = [Uitkomst.TOEGELEID, Uitkomst.WARME_OVERDRACHT]


class Casus(VersionedModel):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    person = models.ForeignKey(
        "persons.Person", on_delete=models.PROTECT, related_name="casussen", verbose_name=_("persoon")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="casussen", verbose_name=_("organisatie")
    )
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("team")
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.CONTACT_LEGGEN)
    casusregisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="regie_casussen",
        verbose_name=_("casusregisseur"),
    )
    opened_at = models.DateTimeField(_("gestart op"))
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    # The expected contact rhythm (RHYTHM_DAYS); changed only through cases.intensity.change_intensity.
    intensity = models.CharField(
        _("intensiteit"), max_length=20, choices=Intensity.choices, default=Intensity.WEKELIJKS
    )
    # Whether the casus has a counting (not voided) contact attempt. Stored, so "te laat"
    # (open, no attempt, past the norm) reads a small index instead of probing the attempts
    # of every open casus (an anti-join over 14,000 casussen at region size). Written only
    # by cases.services.refresh_has_contact_attempt, on every path that records or voids one.
    has_contact_attempt = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["opened_at"], name="casus_opened_at"),
            # The first-attempt norm: an organisation's open casussen without any attempt, by
            # opened_at (worklists "te laat", the casussen list's "te laat"). Partial: only the
            # few casussen still waiting for a first attempt are in it.
            models.Index(
                fields=["organisation", "opened_at"],
                condition=Q(has_contact_attempt=False) & ~Q(phase=Phase.AFGESLOTEN),
                name="casus_waiting_first_attempt",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.AFGESLOTEN

    def closing(self) -> "PhaseChange | None":
        """The phase change that closed the casus (with its uitkomst), while it is closed."""
        if self.is_open:
            return None
        return (
            self.phase_changes.filter(to_phase=Phase.AFGESLOTEN)
            .select_related("outcome_partner")
            .order_by("-changed_at", "-id")
            .first()
        )


class CaseMember(models.Model):
    class Role(models.TextChoices):
        REGISSEUR = "regisseur", _("Casusregisseur")
        DUO = "duo", _("Duo-partner")
        CONSULTANT = "consultant", _("Consultant")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_memberships")
    role = models.CharField(_("rol in casus"), max_length=20, choices=Role.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("casuslid")
        verbose_name_plural = _("casusleden")
        constraints = [models.UniqueConstraint(fields=["casus", "user"], name="casemember_unique")]
        # The visibility subquery "casussen the user is a member of" (access/policies):
        # an index-only scan of the user's own rows (issue 17).
        indexes = [models.Index(fields=["user", "casus"], name="casemember_user_casus")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class PhaseChange(models.Model):
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("van fase"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("naar fase"), max_length=20, choices=Phase.choices)
    reason = models.TextField(_("reden"), blank=True, validators=[MaxLengthValidator(MAX_NOTE)])
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("gewijzigd op"))
    # Only on a row that closes the casus: reopening adds a row, so earlier outcomes stay.
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices, blank=True)
    outcome_text = models.CharField(_("toelichting uitkomst"), max_length=200, blank=True)
    outcome_partner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontvangende partner"),
    )

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [
            models.Index(fields=["to_phase", "changed_at"], name="phasechange_to_phase_at"),
            # Reopenings in a period (the monitor): from_phase = afgesloten by changed_at.
            models.Index(fields=["from_phase", "changed_at"], name="phasechange_from_phase_at"),
            # A casus's phase at a moment: its latest change before it, in index order, from the index.
            models.Index(fields=["casus", "changed_at", "id", "to_phase"], name="phasechange_casus_at"),
        ]

    def __str__(self):
        return f"{self.get_from_phase_display() or '-'} -> {self.get_to_phase_display()}"


class IntensityChange(models.Model):
    """One change of a casus' intensity, with who, when and why (issue 15, part 3).
    Never edited: a later change adds a row; the timeline shows each."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="intensity_changes")
    from_intensity = models.CharField(_("van intensiteit"), max_length=20, choices=Intensity.choices)
    to_intensity = models.CharField(_("naar intensiteit"), max_length=20, choices=Intensity.choices)
    reason = models.TextField(_("reden"), validators=[MaxLengthValidator(MAX_NOTE)])
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("gewijzigd op"))

    class Meta:
        verbose_name = _("wijziging van de intensiteit")
        verbose_name_plural = _("wijzigingen van de intensiteit")
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["casus", "changed_at"], name="intensitychange_casus_at")]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="intensitychange_reason_not_empty"),
            models.CheckConstraint(
                condition=~Q(from_intensity=models.F("to_intensity")), name="intensitychange_differs"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_intensity_display()} -> {self.get_to_intensity_display()}"

    @property
    def is_step_up(self) -> bool:
        return is_step_up(self.from_intensity, self.to_intensity)


class AttemptType(models.TextChoices):
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    TELEFOON = "telefoon", _("Telefoon")
    BRIEFJE = "briefje", _("Briefje / kaartje")
    STRAAT = "straat", _("Straat / vindplek")
    NETWERK = "netwerk", _("Via netwerk")


class AttemptResult(models.TextChoices):
    GEEN_GEHOOR = "geen_gehoor", _("Geen gehoor")
    GEWEIGERD = "geweigerd", _("Geweigerd")
    KORT_CONTACT = "kort_contact", _("Kort contact")
    GESPREK = "gesprek", _("Gesprek")


# Results that count as real contact (engagement).
CONTACT_RESULTS = (AttemptResult.KORT_CONTACT, AttemptResult.GESPREK)


# No attempt to reach a living person can lie before this moment (the earliest
# birth date the register accepts, core.plausible.EARLIEST_BIRTH): a database check.
EARLIEST_ATTEMPT = datetime(1900, 1, 1, tzinfo=UTC)


class ContactAttemptQuerySet(models.QuerySet):
    def counting(self) -> "ContactAttemptQuerySet":
        """The attempts that count for figures and norms: not voided."""
        return self.filter(voided_at__isnull=True)


class ContactAttempt(VersionedModel):
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(_("wanneer"))
    type = models.CharField(_("soort"), max_length=20, choices=AttemptType.choices)
    result = models.CharField(_("resultaat"), max_length=20, choices=AttemptResult.choices)
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="contact_attempts", verbose_name=_("wie gingen")
    )
    with_police = models.BooleanField(_("met politie"), default=False)
    note = models.TextField(_("notitie"), blank=True, validators=[MaxLengthValidator(MAX_NOTE)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the attempt is voided; who and why are on its revision row.
    voided_at = models.DateTimeField(_("vervallen verklaard op"), null=True, blank=True)

    objects = ContactAttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("contactpoging")
        verbose_name_plural = _("contactpogingen")
        ordering = ["at", "id"]
        constraints = [models.CheckConstraint(condition=Q(at__gte=EARLIEST_ATTEMPT), name="attempt_not_before_1900")]
        # Per casus: "has it a counting attempt?", "attempts this week", "real contact in
        # the last 14 days" are asked for thousands of casussen per worklist (norms, te laat,
        # teambelasting) and answered from this index alone, without reading attempt rows
        # (bench/worklists at 20,000 casussen: te laat 200 -> 55 ms, teambelasting 187 -> 136 ms).
        indexes = [
            models.Index(fields=["casus", "voided_at", "at", "result"], name="attempt_counting"),
            # The counting attempts of a casus in time order (voided_at IS NULL is no equality for
            # the order of the index above): the monitor's first attempt / first contact per casus
            # is one probe of this index instead of sorting the casus's attempts.
            models.Index(
                fields=["casus", "at", "result"], condition=Q(voided_at__isnull=True), name="attempt_counting_at"
            ),
            # The counting real contacts (kort contact, gesprek) of a casus in time order: the
            # contact board's last contact and teambelasting's "no contact in 14 days" are one
            # probe per open casus that reads only contacts (region size: the teamleider home
            # page's figures 590 -> 195 ms, a probe's estimate low enough that JIT stays off).
            models.Index(
                fields=["casus", "at"],
                condition=Q(voided_at__isnull=True, result__in=CONTACT_RESULTS),
                name="attempt_contact_at",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()}: {self.get_result_display()}"

    @property
    def is_contact(self) -> bool:
        return self.result in CONTACT_RESULTS


class CaseNote(VersionedModel):
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("notitie"), validators=[MaxLengthValidator(MAX_NOTE)])
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField(_("vervallen verklaard op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:50]


# --- corrections (issue 12) ----------------------------------------------------


class RevisionAction(models.TextChoices):
    CORRECTED = "gecorrigeerd", _("gecorrigeerd")
    VOIDED = "vervallen", _("vervallen verklaard")


class Revision(models.Model):
    """One correction or voiding of a record: who, when, why, and the values the
    record had just before (the record itself always holds the current values).

    One concrete table per kind of record rather than one generic table with a
    JSON blob: the earlier values keep their own typed columns (choices, the
    workers as a relation), so the history reads like the record and a check
    constraint can hold on every column. The shared columns live here."""

    action = models.CharField(_("wijziging"), max_length=20, choices=RevisionAction.choices)
    reason = models.TextField(_("reden"), validators=[MaxLengthValidator(MAX_NOTE)])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("op"))

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    @property
    def is_void(self) -> bool:
        return self.action == RevisionAction.VOIDED


def _revision_checks(prefix: str) -> list[models.BaseConstraint]:
    # A correction without a reason is never on record; the action is one of the two.
    return [
        models.CheckConstraint(condition=~Q(reason=""), name=f"{prefix}_reason_not_empty"),
        models.CheckConstraint(condition=Q(action__in=RevisionAction.values), name=f"{prefix}_action_known"),
    ]


class ContactAttemptRevision(Revision):
    attempt = models.ForeignKey(ContactAttempt, on_delete=models.CASCADE, related_name="revisions")
    # The earlier values.
    was_at = models.DateTimeField(_("wanneer (was)"))
    was_type = models.CharField(_("soort (was)"), max_length=20, choices=AttemptType.choices)
    was_result = models.CharField(_("resultaat (was)"), max_length=20, choices=AttemptResult.choices)
    was_workers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("wie gingen (was)"))
    was_with_police = models.BooleanField(_("met politie (was)"))
    was_note = models.TextField(_("notitie (was)"), blank=True)

    class Meta(Revision.Meta):
        verbose_name = _("correctie van een contactpoging")
        verbose_name_plural = _("correcties van contactpogingen")
        constraints = _revision_checks("attemptrevision")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.attempt_id}"


class CaseNoteRevision(Revision):
    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="revisions")
    was_text = models.TextField(_("notitie (was)"))

    class Meta(Revision.Meta):
        verbose_name = _("correctie van een notitie")
        verbose_name_plural = _("correcties van notities")
        constraints = _revision_checks("noterevision")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.note_id}"
