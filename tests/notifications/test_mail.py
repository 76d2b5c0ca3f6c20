"""E-mail through the task queue (security review, issue 9 item 10b/c): an SMTP
failure never gives a 500 and is never recorded as sent; retries with backoff;
after the last attempt "mislukt"; the status is shown where the message is."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory
from vangnet.network.models import StatusMessage
from vangnet.notifications import mail as outgoing
from vangnet.notifications.models import OutgoingMail

from .backends import FlakyBackend

pytestmark = pytest.mark.django_db

FAILING = "tests.notifications.backends.FailingBackend"
FLAKY = "tests.notifications.backends.FlakyBackend"
SECRET_ADDRESS = "buur@example.org"


@pytest.fixture
def melding(users, ggd):
    casus = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"])
    return MeldingFactory(
        meldpunt=ggd,
        created_by=users["meldpunt"],
        person=casus.person,
        casus=casus,
        status="getrieerd",
        melder_email=SECRET_ADDRESS,
        melder_wants_feedback=True,
    )


def post_status_message(client, melding, capture):
    with capture(execute=True):
        return client.post(reverse("network:status_message", args=[melding.pk]), {"template": "ontvangen"})


def retry_until_settled(limit=20):
    """Run the cron sweep as time passes, as production would; the statuses seen on the way."""
    seen = []
    now = timezone.now()
    for _ in range(limit):
        now += timedelta(hours=3)  # longer than the longest backoff
        outgoing.retry_due_mail(now=now)
        seen.append(OutgoingMail.objects.get().status)
        if seen[-1] != OutgoingMail.Status.WACHT:
            break
    return seen


@override_settings(EMAIL_BACKEND=FAILING, VANGNET_MAIL_MAX_ATTEMPTS=4)
def test_smtp_failure_gives_no_500_and_ends_mislukt_never_verzonden(
    melding, users, login, django_capture_on_commit_callbacks
):
    client = login(users["meldpunt"])
    response = post_status_message(client, melding, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    record = OutgoingMail.objects.get()
    assert record.status == "wacht" and record.attempts == 1 and record.sent_at is None
    assert record.status_message == StatusMessage.objects.get(melding=melding)
    page = client.get(response.url).content.decode()
    assert "wacht op verzending" in page

    seen = retry_until_settled()
    record.refresh_from_db()
    assert seen[-1] == "mislukt" and "verzonden" not in seen
    assert record.attempts == 4 and record.sent_at is None and mail.outbox == []
    # The kind of error only: not the server's reply, which quoted the text and could quote the address.
    assert record.last_error == "SMTPDataError (SMTP 554)"
    page = client.get(response.url).content.decode()
    assert "e-mail: mislukt" in page


@override_settings(EMAIL_BACKEND=FLAKY)
def test_a_dropped_connection_is_retried_after_the_backoff(melding, users, login, django_capture_on_commit_callbacks):
    FlakyBackend.calls, FlakyBackend.failures = 0, 1
    client = login(users["meldpunt"])
    post_status_message(client, melding, django_capture_on_commit_callbacks)
    record = OutgoingMail.objects.get()
    assert (record.status, record.attempts, record.last_error) == ("wacht", 1, "SMTPServerDisconnected")
    assert outgoing.retry_due_mail(now=timezone.now())["wacht"] == 0  # not due yet: backoff
    assert mail.outbox == []
    assert outgoing.retry_due_mail(now=record.next_attempt_at)["verzonden"] == 1
    record.refresh_from_db()
    assert record.status == "verzonden" and record.sent_at and record.last_error == ""
    assert [m.to for m in mail.outbox] == [[SECRET_ADDRESS]]
    assert "e-mail: verzonden" in client.get(reverse("network:status_message", args=[melding.pk])).content.decode()


def test_one_attempt_at_a_time_and_never_twice(db):
    record = OutgoingMail.objects.create(kind="statusbericht", to="a@example.org", subject="s", body="b")
    now = timezone.now()
    assert outgoing.deliver(record.pk, now=now) == "verzonden"
    assert outgoing.deliver(record.pk, now=now) == "verzonden"  # the sweep after the task: nothing sent again
    assert len(mail.outbox) == 1
    record.refresh_from_db()
    assert record.attempts == 1


def test_an_attempt_in_progress_is_not_started_again(db):
    record = OutgoingMail.objects.create(kind="statusbericht", to="a@example.org", subject="s", body="b")
    now = timezone.now()
    # Another worker claimed it (attempt running): the lease keeps this one out until it expires.
    OutgoingMail.objects.filter(pk=record.pk).update(attempts=1, next_attempt_at=now + timedelta(minutes=1))
    assert outgoing.deliver(record.pk, now=now) == "wacht" and mail.outbox == []
    assert outgoing.deliver(record.pk, now=now + timedelta(minutes=2)) == "verzonden"


@override_settings(EMAIL_BACKEND=FAILING)
def test_retry_is_requeued_with_run_after_when_the_backend_can_defer(db):
    dummy = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    record = OutgoingMail.objects.create(kind="statusbericht", to="a@example.org", subject="s", body="b")
    with override_settings(TASKS=dummy):
        from vangnet.notifications.tasks import deliver_mail

        backend = deliver_mail.get_backend()
        backend.clear()
        outgoing.deliver(record.pk)
        record.refresh_from_db()
        queued = [(r.task.run_after, r.args) for r in backend.results]
    assert queued == [(record.next_attempt_at, [record.pk])]
    assert record.next_attempt_at - timezone.now() > timedelta(seconds=50)


@override_settings(TASKS={"default": {"BACKEND": "tests.notifications.backends.BrokenQueueBackend"}})
def test_queue_down_gives_no_500_and_the_sweep_sends_later(melding, users, login, django_capture_on_commit_callbacks):
    response = post_status_message(login(users["meldpunt"]), melding, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert OutgoingMail.objects.get().status == "wacht" and mail.outbox == []
    out = __import__("io").StringIO()
    call_command("retry_mail", stdout=out)
    assert OutgoingMail.objects.get().status == "verzonden" and len(mail.outbox) == 1
    assert "verzonden 1" in out.getvalue()


@override_settings(EMAIL_BACKEND=FAILING, VANGNET_MAIL_MAX_ATTEMPTS=2)
def test_wvggz_reminder_mail_failure_keeps_the_notification_and_shows_mislukt(
    ggd, users, login, django_capture_on_commit_callbacks
):
    from tests.wvggz.helpers import local, make_onderzoek
    from vangnet.notifications.models import Notification
    from vangnet.wvggz import services

    users["bemoeizorger"].email = "bz@example.org"
    users["bemoeizorger"].save()
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        onderzoek = make_onderzoek(
            ggd, users["meldpunt"], received_at=local(2026, 3, 1, 10, 0), lead=users["bemoeizorger"]
        )
    with time_machine.travel(local(2026, 3, 8, 9, 0), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.send_due_reminders() == 1
        assert Notification.objects.filter(user=users["bemoeizorger"], text__startswith="Herinnering").exists()
        record = OutgoingMail.objects.get()
        assert record.wvggz_reminder.onderzoek == onderzoek and record.status == "wacht"
        seen = retry_until_settled()
        assert seen[-1] == "mislukt" and "verzonden" not in seen
        page = login(users["bemoeizorger"]).get(reverse("wvggz:detail", args=[onderzoek.pk])).content.decode()
    assert "Herinneringen termijn" in page and "e-mail: mislukt" in page
