"""A service's Django ValidationError reaches the client through the one API
error path (vangnet/api/errors.py): 400, per field, whole-request errors under
non_field_errors, in the service's Dutch words."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from vangnet.api.errors import dutch_exception_handler


def test_field_keyed_service_error_is_a_400_per_field():
    error = ValidationError({"categories": ["Kies ten minste één zorg."], NON_FIELD_ERRORS: ["Geen meldpunt."]})
    response = dutch_exception_handler(error, {})
    assert response.status_code == 400
    assert response.data == {"categories": ["Kies ten minste één zorg."], "non_field_errors": ["Geen meldpunt."]}


def test_unkeyed_service_error_is_a_non_field_error():
    response = dutch_exception_handler(ValidationError("Er is geen meldpunt gevonden."), {})
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Er is geen meldpunt gevonden."]}
