from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vangnet.core.identity import is_valid_bsn


def validate_bsn(value: str) -> None:
    if value and not is_valid_bsn(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en voldoen aan de elfproef."),
            code="invalid_bsn",
        )
