"""The betrokkene's requests (verzoeken van betrokkenen, issue 16 part 5).

A person asks the organisation that holds his records to correct them (AVG art. 16), to
restrict their processing (art. 18), to see them (inzage, art. 15) or objects to their
processing (bezwaar, art. 21). The teamleider registers the request, handles it and
answers it within the legal term: one calendar month after receipt, extendable by two
more months with a reason the person is told (art. 12(3)). Every change of a request is
a history row (``VerzoekGebeurtenis``: who, when, what).

A granted restriction is in effect until it is lifted with a reason: while it is, the
person is marked restricted (``services.processing_restricted``).

The privacy officer sees the register of all requests: references, kinds, dates and
status, never the person or what was asked."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.core.concurrency import VersionedModel

MAX_TEXT = 2000
MAX_REASON = 1000


class Soort(models.TextChoices):
    CORRECTIE = "correctie", _("Correctie (art. 16 AVG)")
    BEPERKING = "beperking", _("Beperking van de verwerking (art. 18 AVG)")
    INZAGE = "inzage", _("Inzage (art. 15 AVG)")
    BEZWAAR = "bezwaar", _("Bezwaar (art. 21 AVG)")


class Ontvangstwijze(models.TextChoices):
    MONDELING = "mondeling", _("Mondeling")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk (brief)")
    EMAIL = "e-mail", _("E-mail")


class Status(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    TOEGEWEZEN = "toegewezen", _("Toegewezen / uitgevoerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


OPEN_STATUSES = (Status.ONTVANGEN, Status.IN_BEHANDELING)
DECIDED_STATUSES = (Status.TOEGEWEZEN, Status.AFGEWEZEN)


class Verzoek(VersionedModel):
    """One request of a person to the organisation that holds his records."""

    # SET_NULL: the register keeps the request (reference, kind, dates) when the person's
    # records are removed at the end of their retention term.
    person = models.ForeignKey(
        "persons.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="verzoeken",
        verbose_name=_("betrokkene"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    kind = models.CharField(_("soort verzoek"), max_length=20, choices=Soort.choices)
    received_on = models.DateField(_("ontvangen op"))
    channel = models.CharField(_("hoe ontvangen"), max_length=20, choices=Ontvangstwijze.choices)
    request_text = models.TextField(_("wat wordt gevraagd"), validators=[MaxLengthValidator(MAX_TEXT)])
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("geregistreerd op"))
    due_on = models.DateField(_("termijn tot en met"))
    extended_until = models.DateField(_("verlengd tot en met"), null=True, blank=True)
    extension_reason = models.TextField(
        _("reden van verlenging"), blank=True, validators=[MaxLengthValidator(MAX_REASON)]
    )
    extension_told_on = models.DateField(_("betrokkene geïnformeerd over verlenging op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ONTVANGEN)
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(_("antwoord of reden"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    correction_done = models.TextField(_("wat is gecorrigeerd"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)])
    restriction_lifted_on = models.DateField(_("beperking opgeheven op"), null=True, blank=True)
    restriction_lifted_reason = models.TextField(
        _("reden van opheffen"), blank=True, validators=[MaxLengthValidator(MAX_REASON)]
    )
    # The last day of the term the handler was reminded of (a week before it): once per term,
    # again after an extension.
    reminded_for = models.DateField(_("herinnerd voor termijn"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("verzoek van betrokkene")
        verbose_name_plural = _("verzoeken van betrokkenen")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="verzoek_org_status")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The request's reference on every page and in the register (never the person)."""
        return f"VZ-{self.pk:05d}" if self.pk else "VZ-nieuw"

    @property
    def term_ends_on(self) -> date:
        """The last day of the term: the extended one when the term was extended."""
        return self.extended_until or self.due_on

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        """Open after the last day of its term."""
        return self.is_open and today > self.term_ends_on

    @property
    def decided_late(self) -> bool:
        """Decided after the last day of its term (the register shows it)."""
        return self.decided_on is not None and self.decided_on > self.term_ends_on

    @property
    def restriction_active(self) -> bool:
        return self.kind == Soort.BEPERKING and self.status == Status.TOEGEWEZEN and self.restriction_lifted_on is None


class Gebeurtenis(models.TextChoices):
    GEREGISTREERD = "geregistreerd", _("Geregistreerd")
    IN_BEHANDELING = "in_behandeling", _("In behandeling genomen")
    VERLENGD = "verlengd", _("Termijn verlengd")
    TOEGEWEZEN = "toegewezen", _("Toegewezen / uitgevoerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    BEPERKING_OPGEHEVEN = "beperking_opgeheven", _("Beperking opgeheven")


class VerzoekGebeurtenis(models.Model):
    """One change of a request: who, when, what (the history; never changed or removed
    except with its request)."""

    verzoek = models.ForeignKey(Verzoek, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(_("tijdstip"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    event = models.CharField(_("wat"), max_length=30, choices=Gebeurtenis.choices)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("gebeurtenis van verzoek")
        verbose_name_plural = _("gebeurtenissen van verzoeken")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.verzoek} {self.event}"
