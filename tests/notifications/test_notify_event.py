"""notify_event: a kind and a reference, never a name; not to the actor, once per user."""

import pytest

from tests.factories import UserFactory
from vangnet.notifications.models import EventKind, Notification
from vangnet.notifications.services import notify_event

pytestmark = pytest.mark.django_db


def test_one_notification_per_recipient_without_the_actor():
    actor, a, b = UserFactory(), UserFactory(), UserFactory()
    inactive = UserFactory(is_active=False)
    made = notify_event([a, b, a, actor, inactive, None], EventKind.CASUS_ROLE, reference="C-2026-00001", actor=actor)
    assert {n.user_id for n in made} == {a.pk, b.pk}
    n = Notification.objects.get(user=a)
    assert n.kind == EventKind.CASUS_ROLE
    assert n.reference == "C-2026-00001"
    assert "C-2026-00001" in n.text


def test_a_single_user_is_accepted():
    user = UserFactory()
    notify_event(user, EventKind.REFERRAL_RECEIVED, reference="W-2026-00002", url="/netwerk/")
    assert Notification.objects.get(user=user).url == "/netwerk/"
