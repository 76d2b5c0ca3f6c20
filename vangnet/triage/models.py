from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class YesNoUnknown(models.TextChoices):
    JA = "ja", _("Ja")
    NEE = "nee", _("Nee")
    ONBEKEND = "onbekend", _("Onbekend")


class Outcome(models.TextChoices):
    GEEN_ACTIE = "geen_actie", _("Geen actie")
    ADVIES = "advies", _("Advies aan melder")
    DOORVERWIJZEN = "doorverwijzen", _("Doorverwijzen naar reguliere zorg")
    BEMOEIZORG = "bemoeizorg", _("Bemoeizorg starten")
    WVGGZ = "wvggz", _("Wvggz verkennend onderzoek")
    CRISISDIENST = "crisisdienst", _("Doorgezet naar crisisdienst")


class TriageDecision(models.Model):
    """The meldpunt's decision on one melding, with the risk questions answered."""

    melding = models.OneToOneField("intake.Melding", on_delete=models.PROTECT, related_name="triage")
    acute_danger = models.CharField(_("acuut gevaar?"), max_length=10, choices=YesNoUnknown.choices)
    already_in_care = models.CharField(_("al in zorg?"), max_length=10, choices=YesNoUnknown.choices)
    already_in_care_detail = models.CharField(_("bij wie in zorg"), max_length=300, blank=True)
    known_to_partners = models.CharField(_("bekend bij partners?"), max_length=10, choices=YesNoUnknown.choices)
    known_to_partners_detail = models.CharField(_("bij welke partners"), max_length=300, blank=True)
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("toelichting / reden"), blank=True, max_length=5000)
    referred_to = models.CharField(_("verwezen naar"), max_length=300, blank=True)
    # issue 15 part 4: with the outcome "crisisdienst", which crisis service and when it was called
    # (empty on decisions made before these fields existed, and on the other outcomes).
    crisis_service = models.CharField(_("welke crisisdienst"), max_length=200, blank=True)
    crisis_called_at = models.DateTimeField(_("crisisdienst ingeschakeld op"), null=True, blank=True)
    casus = models.ForeignKey("cases.Casus", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("besloten op"))

    class Meta:
        verbose_name = _("triagebesluit")
        verbose_name_plural = _("triagebesluiten")
        # The monitor's decisions in a period, per outcome and with their melding, from the index.
        indexes = [
            models.Index(fields=["decided_at", "outcome", "melding"], name="triage_decided_at"),
            # A casus' urgency (worklists.services.casus_urgency) asks per casus "acuut gevaar: ja
            # on it or on one of its meldingen?": a probe of these small indexes instead of reading
            # every decision of the casus (a worker's 1,350 open casussen sorted by urgency for the
            # bemoeizorger home page: 140 -> 55 ms at region size).
            models.Index(fields=["casus"], condition=models.Q(acute_danger=YesNoUnknown.JA), name="triage_acute_casus"),
            models.Index(
                fields=["melding"], condition=models.Q(acute_danger=YesNoUnknown.JA), name="triage_acute_melding"
            ),
            # The Wvggz figures' "triaged as Wvggz" branch (wvggz.services.figures).
            models.Index(fields=["melding"], condition=models.Q(outcome=Outcome.WVGGZ), name="triage_wvggz_melding"),
        ]

    def __str__(self):
        return f"{self.melding}: {self.get_outcome_display()}"
