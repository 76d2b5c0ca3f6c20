"""Optimistic locking: two people editing the same record must not silently
overwrite each other. Every editable record carries a ``version`` counter; a
save only succeeds when the version the user started from is still current."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(Exception):
    """The record was changed by someone else since the user opened it."""

    message = _(
        "Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen; "
        "bekijk de nieuwe gegevens en probeer het opnieuw."
    )


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save_versioned(self, expected_version: int, update_fields: list[str]) -> None:
        """Write ``update_fields`` only if nobody saved since ``expected_version``.

        A conditional UPDATE is atomic on SQLite and PostgreSQL alike, so no
        row lock or transaction isolation trickery is needed.
        """
        values = {f: getattr(self, f) for f in update_fields}
        updated = (
            type(self)
            ._default_manager.filter(pk=self.pk, version=expected_version)
            .update(version=expected_version + 1, **values)
        )
        if updated != 1:
            raise ConcurrentEditError(ConcurrentEditError.message)
        self.version = expected_version + 1
