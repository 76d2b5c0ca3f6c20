from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BREAK_GLASS_DURATION = timedelta(hours=4)


class BreakGlassGrant(models.Model):
    """Emergency access ("break the glass") of a meldpunt worker to one person
    outside their normal involvement. Always with a reason, time-limited, and
    every access under it is flagged in the access log."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants")
    person = models.ForeignKey("persons.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reden"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # The teamleider of the user's organisation reviews every grant afterwards.
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"noodtoegang {self.pk} (gebruiker {self.user_id}, persoon {self.person_id})"

    def save(self, *args, **kwargs):
        if not self.expires_at:
            self.expires_at = self.created_at + BREAK_GLASS_DURATION
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()


class RefusalAlert(models.Model):
    """A burst of refused accesses by one user that her teamleider(s) were told
    about; at most one per user per burst window."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    refusals = models.PositiveIntegerField(_("aantal weigeringen"))

    class Meta:
        verbose_name = _("melding van veel weigeringen")
        verbose_name_plural = _("meldingen van veel weigeringen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"weigeringen gebruiker {self.user_id} ({self.refusals})"
