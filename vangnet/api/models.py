"""Idempotency keys of the partner API.

A client that did not get an answer (timeout, lost connection) may send the
same request again with the same ``Idempotency-Key``: it gets the first answer
back and no second melding is made. Keys are kept per user for a day."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_LIFETIME = datetime.timedelta(hours=24)
MAX_KEY_LENGTH = 255


class IdempotencyKey(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("sleutel"), max_length=MAX_KEY_LENGTH)
    # SHA-256 of the request body as parsed (so key order and spacing do not count).
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    melding = models.ForeignKey("intake.Melding", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotentiesleutel")
        verbose_name_plural = _("idempotentiesleutels")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_key_per_user")]

    def __str__(self):
        return f"{self.user_id}:{self.key}"
