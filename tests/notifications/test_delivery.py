"""E-mail after a notification, as the user chose (issue 11 item 8): at once for
'e-mail' kinds only, never to the actor or without an address, a daily digest
once a day with the right content, and never a personal detail in a mail."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, PersonFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.notifications.models import Channel, EventKind, Notification, NotificationDigest, OutgoingMail
from vangnet.notifications.services import notify_event, save_preferences, send_digest, send_digests

pytestmark = pytest.mark.django_db


def choose(user, **channels):
    data = {k: Channel.APP for k in EventKind.values if k != EventKind.GENERAL}
    data.update(channels)
    save_preferences(user, data, by=user)


@pytest.fixture
def worker():
    return UserFactory(role=Role.BEMOEIZORGER, email="worker@example.org")


def test_in_app_only_by_default_for_staff_no_mail(worker):
    notify_event(worker, EventKind.CASUS_ROLE, reference="C-2026-00001", url="/casussen/1/")
    assert Notification.objects.get(user=worker).channel == Channel.APP
    assert not OutgoingMail.objects.exists()


def test_email_kind_queues_one_short_mail_after_commit(worker, django_capture_on_commit_callbacks):
    choose(worker, casus_rol=Channel.EMAIL)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        [n] = notify_event(worker, EventKind.CASUS_ROLE, reference="C-2026-00001", url="/casussen/1/")
    record = OutgoingMail.objects.get()
    assert record.kind == OutgoingMail.Kind.NOTIFICATIE and record.to == "worker@example.org"
    assert record.notification == n and record.status == OutgoingMail.Status.VERZONDEN
    [sent] = mail.outbox
    assert sent.subject == "Vangnet: U bent toegevoegd aan een casus"
    assert "Kenmerk: C-2026-00001" in sent.body and "/casussen/1/" in sent.body
    assert reverse("notifications:preferences") in sent.body


def test_other_kinds_of_the_same_user_are_not_mailed(worker):
    choose(worker, casus_rol=Channel.EMAIL)
    notify_event(worker, EventKind.CASUS_PHASE_CHANGED, reference="C-2026-00001")
    assert not OutgoingMail.objects.exists()


def test_a_rolled_back_change_mails_nobody(worker, django_capture_on_commit_callbacks):
    choose(worker, casus_rol=Channel.EMAIL)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify_event(worker, EventKind.CASUS_ROLE, reference="C-2026-00001")
        raise RuntimeError
    assert not OutgoingMail.objects.exists() and not Notification.objects.exists()
    assert callbacks == [] and mail.outbox == []


def test_never_to_the_actor_and_not_without_an_address(worker):
    no_address = UserFactory(role=Role.BEMOEIZORGER, email="")
    for user in (worker, no_address):
        choose(user, casus_rol=Channel.EMAIL)
    notify_event([worker, no_address], EventKind.CASUS_ROLE, reference="C-2026-00001", actor=worker)
    assert list(Notification.objects.values_list("user_id", flat=True)) == [no_address.pk]
    assert not OutgoingMail.objects.exists()


def test_partner_gets_a_referral_mailed_by_default():
    partner = UserFactory(role=Role.PARTNER, email="partner@example.org")
    notify_event(partner, EventKind.REFERRAL_RECEIVED, reference="W-2026-00003", url="/netwerk/partner/")
    assert OutgoingMail.objects.get().to == "partner@example.org"


def test_no_personal_detail_in_any_mail(worker, django_capture_on_commit_callbacks):
    person = PersonFactory(given_names="Johannes", surname="Meulenbroek")
    casus = CasusFactory(person=person, reference="C-2026-00042", casusregisseur=worker)
    choose(worker, casus_rol=Channel.EMAIL, casus_fase=Channel.DIGEST)
    url = reverse("cases:detail", args=[casus.pk])
    with django_capture_on_commit_callbacks(execute=True):
        notify_event(worker, EventKind.CASUS_ROLE, reference=casus.reference, url=url)
        notify_event(worker, EventKind.CASUS_PHASE_CHANGED, reference=casus.reference, url=url)
        send_digests(now=timezone.now() + timedelta(seconds=1))
    assert len(mail.outbox) == 2
    for sent in mail.outbox:
        text = f"{sent.subject}\n{sent.body}"
        assert "C-2026-00042" in sent.body
        for detail in ("Johannes", "Meulenbroek", worker.first_name, worker.last_name, str(person.date_of_birth)):
            assert detail not in text


def _digest_user():
    user = UserFactory(role=Role.BEMOEIZORGER, email="digest@example.org")
    choose(user, casus_fase=Channel.DIGEST, melding_bij_casus=Channel.DIGEST)
    return user


def test_digest_once_a_day_with_the_kinds_and_references_since_the_last_one():
    user = _digest_user()
    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False):
        notify_event(user, EventKind.CASUS_PHASE_CHANGED, reference="C-2026-00001")
        notify_event(user, EventKind.MELDING_ABOUT_CASUS, reference="M-2026-00007")
        notify_event(user, EventKind.CASUS_ROLE, reference="C-2026-00009")  # in the app only
    assert not OutgoingMail.objects.exists()  # digest kinds wait for the digest

    with time_machine.travel("2026-12-01 18:00 +01:00", tick=False):
        assert send_digests() == 1
        digest = NotificationDigest.objects.get()
        assert str(digest.day) == "2026-12-01"
        record = digest.mail
        assert record is not None
        assert record.kind == OutgoingMail.Kind.DAGOVERZICHT and record.to == "digest@example.org"
        assert "De fase van een casus waarin u zit is gewijzigd: C-2026-00001" in record.body
        assert "Nieuwe melding over de persoon van uw lopende casus: M-2026-00007" in record.body
        assert "C-2026-00009" not in record.body
        assert set(digest.notifications.values_list("reference", flat=True)) == {"C-2026-00001", "M-2026-00007"}

        # The same day again, even with something new: nothing more is sent.
        notify_event(user, EventKind.CASUS_PHASE_CHANGED, reference="C-2026-00002")
        assert send_digests() == 0
        call_command("send_notification_digest")
        assert OutgoingMail.objects.count() == 1 and NotificationDigest.objects.count() == 1

    # The next day: only what came since the previous digest.
    with time_machine.travel("2026-12-02 18:00 +01:00", tick=False):
        assert send_digests() == 1
        second = NotificationDigest.objects.get(day="2026-12-02")
        assert second.mail is not None
        assert "C-2026-00002" in second.mail.body and "C-2026-00001" not in second.mail.body
        assert send_digests() == 0
    # Nothing waiting: no empty digest.
    with time_machine.travel("2026-12-03 18:00 +01:00", tick=False):
        assert send_digests() == 0
    assert OutgoingMail.objects.count() == 2


def test_digest_without_address_is_recorded_but_not_mailed():
    user = _digest_user()
    user.email = ""
    user.save()
    notify_event(user, EventKind.CASUS_PHASE_CHANGED, reference="C-2026-00001")
    digest = send_digest(user, now=timezone.now() + timedelta(seconds=1))
    assert digest is not None and digest.mail is None and not OutgoingMail.objects.exists()


def test_a_notification_read_in_the_app_is_not_repeated_in_the_digest():
    user = _digest_user()
    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False):
        [read] = notify_event(user, EventKind.CASUS_PHASE_CHANGED, reference="C-2026-00001")
        notify_event(user, EventKind.MELDING_ABOUT_CASUS, reference="M-2026-00007")
        Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    with time_machine.travel("2026-12-01 18:00 +01:00", tick=False):
        assert send_digests() == 1
    record = NotificationDigest.objects.get().mail
    assert record is not None
    assert "M-2026-00007" in record.body and "C-2026-00001" not in record.body


def test_nothing_unread_waiting_means_no_digest():
    user = _digest_user()
    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False):
        notify_event(user, EventKind.CASUS_PHASE_CHANGED, reference="C-2026-00001")
        Notification.objects.filter(user=user).update(read_at=timezone.now())
    with time_machine.travel("2026-12-01 18:00 +01:00", tick=False):
        assert send_digests() == 0
    assert not OutgoingMail.objects.exists()
