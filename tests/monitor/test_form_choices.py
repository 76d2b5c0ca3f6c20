"""The gemeente choices of the monitor's filter: the organisation's werkgebied, or every gemeente
when it has none recorded, in one query (issue 17: the EXISTS is inside the choices' query)."""

from typing import cast

import pytest
from django.db import connection
from django.forms import ModelChoiceField
from django.test.utils import CaptureQueriesContext

from tests.factories import GemeenteFactory, OrganisationFactory
from vangnet.monitor.forms import MonitorForm
from vangnet.monitor.policies import Scope

pytestmark = pytest.mark.django_db


def _choices(organisation) -> tuple[list[str], int]:
    form = MonitorForm(scope=Scope(organisation_id=organisation.pk))
    choices = cast(ModelChoiceField, form.fields["gemeente"]).queryset
    assert choices is not None
    with CaptureQueriesContext(connection) as ctx:
        names = [gemeente.name for gemeente in choices]
    return names, len(ctx.captured_queries)


def test_the_werkgebied_when_recorded_else_every_gemeente():
    a, b, c = (GemeenteFactory(name=name) for name in ("Aa", "Bb", "Cc"))
    with_area = OrganisationFactory()
    with_area.gemeenten.add(a, b)
    OrganisationFactory().gemeenten.add(b, c)  # b twice in the link table: still one choice
    without = OrganisationFactory()
    assert _choices(with_area) == (["Aa", "Bb"], 1)
    assert _choices(without) == (["Aa", "Bb", "Cc"], 1)
