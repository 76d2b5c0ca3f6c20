"""register_melding and register_partner_melding write their own access-log
row, with the actor and the context, also without a request (issue 10)."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import category
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.intake import services
from vangnet.intake.models import Melding

pytestmark = pytest.mark.django_db


def _unsaved(**fields) -> Melding:
    return Melding(channel="telefoon", melder_type="buurtbewoner", description="De brievenbus puilt uit.", **fields)


def test_register_melding_writes_one_row(users, ggd):
    with new_rows() as rows:
        melding = services.register_melding(
            _unsaved(meldpunt=ggd), categories=[category()], by=users["meldpunt"], context=CONTEXT
        )
    [row] = rows
    assert_row(row, users["meldpunt"], action="C", object_type="melding", melding=melding)
    assert row.reason == "meldpunt van ontvangst"


def test_register_melding_refused_writes_none(users, ggd):
    with new_rows() as rows, pytest.raises(ValidationError) as exc:
        services.register_melding(_unsaved(meldpunt=ggd), categories=[], by=users["meldpunt"], context=CONTEXT)
    assert rows == [] and "categories" in exc.value.message_dict
    assert not Melding.objects.exists()


def test_register_partner_melding_writes_one_row(users, region):
    with new_rows() as rows:
        melding = services.register_partner_melding(
            _unsaved(), categories=[category()], by=users["partner"], context=CONTEXT, log_detail="via een test"
        )
    [row] = rows
    assert_row(row, users["partner"], action="C", object_type="melding", melding=melding)
    assert row.detail == "via een test" and row.reason == "eigen melding (status)"
