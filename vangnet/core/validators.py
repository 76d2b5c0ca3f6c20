"""Model and form validators for the identity rules in vangnet.core.identity.

Here, not in one feature app, because several apps' models validate a BSN
(persons, intake) and feature apps do not import each other's modules."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vangnet.core.identity import is_valid_bsn


def validate_bsn(value: str) -> None:
    if value and not is_valid_bsn(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en voldoen aan de elfproef."),
            code="invalid_bsn",
        )
