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
