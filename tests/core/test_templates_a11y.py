"""Accessibility of the shared form templates and page titles (issue 12, items 6, 10, 11):
errors of radio/checkbox groups tied to the fieldset, error-summary links that lead to a
field, required checkbox groups announced, one summary id and one autofocus per page,
textareas that count instead of cut, titles that name the record and never the person."""

import re
from datetime import timedelta

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.conftest import verified_client
from tests.factories import CasusFactory, MeldingFactory, PersonFactory

pytestmark = pytest.mark.django_db


class GroupForm(forms.Form):
    kind = forms.ChoiceField(
        label="Soort", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, help_text="Kies er een."
    )
    tags = forms.MultipleChoiceField(
        label="Labels", choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="Notitie", max_length=50, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)


def found(pattern: str, text: str, flags: int = 0) -> str:
    """The first group of ``pattern`` in ``text``; fails the test when it is not there."""
    match = re.search(pattern, text, flags)
    assert match, (pattern, text[:500])
    return match.group(1)


def _field(form, name):
    return render_to_string("includes/field.html", {"field": form[name]})


def _ids(html, attr):
    return [v.split() for v in re.findall(rf'{attr}="([^"]*)"', html)]


def test_a_group_error_and_help_are_inside_the_fieldset_and_describe_it():
    form = GroupForm(data={})
    html = _field(form, "kind")
    fieldset = re.search(r"<fieldset([^>]*)>(.*)</fieldset>", html, re.S)
    assert fieldset, html
    describedby = found(r'aria-describedby="([^"]*)"', fieldset.group(1)).split()
    assert describedby == ["id_kind_helptext", "id_kind_error"]
    assert 'id="id_kind_error"' in fieldset.group(2)
    assert 'id="id_kind_helptext"' in fieldset.group(2)
    assert "errorlist" not in html[html.index("</fieldset>") :]  # not after the group, unlinked


def test_a_required_checkbox_group_is_announced_as_required():
    html = _field(GroupForm(), "tags")
    legend = found(r"<legend>(.*?)</legend>", html, re.S)
    assert '<span aria-hidden="true">*</span>' in legend
    assert '<span class="visually-hidden"> (verplicht)</span>' in legend


def test_summary_links_point_at_the_first_option_of_a_group_and_never_at_hash():
    form = GroupForm(data={"note": "x" * 60})
    html = render_to_string("includes/form_errors.html", {"form": form})
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["#id_kind_0", "#id_tags_0", "#id_note"]
    assert "Version" not in re.findall(r"<a [^>]*>([^<]*)</a>", html)  # a hidden field is text, not a link
    assert 'id="error-summary"' in html


def test_the_meaning_of_the_star_is_stated_once_per_form():
    html = render_to_string("includes/form_errors.html", {"form": GroupForm()})
    assert html.count("Velden met * zijn verplicht.") == 1


def test_two_forms_in_error_have_their_own_summary_id_and_one_autofocus():
    request = RequestFactory().get("/")
    first, second = GroupForm(data={}, prefix="eerste"), GroupForm(data={}, prefix="tweede")
    html = render_to_string("includes/form_errors.html", {"form": first, "request": request}) + render_to_string(
        "includes/form_errors.html", {"form": second, "request": request}
    )
    assert 'id="error-summary-eerste"' in html and 'id="error-summary-tweede"' in html
    assert html.count("autofocus") == 1


def test_a_textarea_counts_instead_of_cutting_and_the_server_keeps_the_text():
    form = GroupForm(data={"kind": "a", "tags": ["x"], "note": "y" * 60, "version": 1})
    assert not form.is_valid()
    html = _field(form, "note")
    textarea = found(r"(<textarea[^>]*>)", html)
    assert "maxlength" not in textarea
    assert 'data-max-chars="50"' in textarea
    assert "id_note_count" in found(r'aria-describedby="([^"]*)"', textarea)
    assert "y" * 60 in html  # the typed text is kept
    assert "10 tekens te veel" in html
    assert 'aria-live="polite"' in html
    fresh = _field(GroupForm(), "note")
    assert "nog 50 tekens" in fresh


def test_a_page_with_a_form_in_error_has_a_title_starting_with_fout(users):
    client = verified_client(users["meldpunt"])
    ok = client.get(reverse("intake:create"))
    assert "<title>Nieuwe melding" in ok.content.decode()
    error = client.post(reverse("intake:create"), {})
    assert error.status_code in (200, 400, 422)
    assert re.search(r"<title>Fout: Nieuwe melding", error.content.decode())


def _title(response) -> str:
    return found(r"<title>(.*?)</title>", response.content.decode(), re.S)


def test_no_title_of_a_page_about_a_person_contains_the_name(users, ggd, team):
    person = PersonFactory(given_names="Hendrika", surname="Oosterhuis", roepnaam="")
    casus = CasusFactory(
        person=person, organisation=ggd, team=team, casusregisseur=users["bemoeizorger"], reference="C-2026-00077"
    )
    melding = MeldingFactory(
        meldpunt=ggd,
        person=person,
        casus=casus,
        given_names="Hendrika",
        surname="Oosterhuis",
        reference="M-2026-00077",
        received_at=timezone.now() - timedelta(days=1),
    )
    waiting = MeldingFactory(meldpunt=ggd, given_names="Hendrika", surname="Oosterhuis", reference="M-2026-00078")
    pages = {
        "bemoeizorger": [
            reverse("cases:detail", args=[casus.pk]),
            reverse("cases:phase", args=[casus.pk]),
            reverse("cases:members", args=[casus.pk]),
            reverse("persons:detail", args=[person.pk]),
            reverse("network:referral_create", args=[casus.pk]),
            reverse("procesregie:escalate", args=[casus.pk]),
        ],
        "meldpunt": [
            reverse("intake:detail", args=[melding.pk]),
            reverse("intake:detail", args=[waiting.pk]),
            reverse("triage:melding", args=[waiting.pk]),
        ],
    }
    with_name = 0
    for who, urls in pages.items():
        client = verified_client(users[who])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            with_name += "Oosterhuis" in response.content.decode()
            title = _title(response)
            assert "Oosterhuis" not in title and "Hendrika" not in title, f"{url}: {title}"
    assert with_name >= 7, "most of these pages show the person (else the test proves nothing)"
    assert "C-2026-00077" in _title(verified_client(users["bemoeizorger"]).get(reverse("cases:phase", args=[casus.pk])))


def test_a_too_long_pasted_text_is_refused_with_a_dutch_message_and_kept(users):
    client = verified_client(users["meldpunt"])
    pasted = "Slaapt bij het station, " + "x" * 500
    response = client.post(reverse("intake:create"), {"place_description": pasted})
    html = response.content.decode()
    assert pasted in html
    error = re.search(r'<ul class="errorlist" id="id_place_description_error">(.*?)</ul>', html, re.S)
    assert error and "500" in error.group(1) and "tekens" in error.group(1), error
    assert "24 tekens te veel" in html
