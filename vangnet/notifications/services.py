"""Create and read in-app notifications."""

from django.utils import timezone

from .models import Notification


def notify(user, text: str, url: str = "") -> Notification:
    return Notification.objects.create(user=user, text=text[:300], url=url[:300])


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at=None).count()


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
