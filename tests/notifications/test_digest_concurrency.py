"""Two digest runs at the same moment (two cron hosts, a cron run and the task)
still send one digest: the unique (user, day) row is claimed before anything is sent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.core.concurrent_db import Meeting, in_thread, run_together, shared_database
from tests.factories import UserFactory
from vangnet.accounts.models import Role
from vangnet.notifications import services
from vangnet.notifications.models import Channel, EventKind, NotificationDigest, OutgoingMail
from vangnet.notifications.services import notify_event, save_preferences, send_digests


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_digest(monkeypatch):
    user = UserFactory(role=Role.BEMOEIZORGER, email="digest@example.org")
    save_preferences(user, {k: Channel.DIGEST for k in EventKind.values if k != EventKind.GENERAL}, by=user)
    notify_event(user, EventKind.CASUS_PHASE_CHANGED, reference="C-2026-00001")
    notify_event(user, EventKind.CASUS_ROLE, reference="C-2026-00002")
    later = timezone.now() + timedelta(seconds=1)
    # Both runs have read what waits before either claims the day (where the database lets them).
    monkeypatch.setattr(services, "waiting_for_digest", Meeting().around(services.waiting_for_digest))
    with shared_database():
        results = run_together(lambda: send_digests(now=later), lambda: send_digests(now=later))
        digests = in_thread(lambda: [d.notifications.count() for d in NotificationDigest.objects.all()])
        mails = in_thread(lambda: OutgoingMail.objects.filter(kind=OutgoingMail.Kind.DAGOVERZICHT).count())
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sorted(results) == [0, 1]
    assert digests == [2] and mails == 1
