"""Create and read in-app notifications."""

from django.utils import timezone

from .models import EventKind, Notification


def notify(user, text: str, url: str = "", *, kind: str = EventKind.GENERAL, reference: str = "") -> Notification:
    return Notification.objects.create(user=user, kind=kind, reference=reference[:30], text=text[:300], url=url[:300])


def notify_event(recipients, kind: EventKind, *, reference: str, url: str = "", actor=None) -> list[Notification]:
    """Tell each recipient (a user or an iterable of users) that ``kind`` happened to ``reference``.

    The text is the kind's label and the reference, never personal details.
    The actor is left out: nobody is told about what she did herself. Inactive
    accounts are skipped. Call it inside the service's transaction, so a
    rolled-back change notifies nobody."""
    if recipients is None:
        return []
    if hasattr(recipients, "pk"):
        recipients = [recipients]
    actor_id = getattr(actor, "pk", None)
    seen: set[int] = set()
    created = []
    text = f"{EventKind(kind).label}: {reference}" if reference else str(EventKind(kind).label)
    for user in recipients:
        if user is None or user.pk in seen or user.pk == actor_id or not user.is_active:
            continue
        seen.add(user.pk)
        created.append(notify(user, text, url, kind=kind, reference=reference))
    return created


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at=None).count()


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
