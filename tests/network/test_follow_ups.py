"""Vinger aan de pols: scheduling with a frozen clock, answers, the decision after "nee"."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings

from vangnet.cases.models import CaseMember, Phase
from vangnet.core.months import add_months
from vangnet.network import services
from vangnet.network.models import FollowUp

from .factories import propose, to_in_care

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def at(y, m, d, hour=10):
    return datetime.datetime(y, m, d, hour, tzinfo=AMS)


@pytest.fixture
def in_care(casus, service, users, fact_partner):
    with time_machine.travel(at(2026, 8, 31), tick=False):
        referral = to_in_care(propose(casus, service, users["bemoeizorger"]), users["bemoeizorger"], fact_partner)
    return referral


def test_default_follow_ups_after_two_weeks_three_and_six_months(in_care):
    due = dict(in_care.follow_ups.values_list("key", "due_date"))
    # 31 August + 3 months has no 31 November: the last day of the month.
    assert due == {
        "2w": datetime.date(2026, 9, 14),
        "3m": datetime.date(2026, 11, 30),
        "6m": datetime.date(2027, 2, 28),
    }


@override_settings(NETWORK_FOLLOW_UPS=[("1w", 7, 0), ("1y", 0, 12)])
def test_follow_up_moments_are_configurable(casus, service, users, fact_partner):
    with time_machine.travel(at(2026, 3, 2), tick=False):
        referral = to_in_care(propose(casus, service, users["bemoeizorger"]), users["bemoeizorger"], fact_partner)
    assert dict(referral.follow_ups.values_list("key", "due_date")) == {
        "1w": datetime.date(2026, 3, 9),
        "1y": datetime.date(2027, 3, 2),
    }


def test_add_months_edges():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2028, 1, 31), 1) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)
    assert add_months(datetime.date(2026, 3, 15), -6) == datetime.date(2025, 9, 15)


def test_due_list_follows_the_clock(in_care, users):
    worker = users["bemoeizorger"]
    with time_machine.travel(at(2026, 9, 13), tick=False):
        assert list(services.due_follow_ups(worker)) == []
    with time_machine.travel(at(2026, 9, 14), tick=False):
        assert [f.key for f in services.due_follow_ups(worker)] == ["2w"]
    with time_machine.travel(at(2027, 3, 1), tick=False):
        assert [f.key for f in services.due_follow_ups(worker)] == ["2w", "3m", "6m"]


def test_due_list_only_for_casus_members(in_care, users):
    with time_machine.travel(at(2027, 3, 1), tick=False):
        assert services.due_follow_ups(users["duo"]).count() == 3
        assert services.due_follow_ups(users["other_bemoeizorger"]).count() == 0
        assert services.due_follow_ups(users["partner"]).count() == 0


@pytest.mark.parametrize("answer", ["ja", "onbekend"])
def test_answer_yes_or_unknown_needs_no_decision(in_care, users, answer):
    fu = in_care.follow_ups.get(key="2w")
    with time_machine.travel(at(2026, 9, 15), tick=False):
        services.answer_follow_up(fu, by=users["bemoeizorger"], answer=answer, note="Gebeld met FACT")
        fu.refresh_from_db()
        assert fu.answer == answer and not fu.needs_decision and fu.answered_by == users["bemoeizorger"]
        assert [f.key for f in services.due_follow_ups(users["bemoeizorger"])] == []


def test_answer_twice_or_invalid_is_refused(in_care, users):
    fu = in_care.follow_ups.get(key="2w")
    with pytest.raises(ValidationError):
        services.answer_follow_up(fu, by=users["bemoeizorger"], answer="misschien")
    services.answer_follow_up(fu, by=users["bemoeizorger"], answer="ja")
    with pytest.raises(ValidationError):
        services.answer_follow_up(fu, by=users["bemoeizorger"], answer="nee")


def test_no_stays_on_the_worklist_until_decided(in_care, users):
    fu = in_care.follow_ups.get(key="2w")
    with time_machine.travel(at(2026, 9, 15), tick=False):
        services.answer_follow_up(fu, by=users["bemoeizorger"], answer="nee")
        assert [f.pk for f in services.due_follow_ups(users["bemoeizorger"])] == [fu.pk]


@pytest.mark.parametrize("phase", [Phase.CONTACT_LEGGEN, Phase.TOELEIDING])
def test_no_then_reopen_moves_the_casus_back(in_care, users, phase):
    fu = in_care.follow_ups.get(key="3m")
    services.answer_follow_up(fu, by=users["bemoeizorger"], answer="nee")
    services.decide_after_no(
        fu, by=users["bemoeizorger"], decision="heropend", to_phase=phase, reason="Uit zorg gevallen"
    )
    casus = in_care.casus
    casus.refresh_from_db()
    fu.refresh_from_db()
    assert casus.phase == phase
    assert casus.phase_changes.last().reason == "Uit zorg gevallen"
    assert fu.decision == FollowUp.Decision.REOPEN and not fu.needs_decision


def test_no_then_close(in_care, users):
    fu = in_care.follow_ups.get(key="6m")
    services.answer_follow_up(fu, by=users["bemoeizorger"], answer="nee")
    services.decide_after_no(fu, by=users["bemoeizorger"], decision="afgesloten", reason="Verhuisd naar andere regio")
    in_care.casus.refresh_from_db()
    assert in_care.casus.phase == Phase.AFGESLOTEN and in_care.casus.closed_at
    # The traject ended in a warm handover to this partner (issue 13: uitkomst).
    closing = in_care.casus.closing()
    assert (closing.outcome, closing.outcome_partner) == ("warme_overdracht", in_care.service.organisation)


def test_decision_needs_reason_phase_and_a_no(in_care, users):
    fu = in_care.follow_ups.get(key="2w")
    with pytest.raises(ValidationError):  # not answered "nee"
        services.decide_after_no(fu, by=users["bemoeizorger"], decision="afgesloten", reason="x")
    services.answer_follow_up(fu, by=users["bemoeizorger"], answer="nee")
    with pytest.raises(ValidationError):
        services.decide_after_no(fu, by=users["bemoeizorger"], decision="afgesloten", reason="")
    with pytest.raises(ValidationError):
        services.decide_after_no(fu, by=users["bemoeizorger"], decision="heropend", to_phase=Phase.NAZORG, reason="x")
    with pytest.raises(ValidationError):
        services.decide_after_no(fu, by=users["bemoeizorger"], decision="weet niet", reason="x")
    in_care.casus.refresh_from_db()
    assert in_care.casus.phase == Phase.NAZORG


def test_reminder_once_per_due_check_without_personal_data(in_care, users, django_capture_on_commit_callbacks):
    from django.core import mail
    from django.core.management import call_command

    from vangnet.notifications.models import OutgoingMail

    with time_machine.travel(at(2026, 9, 13), tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("send_follow_up_reminders")
        assert mail.outbox == []
    with time_machine.travel(at(2026, 9, 14), tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("send_follow_up_reminders")
        call_command("send_follow_up_reminders")  # nothing new: no second mail
    assert len(mail.outbox) == 1
    # (The partner's e-mail about the referral, from the fixture, is another kind.)
    record = OutgoingMail.objects.get(kind="vinger_aan_de_pols")
    assert record.status == "verzonden"
    assert set(record.follow_ups.all()) == set(in_care.follow_ups.filter(due_date__lte="2026-09-14"))
    message = mail.outbox[0]
    assert message.to == [users["bemoeizorger"].email]
    assert "Er staat 1 controle" in message.body
    for secret in (in_care.casus.person.surname, in_care.casus.reference, in_care.service.name):
        assert secret not in message.body


@pytest.mark.parametrize("name", ["partner", "beheerder"])
def test_due_list_refuses_a_non_staff_member_of_the_casus(in_care, users, name):
    # Even a (wrongly) added casus member without a staff role gets no list.
    CaseMember.objects.create(casus=in_care.casus, user=users[name], role=CaseMember.Role.DUO)
    with time_machine.travel(at(2027, 3, 1), tick=False):
        assert services.due_follow_ups(users[name]).count() == 0
        assert services.due_follow_ups(users["duo"]).count() == 3


@pytest.mark.parametrize(("channel", "mails"), [("email", 1), ("app", 0), ("dagoverzicht", 0)])
def test_the_reminder_follows_the_workers_choice_and_never_mails_twice(
    in_care, users, django_capture_on_commit_callbacks, channel, mails
):
    """E-mail chosen (the default): the one mail with the count, not also a mail
    per notification (that sent two before). App or digest: no reminder mail."""
    from django.core import mail

    from vangnet.notifications.models import EventKind, Notification
    from vangnet.notifications.services import preferences_for, save_preferences

    worker = users["bemoeizorger"]
    assert preferences_for(worker)[EventKind.FOLLOW_UP_DUE] == "email"
    save_preferences(worker, {**preferences_for(worker), EventKind.FOLLOW_UP_DUE: channel}, by=worker)
    mail.outbox.clear()
    with time_machine.travel(at(2026, 9, 14), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.remind_due_follow_ups()
    assert len([m for m in mail.outbox if m.to == [worker.email]]) == mails
    assert Notification.objects.filter(user=worker, kind=EventKind.FOLLOW_UP_DUE).count() == 1
