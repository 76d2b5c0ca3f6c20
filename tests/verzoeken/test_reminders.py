"""The reminder a week before the term ends: to the teamleider who registered the request
(else her organisation's teamleiders), once per term, again after an extension; never for
a decided request or a term already passed; the notification names no person."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from tests.factories import UserFactory
from vangnet.accounts.models import Role
from vangnet.notifications.models import Notification
from vangnet.verzoeken import services

from .conftest import grant, make

pytestmark = pytest.mark.django_db


def test_the_handler_is_reminded_once_a_week_before_the_term(person, users):
    tl = users["teamleider"]
    with time_machine.travel("2026-01-31 10:00 +01:00", tick=False):
        verzoek = make(person, tl, received_on=date(2026, 1, 31))  # term ends 28 February
    assert services.remind_terms(date(2026, 2, 20)) == 0
    assert services.remind_terms(date(2026, 2, 21)) == 1
    assert services.remind_terms(date(2026, 2, 22)) == 0, "once per term"
    [n] = Notification.objects.all()
    assert n.user == tl and n.reference == verzoek.reference
    assert n.text == f"De termijn van verzoek {verzoek.reference} loopt af op 28-02-2026."
    assert person.surname not in n.text


def test_an_extension_gets_its_own_reminder(person, users):
    tl = users["teamleider"]
    with time_machine.travel("2026-01-31 10:00 +01:00", tick=False):
        verzoek = make(person, tl, received_on=date(2026, 1, 31))
    services.remind_terms(date(2026, 2, 25))
    with time_machine.travel("2026-02-25 10:00 +01:00", tick=False):
        services.extend_term(
            verzoek, expected_version=verzoek.version, reason="Ingewikkeld", told_on=date(2026, 2, 25), by=tl
        )
    assert services.remind_terms(date(2026, 4, 23)) == 1
    assert Notification.objects.count() == 2


def test_no_reminder_for_a_decided_request_or_a_passed_term(person, users):
    tl = users["teamleider"]
    with time_machine.travel("2026-01-01 10:00 +01:00", tick=False):
        make(person, tl, received_on=date(2026, 1, 1), text="verlopen")
        done = make(person, tl, received_on=date(2026, 1, 1), text="besloten")
        grant(done, tl)
    assert services.remind_terms(date(2026, 2, 2)) == 0
    assert not Notification.objects.exists()


def test_when_the_registering_teamleider_left_the_organisations_teamleiders_are_reminded(person, users, ggd):
    tl = users["teamleider"]
    with time_machine.travel("2026-01-31 10:00 +01:00", tick=False):
        make(person, tl, received_on=date(2026, 1, 31))
    tl.is_active = False
    tl.save()
    successor = UserFactory(role=Role.TEAMLEIDER, organisation=ggd)
    services.remind_terms(date(2026, 2, 27))
    assert list(Notification.objects.values_list("user", flat=True)) == [successor.pk]


def test_the_command_queues_the_task(person, users, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with time_machine.travel("2026-02-23 10:00 +01:00", tick=False):
        make(person, users["teamleider"], received_on=date(2026, 1, 26))
        call_command("send_request_reminders")
    assert Notification.objects.count() == 1
