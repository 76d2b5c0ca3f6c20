from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MELDPUNT = "meldpunt", _("Meldpuntmedewerker")
    BEMOEIZORGER = "bemoeizorger", _("Bemoeizorger")
    TEAMLEIDER = "teamleider", _("Teamleider")
    CONSULTANT = "consultant", _("Psychiater / consultant")
    PARTNER = "partner", _("Netwerkpartner")
    BEHEERDER = "beheerder", _("Functioneel beheerder")


class User(AbstractUser):
    """A person who logs in. Every user belongs to exactly one organisation and
    has one role; access to personal data is derived from both (see vangnet.access)."""

    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
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

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_staff_worker(self) -> bool:
        """Staff of the meldpunt or a care team (not partners or beheer)."""
        return self.role in {Role.MELDPUNT, Role.BEMOEIZORGER, Role.TEAMLEIDER, Role.CONSULTANT}
