"""The one way a service refuses bad input: a ``ValidationError`` keyed by the form field it
is about, which ``vangnet.core.forms.add_service_errors`` puts on that field. Kept out of
``core.forms`` because services may not import forms."""

from django.core.exceptions import ValidationError


def field_error(field: str, message: str, code: str) -> ValidationError:
    """A refusal on ``field``; ``code`` stays readable on the error itself for callers that
    tell the rules apart."""
    error = ValidationError({field: ValidationError(message, code=code)})
    error.code = code
    return error
