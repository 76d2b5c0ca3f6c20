"""Form fields shared by the apps."""

from django import forms
from django.db import models

# The widest integer column any backend here stores (SQLite INTEGER, PostgreSQL bigint).
MIN_DB_INTEGER = -(2**63)
MAX_DB_INTEGER = 2**63 - 1


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses ids no database column can hold.

    Django hands ``99999999999999999999`` to the ``pk__in`` query, where SQLite's
    driver raises OverflowError (a 500). Such an id can never be one of the
    choices, so it is the field's own "not in the list" error instead."""

    def _integer_key(self) -> bool:
        meta = self.queryset.model._meta
        field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        return isinstance(field, models.IntegerField)

    def _check_values(self, value):
        if self._integer_key():
            try:
                values = list(value)
            except TypeError:
                values = []
            for item in values:
                try:
                    number = int(str(item).strip())
                except (TypeError, ValueError):
                    continue  # not a number at all: Django's own invalid_pk_value error
                if not MIN_DB_INTEGER <= number <= MAX_DB_INTEGER:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super()._check_values(value)


# --- the service-to-form contract ---------------------------------------------
# Services raise ValidationError keyed by form field (or without a key for the
# whole form); views put them on the form with ``add_service_errors`` and answer
# an invalid POST with INVALID_POST_STATUS. An edit conflict keeps what the user
# typed (``keep_input_after_conflict``).

INVALID_POST_STATUS = 400


def add_service_errors(form, error) -> None:
    """Put a service's ValidationError on ``form``: each keyed message on its field
    when the form has that field, everything else as a non-field error."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list if hasattr(error, "error_list") else [str(error)])


def keep_input_after_conflict(form, current_version, message=None, *, field: str = "version") -> None:
    """Someone else saved first: the user's input stays in the form, its version
    moves to the current one (so saving again is a deliberate choice, not a
    silent overwrite), and the conflict message is shown."""
    from .concurrency import ConcurrentEditError

    data = form.data.copy()
    data[form.add_prefix(field)] = str(current_version)
    form.data = data
    form.add_error(None, str(message or ConcurrentEditError.message))
