"""The network around a casus: the sociale kaart (partner services), referrals
with a warm handover, the follow-up checks after it (vinger aan de pols) and
the minimal status messages to melders.

A referral shares only the parts the worker chose, on a stated legal ground;
the partner sees nothing else of the casus (see policies.py)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel
from vangnet.grondslagen.catalogue import Ground

MAX_TEXT = 3000


class ServiceType(models.TextChoices):
    WIJKTEAM = "wijkteam", _("Wijkteam")
    GGZ = "ggz", _("GGZ / FACT")
    VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
    OPVANG = "opvang", _("Maatschappelijke opvang")
    BESCHERMD_WONEN = "beschermd_wonen", _("Beschermd wonen")
    VG = "vg", _("VG-zorg (verstandelijke beperking)")
    OUDERENZORG = "ouderenzorg", _("Ouderenzorg")
    SCHULDHULP = "schuldhulp", _("Schuldhulpverlening")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    WONEN = "wonen", _("Wonen / woningcorporatie")
    HUISARTS = "huisarts", _("Huisarts / POH-GGZ")
    ANDERS = "anders", _("Anders")


class Service(VersionedModel):
    """A voorziening on the sociale kaart: what a partner offers, for whom, and
    how long the wait is. Not personal data: every worker may read it."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="services", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam voorziening"), max_length=200)
    type = models.CharField(_("soort"), max_length=30, choices=ServiceType.choices)
    description = models.TextField(_("omschrijving"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    intake_criteria = models.TextField(_("intakecriteria"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    exclusion_criteria = models.TextField(
        _("uitsluitingscriteria"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)]
    )
    phone = models.CharField(_("telefoon aanmelding"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail aanmelding"), blank=True)
    waiting_weeks = models.PositiveSmallIntegerField(
        _("wachttijd in weken"), null=True, blank=True, validators=[MaxValueValidator(260)]
    )
    capacity_note = models.CharField(_("capaciteit nu"), max_length=300, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bijgewerkt door"),
    )

    class Meta:
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen (sociale kaart)")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="service_unique_name")]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class ServiceContact(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam"), max_length=200)
    function = models.CharField(_("functie"), max_length=200, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class SharedPart(models.TextChoices):
    PERSONALIA = "personalia", _("Personalia (naam, geboortedatum)")
    CONTACT = "contact", _("Contactgegevens (adres, verblijfplaats, telefoon)")
    SITUATIE = "situatie", _("Korte situatieschets")
    HULPVRAAG = "hulpvraag", _("Hulpvraag")
    RISICO = "risico", _("Risico's en veiligheid")
    # issue 15: the latest life-domain picture when the referral is proposed (vangnet.leefgebieden).
    LEEFGEBIEDEN = "leefgebieden", _("Leefgebieden (het laatste beeld)")
    # issue 15 part 4: the crisis card as it is when the referral is proposed (vangnet.crisis).
    CRISISKAART = "crisiskaart", _("Crisiskaart (zoals die nu is)")


# The legal grounds of the catalogue of tasks and grounds (issue 16 part 1, vangnet.grondslagen):
# one list; the referral form offers only those that fit the casus' task.
LegalGround = Ground


class RefusalReason(models.TextChoices):
    EXCLUSION = "uitsluiting", _("Uitsluitingscriterium")
    NO_CAPACITY = "geen_plek", _("Geen capaciteit")
    NOT_TARGET = "doelgroep", _("Niet onze doelgroep")
    CLIENT_REFUSED = "client_weigert", _("Cliënt weigert")
    OTHER = "anders", _("Anders")


class Referral(VersionedModel):
    """A verwijzing from a casus to a partner's voorziening, up to the warm handover."""

    class Status(models.TextChoices):
        PROPOSED = "voorgesteld", _("Voorgesteld")
        ACCEPTED = "geaccepteerd", _("Geaccepteerd")
        REFUSED = "geweigerd", _("Geweigerd")
        INTAKE_DONE = "intake_gedaan", _("Intake gedaan")
        IN_CARE = "in_zorg", _("In zorg")
        WITHDRAWN = "ingetrokken", _("Ingetrokken")

    casus = models.ForeignKey(
        "cases.Casus", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("casus")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("voorziening")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)

    # --- what is shared, and why
    shared_parts = models.JSONField(_("gedeelde onderdelen"), default=list)
    legal_ground = models.CharField(_("grondslag"), max_length=20, choices=LegalGround.choices)
    legal_ground_text = models.CharField(_("toelichting grondslag"), max_length=500)
    situation = models.TextField(_("korte situatieschets"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    help_question = models.TextField(_("hulpvraag"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    risks = models.TextField(_("risico's en veiligheid"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])

    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("voorgesteld op"))

    # --- the partner's answer
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    intake_date = models.DateField(_("intakedatum"), null=True, blank=True)
    refused_at = models.DateTimeField(_("geweigerd op"), null=True, blank=True)
    refusal_reason = models.CharField(_("reden weigering"), max_length=20, choices=RefusalReason.choices, blank=True)
    refusal_text = models.TextField(_("toelichting weigering"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])

    # --- the handover, recorded by the bemoeizorger
    intake_on = models.DateField(_("intake gehouden op"), null=True, blank=True)
    warm = models.BooleanField(_("warme overdracht (bemoeizorger ging mee)"), null=True, blank=True)
    in_care_on = models.DateField(_("in zorg sinds"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reden intrekken"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["service", "status"])]
        # The absolute order within one referral (the services also check the dates
        # against today and the proposal's day, which a CHECK cannot).
        constraints = [
            models.CheckConstraint(
                condition=Q(in_care_on__isnull=True) | Q(intake_on__isnull=True) | Q(in_care_on__gte=F("intake_on")),
                name="referral_in_care_not_before_intake",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{moment}__isnull": True}) | Q(**{f"{moment}__gte": F("proposed_at")}),
                    name=f"referral_{moment}_not_before_proposal",
                )
                for moment in ("accepted_at", "refused_at", "withdrawn_at")
            ),
        ]

    def __str__(self):
        return f"{self.casus} → {self.service}"

    @property
    def organisation(self):
        return self.service.organisation

    @property
    def shared_with_partner(self) -> bool:
        """After a refusal or withdrawal the partner has no need to know any more:
        they keep seeing the referral's status, not the shared content."""
        return self.status not in (self.Status.REFUSED, self.Status.WITHDRAWN)

    def shares(self, part: str) -> bool:
        return part in self.shared_parts

    def get_shared_labels(self) -> list[str]:
        labels = dict(SharedPart.choices)
        return [str(labels[p]) for p in SharedPart.values if p in self.shared_parts]


class FollowUp(models.Model):
    """A vinger-aan-de-pols check after the handover: is the person still in care?"""

    class Answer(models.TextChoices):
        JA = "ja", _("Ja, nog in zorg")
        NEE = "nee", _("Nee, niet meer in zorg")
        ONBEKEND = "onbekend", _("Onbekend")

    class Decision(models.TextChoices):
        REOPEN = "heropend", _("Casus heropend")
        CLOSE = "afgesloten", _("Casus afgesloten")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="follow_ups")
    key = models.CharField(_("moment"), max_length=10)
    due_date = models.DateField(_("gepland op"))
    answer = models.CharField(_("nog in zorg?"), max_length=10, choices=Answer.choices, blank=True)
    note = models.TextField(_("toelichting"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    checked_on = models.DateField(_("nagevraagd op"), null=True, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(_("besluit"), max_length=12, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vinger aan de pols")
        verbose_name_plural = _("vinger aan de pols")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "key"], name="followup_unique_key"),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True)
                | Q(answered_at__isnull=True)
                | Q(decided_at__gte=F("answered_at")),
                name="followup_decision_not_before_answer",
            ),
        ]

    def __str__(self):
        return f"{self.referral} @ {self.due_date}"

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)

    @property
    def is_due(self) -> bool:
        from django.utils import timezone

        return not self.answer and self.due_date <= timezone.localdate()

    @property
    def needs_decision(self) -> bool:
        return self.answer == self.Answer.NEE and not self.decision


class StatusMessage(models.Model):
    """A minimal status message to the melder: a fixed template, never casus content."""

    class Template(models.TextChoices):
        RECEIVED = "ontvangen", _("Ontvangen")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        CONTACT_GELEGD = "contact_gelegd", _("Contact gelegd en hulp ingezet")
        AFGEROND = "afgerond", _("Afgerond")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PORTAL = "portaal", _("Partnerportaal")

    melding = models.ForeignKey("intake.Melding", on_delete=models.CASCADE, related_name="status_messages")
    template = models.CharField(_("bericht"), max_length=20, choices=Template.choices)
    text = models.TextField(_("verzonden tekst"))
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("ontvanger"), max_length=254, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("statusbericht")
        verbose_name_plural = _("statusberichten")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.melding} {self.template}"
