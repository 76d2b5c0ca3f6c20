from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def is_valid_bsn(value: str) -> bool:
    """The BSN elfproef: 9 digits, weights 9..2 and -1 for the last digit, sum divisible by 11."""
    if not value or len(value) != 9 or not value.isdigit() or value == "000000000":
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def normalise_bsn(value: str) -> str:
    """Accept common ways of typing a BSN (spaces, dots, 8 digits without the leading zero)."""
    cleaned = "".join(c for c in (value or "") if c.isdigit())
    if len(cleaned) == 8:
        cleaned = "0" + cleaned
    return cleaned


def validate_bsn(value: str) -> None:
    if value and not is_valid_bsn(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en voldoen aan de elfproef."),
            code="invalid_bsn",
        )
