"""In-app notifications: a short text and a link for one user.

Kept free of personal data on purpose (a reference and a deadline, no names):
the text is also what an e-mail may carry, and the list is not access-logged."""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """Every event someone must act on or wants to know about (issue 11).

    The label is the whole message next to a reference: it must never need a
    name or any other personal detail to be understood."""

    GENERAL = "algemeen", _("Bericht")
    CASUS_ROLE = "casus_rol", _("U bent toegevoegd aan een casus")
    CASUS_REGISSEUR_CHANGED = "casus_regisseur", _("De casusregisseur van een casus waarin u zit is gewijzigd")
    CASUS_PHASE_CHANGED = "casus_fase", _("De fase van een casus waarin u zit is gewijzigd")
    MELDING_ABOUT_CASUS = "melding_bij_casus", _("Nieuwe melding over de persoon van uw lopende casus")
    REFERRAL_RECEIVED = "verwijzing_ontvangen", _("Nieuwe verwijzing voor uw organisatie")
    REFERRAL_ANSWERED = "verwijzing_beantwoord", _("Uw verwijzing is beantwoord")
    REFERRAL_INTAKE = "verwijzing_intake", _("De intake van uw verwijzing heeft plaatsgevonden")
    FOLLOW_UP_DUE = "vinger_aan_de_pols", _("Een vinger-aan-de-polscontrole is nodig")
    REGIE_ACTION = "regie_actie", _("Een procesregie-actie is aan uw organisatie toegewezen")
    PARTNER_MELDING_STATUS = "partnermelding_status", _("De status van uw melding is gewijzigd")
    BREAK_GLASS = "noodtoegang", _("Noodtoegang tot gegevens van uw organisatie")
    WVGGZ = "wvggz", _("Wvggz-onderzoek")
    ACCOUNT = "account", _("Uw account")
    REFERRAL_WITHDRAWN = "verwijzing_ingetrokken", _("Een verwijzing aan uw organisatie is ingetrokken")
    ESCALATION = "procesregie_escalatie", _("Een casus is naar u geëscaleerd voor procesregie")


class Channel(models.TextChoices):
    """How a user wants to hear about one kind of event (NotificationPreference).
    Every notification is in the app; e-mail only adds to it."""

    APP = "app", _("Alleen in de app")
    EMAIL = "email", _("Ook direct per e-mail")
    DIGEST = "dagoverzicht", _("Ook in het dagoverzicht per e-mail")


def event_text(kind: str, reference: str) -> str:
    """The stored text of an event notification, always in Dutch (the list shows the
    reader's language from the kind; this text is what tells an event from a notice)."""
    with translation.override("nl"):
        label = str(EventKind(kind).label)
    return f"{label}: {reference}" if reference else label


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("soort"), max_length=30, choices=EventKind.choices, default=EventKind.GENERAL)
    # M-/C-/W-number or similar: identifies the record without naming the person.
    reference = models.CharField(_("kenmerk"), max_length=30, blank=True)
    text = models.CharField(_("tekst"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    # The user's choice for this kind when it was made: "dagoverzicht" ones wait for
    # the next digest (``digest`` stays empty until a digest included it).
    channel = models.CharField(_("kanaal"), max_length=15, choices=Channel.choices, default=Channel.APP)
    digest = models.ForeignKey(
        "NotificationDigest", on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["channel", "digest"])]

    def __str__(self) -> str:
        return self.text

    @property
    def label(self) -> str:
        """What the list shows, in the reader's language: the kind's label and the
        reference; the stored text only for the free-text kind (older notices)."""
        if self.kind == EventKind.GENERAL or self.kind not in EventKind.values:
            return self.text
        if self.text and self.text != event_text(self.kind, self.reference):
            return self.text  # a notice in its own words (a Wvggz deadline, break glass): keep them
        label = str(EventKind(self.kind).label)
        return f"{label}: {self.reference}" if self.reference else label


class NotificationPreference(models.Model):
    """One user's channel for one kind of event; no row means the default
    (vangnet.notifications.services.default_channel)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=EventKind.choices)
    channel = models.CharField(_("kanaal"), max_length=15, choices=Channel.choices)

    class Meta:
        verbose_name = _("notificatievoorkeur")
        verbose_name_plural = _("notificatievoorkeuren")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.channel}"


class NotificationDigest(models.Model):
    """The daily digest of one user on one day: at most one (the unique day makes
    a second run, or two at once, send nothing). The notifications it listed
    point to it (Notification.digest); ``mail`` is its delivery record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_digests")
    day = models.DateField(_("dag"))
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    mail = models.ForeignKey("OutgoingMail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("dagoverzicht")
        verbose_name_plural = _("dagoverzichten")
        ordering = ["-day", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="notification_digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"


class OutgoingMail(models.Model):
    """One e-mail to one address, sent by a background task with retries
    (vangnet.notifications.mail). The row is the delivery record shown next to
    what it belongs to: a status message to a melder, a Wvggz term reminder or
    a vinger-aan-de-polsreminder.

    ``last_error`` holds only the kind of failure (exception class, SMTP code),
    never the message text or the server's reply, which can quote addresses."""

    class Status(models.TextChoices):
        WACHT = "wacht", _("wacht op verzending")
        VERZONDEN = "verzonden", _("verzonden")
        MISLUKT = "mislukt", _("mislukt")

    class Kind(models.TextChoices):
        STATUSBERICHT = "statusbericht", _("statusbericht aan melder")
        WVGGZ_HERINNERING = "wvggz_herinnering", _("herinnering termijn Wvggz")
        VINGER_AAN_DE_POLS = "vinger_aan_de_pols", _("herinnering vinger aan de pols")
        NOTIFICATIE = "notificatie", _("notificatie per e-mail")
        DAGOVERZICHT = "dagoverzicht", _("dagoverzicht notificaties")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=300)
    body = models.TextField(_("tekst"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WACHT)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    last_error = models.CharField(_("laatste fout"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    status_message = models.ForeignKey(
        "network.StatusMessage", on_delete=models.CASCADE, null=True, blank=True, related_name="mails"
    )
    wvggz_reminder = models.ForeignKey(
        "wvggz.Reminder", on_delete=models.CASCADE, null=True, blank=True, related_name="mails"
    )
    follow_ups = models.ManyToManyField("network.FollowUp", blank=True, related_name="reminder_mails")
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, null=True, blank=True, related_name="mails"
    )

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}: {self.status}"
