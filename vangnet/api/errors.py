"""Dutch error answers for the API, whatever went wrong.

DRF's own messages are translated by its catalogue, but not all of them well
("Ongeldige media type") and some not at all (the JSON parser's detail, Django's
RequestDataTooBig, which DRF lets through as an HTML page). This handler gives
every error the same shape, ``{"detail": "..."}`` or the field errors, in
Vangnet's own Dutch words."""

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def _always_ours(exc) -> str | None:
    """DRF raises these itself, never with a message of ours: always our Dutch text."""
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("U bent niet ingelogd.")
    if isinstance(exc, exceptions.AuthenticationFailed):
        return _("Inloggen is mislukt.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("De methode %(method)s is hier niet toegestaan.") % {"method": exc.args[0] if exc.args else ""}
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Dit antwoordformaat wordt niet ondersteund; vraag om application/json.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Dit formaat wordt niet ondersteund; stuur application/json.")
    if isinstance(exc, exceptions.Throttled):
        return _("Te veel verzoeken. Probeer het later opnieuw.")
    return None


def _default_replaced(exc) -> str | None:
    """Raised by us with our own text, or by DRF with its generic one: only replace that."""
    if str(exc.detail) != str(exc.default_detail):
        return None
    if isinstance(exc, exceptions.PermissionDenied):
        return _("U hebt geen toegang tot deze gegevens.")
    if isinstance(exc, exceptions.NotFound):
        return _("Niet gevonden.")
    if isinstance(exc, exceptions.ParseError):
        return _("Het verzoek kon niet worden gelezen.")
    if isinstance(exc, exceptions.ValidationError):
        return _("Ongeldige invoer.")
    return None


TOO_BIG_ERRORS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def too_big_message() -> str:
    return _("Het verzoek is te groot. Stuur minder of kortere gegevens.")


def field_errors(error: DjangoValidationError) -> dict:
    """A service's (or form's) ValidationError in DRF's shape: per field, the
    whole-request ones under ``non_field_errors``."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def dutch_exception_handler(exc, context):
    if isinstance(exc, TOO_BIG_ERRORS):
        return Response({"detail": too_big_message()}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        # A rule a service refused: the same 400 with field errors as the serializer's.
        exc = exceptions.ValidationError(field_errors(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.APIException) and not isinstance(exc.detail, (list, dict)):
        message = _always_ours(exc) or _default_replaced(exc)
        if message:
            exc.detail = exceptions.ErrorDetail(message, code=exc.get_codes())
    response = exception_handler(exc, context)
    if response is not None:
        response.data = _without_untranslated(response.data)
    return response


def _without_untranslated(data):
    """DRF writes a few messages as plain English literals, outside its catalogue."""
    if isinstance(data, dict):
        return {key: _without_untranslated(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_without_untranslated(value) for value in data]
    if str(data) == "No data provided":
        return exceptions.ErrorDetail(_("Er zijn geen gegevens meegestuurd."), code="null")
    return data
