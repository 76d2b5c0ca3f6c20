"""The filter forms write their checkbox groups out by hand (speed): the markup must
stay what Django's widget renders (names, values, ids, checked) so labels, the
error summary links (#id_<field>_0) and the kept filter state keep working."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.test import RequestFactory

from tests.factories import GemeenteFactory
from vangnet.organisations.models import Gemeente

pytestmark = pytest.mark.django_db


class Demo(forms.Form):
    status = forms.MultipleChoiceField(
        choices=[("a", "Eerste"), ("b", "Tweede & derde")], widget=forms.CheckboxSelectMultiple, required=False
    )
    gemeente = forms.ModelMultipleChoiceField(
        queryset=Gemeente.objects.order_by("name"), widget=forms.CheckboxSelectMultiple, required=False
    )


def inputs(html):
    return sorted(re.findall(r"<input[^>]*>", html))


def attrs(tag):
    return dict(re.findall(r'(\w+)="([^"]*)"', tag)) | {"checked": " checked" in tag}


def render(form, template):
    request = RequestFactory().get("/")
    return Template("{% load vangnet_lists %}" + template).render(Context({"form": form, "request": request}))


def test_the_written_out_checkboxes_match_the_widget(db):
    noord, zuid = GemeenteFactory(name="Noordstad"), GemeenteFactory(name="Zuiddorp")
    form = Demo({"status": ["b"], "gemeente": [str(zuid.pk)]})
    for name in ("status", "gemeente"):
        ours = render(form, '{% include "includes/filter_choices.html" with field=form.' + name + " %}")
        django = str(form[name])
        assert [attrs(t) for t in inputs(ours)] == [attrs(t) for t in inputs(django)], name
    page = render(form, '{% include "includes/filter_choices.html" with field=form.status %}')
    assert '<label for="id_status_1">Tweede &amp; derde</label>' in page
    assert noord.pk != zuid.pk
