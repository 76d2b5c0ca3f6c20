"""The public melding form (issue 18): what a resident keeps after sending a melding.

The melding itself is an ordinary ``intake.Melding`` (channel "webformulier"); this
app only adds the resident's receipt: the hash of the short status code with which
they can later see whether it is received, in behandeling or afgehandeld."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ontvangstbewijs(models.Model):
    """The receipt of one melding sent through the public form. The status code is
    shown once, on the confirmation page; only its hash is kept (like a password)."""

    melding = models.OneToOneField(
        "intake.Melding", on_delete=models.CASCADE, related_name="ontvangstbewijs", verbose_name=_("melding")
    )
    code_hash = models.CharField(_("hash van de statuscode"), max_length=200)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("ontvangstbewijs")
        verbose_name_plural = _("ontvangstbewijzen")

    def __str__(self) -> str:
        return str(self.melding_id)
