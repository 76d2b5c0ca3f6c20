"""What the home page remembers per user: when she last saw it, so the next
visit can show what is new since then (issue 11)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HomeVisit(models.Model):
    """The last time the user opened her home page (werkvoorraad or partner home)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="home_visit", verbose_name=_("gebruiker")
    )
    seen_at = models.DateTimeField(_("laatst bekeken op"))

    class Meta:
        verbose_name = _("bezoek startpagina")
        verbose_name_plural = _("bezoeken startpagina")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.seen_at:%Y-%m-%d %H:%M}"
