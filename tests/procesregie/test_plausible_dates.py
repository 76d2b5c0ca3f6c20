"""Issue 12, item 2: a procesregie decision is dated between the escalation and
today, an action's due date is not years ahead; the database keeps the order of
the moments within a row."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.core.plausible import PLANNING_HORIZON
from vangnet.procesregie import services
from vangnet.procesregie.models import Action, Decision, Escalation

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
DAY = timedelta(days=1)


@pytest.fixture
def escalation(ggd, users):
    casus = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"])
    with time_machine.travel(timezone.now() - 5 * DAY, tick=False):
        return services.escalate_casus(
            casus, description="Niemand pakt het op.", procesregisseur=users["teamleider"], by=users["bemoeizorger"]
        )


def _codes(error: ValidationError, field: str) -> list[str | None]:
    return [e.code for e in error.error_dict[field]]


def test_a_decision_before_the_escalation_is_refused_and_names_it(escalation, users):
    with pytest.raises(ValidationError) as caught:
        services.record_decision(escalation, text="X", decided_on=TODAY() - 6 * DAY, by=users["teamleider"])
    assert _codes(caught.value, "decided_on") == ["before_start"]
    assert "de escalatie" in caught.value.messages[0]
    assert not Decision.objects.exists()
    services.record_decision(escalation, text="X", decided_on=TODAY() - 5 * DAY, by=users["teamleider"])


def test_a_decision_tomorrow_is_refused(escalation, users):
    with pytest.raises(ValidationError) as caught:
        services.record_decision(escalation, text="X", decided_on=TODAY() + DAY, by=users["teamleider"])
    assert _codes(caught.value, "decided_on") == ["future"]


def test_an_action_due_in_2099_is_refused(escalation, users, police):
    with pytest.raises(ValidationError) as caught:
        services.assign_action(
            escalation, organisation=police, description="X", due_date=date(2099, 12, 31), by=users["teamleider"]
        )
    assert _codes(caught.value, "due_date") == ["too_far"]
    services.assign_action(
        escalation, organisation=police, description="X", due_date=TODAY() + PLANNING_HORIZON, by=users["teamleider"]
    )


def test_the_decision_page_puts_the_message_on_the_date(escalation, users, login):
    response = login(users["teamleider"]).post(
        reverse("procesregie:decision_add", args=[escalation.pk]),
        {"text": "Woningcorporatie schort ontruiming op", "decided_on": "1999-01-01"},
    )
    page = response.content.decode()
    assert 'id="id_decided_on_error"' in page and "de escalatie" in page
    assert "Woningcorporatie schort ontruiming op" in page
    assert not Decision.objects.exists()


def test_the_database_refuses_closing_before_escalating(escalation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.filter(pk=escalation.pk).update(closed_at=escalation.escalated_at - DAY)


def test_the_database_refuses_an_action_done_before_it_was_assigned(escalation, users, police):
    action = services.assign_action(
        escalation, organisation=police, description="X", due_date=TODAY(), by=users["teamleider"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(done_at=action.assigned_at - DAY)
