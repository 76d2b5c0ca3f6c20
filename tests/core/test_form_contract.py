"""The one service-to-form contract in vangnet.core.forms."""

from django import forms
from django.core.exceptions import ValidationError

from vangnet.core.concurrency import ConcurrentEditError
from vangnet.core.forms import add_service_errors, keep_input_after_conflict


class _Form(forms.Form):
    name = forms.CharField()
    version = forms.IntegerField(widget=forms.HiddenInput)


def _valid_form():
    form = _Form({"name": "Jan", "version": "3"})
    assert form.is_valid()
    return form


def test_keyed_error_lands_on_its_field():
    form = _valid_form()
    add_service_errors(form, ValidationError({"name": "Naam is al in gebruik."}))
    assert form.errors["name"] == ["Naam is al in gebruik."]
    assert not form.non_field_errors()


def test_key_the_form_does_not_have_is_a_non_field_error():
    form = _valid_form()
    add_service_errors(form, ValidationError({"elders": "Dit kan niet."}))
    assert form.non_field_errors() == ["Dit kan niet."]


def test_plain_error_and_list_are_non_field_errors():
    form = _valid_form()
    add_service_errors(form, ValidationError(["Eerste.", "Tweede."]))
    assert form.non_field_errors() == ["Eerste.", "Tweede."]


def test_conflict_keeps_the_typed_input_and_moves_the_version():
    form = _Form({"name": "Wat de gebruiker typte", "version": "3"})
    form.is_valid()
    keep_input_after_conflict(form, 5)
    assert form.data["name"] == "Wat de gebruiker typte"
    assert form.data["version"] == "5"
    assert str(ConcurrentEditError.message) in form.non_field_errors()
