from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    """A person who logs in. Every user belongs to exactly one organisation and
    has one role; access to personal data is derived from both (see vangnet.access)."""

    # Blank only while a role with access to personal data waits for a second
    # beheerder's approval (see PendingAccountChange): no role, no data.
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("organisatie"),
        null=True,  # only superusers created from the command line lack one
        blank=True,
    )
    teams = models.ManyToManyField("organisations.Team", blank=True, related_name="members", verbose_name=_("teams"))
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    must_change_password = models.BooleanField(
        _("moet wachtwoord wijzigen"),
        default=False,
        help_text=_("Bij de volgende keer inloggen moet eerst een nieuw wachtwoord worden gekozen."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name"]

    def __str__(self):
        return self.get_full_name() or self.username


class PendingAccountChange(models.Model):
    """A change to an account that only takes effect once a second person (another
    beheerder or a superuser, never the requester nor the user concerned) approves
    it: a role with data access, a move to another organisation, removing 2FA."""

    class Kind(models.TextChoices):
        ROLE = "rol", _("Rol, organisatie, e-mail of rechten")
        DEVICE_REMOVAL = "2fa_verwijderen", _("Tweestapsverificatie verwijderen")

    class Status(models.TextChoices):
        PENDING = "wacht", _("Wacht op goedkeuring")
        APPROVED = "goedgekeurd", _("Goedgekeurd")
        REJECTED = "afgewezen", _("Afgewezen")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_changes", verbose_name=_("gebruiker")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    # {"role": "teamleider", "organisation": 3} or {"device_ids": [7]}
    changes = models.JSONField(_("wijzigingen"), default=dict)
    # What the account looked like when the change was asked, for the approver.
    previous = models.JSONField(_("vorige waarden"), default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="requested_account_changes",
        verbose_name=_("aangevraagd door"),
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decided_account_changes",
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("accountwijziging ter goedkeuring")
        verbose_name_plural = _("accountwijzigingen ter goedkeuring")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"


class LoginDelay(models.Model):
    """Failed logins per user name over all IP addresses, for the progressive delay.
    ``username_key`` is the user name for existing accounts and a keyed hash for
    anything else typed (see services.username_key)."""

    username_key = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    # No attempt for this user name is checked before this moment.
    delayed_until = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.username_key


class FormDraft(models.Model):
    """What a user had typed in a form that arrived after their session had
    expired, kept server-side until they log in again (see accounts.drafts and
    ADR 0009). Personal data: short-lived, deleted when used, never a password
    or CSRF token."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="form_drafts", verbose_name=_("gebruiker")
    )
    # The page the form was on (filled in again there) and the URL it posted to.
    page = models.CharField(_("pagina"), max_length=500)
    action = models.CharField(_("formulieradres"), max_length=500)
    # {"note": ["…"], "workers": ["3", "7"]}: every value of every field, as posted.
    fields = models.JSONField(_("velden"), default=dict)
    created_at = models.DateTimeField(_("bewaard op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"), db_index=True)

    class Meta:
        verbose_name = _("bewaard formulier")
        verbose_name_plural = _("bewaarde formulieren")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user}: {self.page}"
