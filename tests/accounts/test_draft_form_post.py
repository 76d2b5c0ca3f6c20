"""A form page through core.views.form_post shows a kept draft server-side too
(without JavaScript), and only on the page the draft was posted to."""

from django import forms
from django.http import HttpResponse
from django.test import RequestFactory

from vangnet.core.views import form_post


class NoteForm(forms.Form):
    note = forms.CharField()
    workers = forms.MultipleChoiceField(choices=[("1", "a"), ("2", "b")], required=False)


def _page(path: str, kept: dict | None) -> str:
    request = RequestFactory().get(path)
    if kept is not None:
        request.kept_draft = kept  # type: ignore[attr-defined]  # set by the drafts middleware
    response = form_post(
        request,
        NoteForm(None),
        lambda data: None,
        success=("", "/"),
        render_invalid=lambda form: HttpResponse(f"{form['note'].value()}|{form['workers'].value()}"),
    )
    return response.content.decode()


def test_a_kept_draft_fills_in_its_own_form_page():
    kept = {"action": "/formulier/", "fields": {"note": ["Niemand thuis"], "workers": ["1", "2"]}}
    assert _page("/formulier/", kept) == "Niemand thuis|['1', '2']"


def test_a_kept_draft_of_another_url_or_none_leaves_the_form_empty():
    kept = {"action": "/ander-formulier/", "fields": {"note": ["Niemand thuis"]}}
    assert _page("/formulier/", kept) == "None|None"
    assert _page("/formulier/", None) == "None|None"
