"""A notification for the permission matrix (tests/test_permission_matrix.py): it is the
meldpunt user's own, so opening it is hers only; everyone else gets 404."""

from vangnet.notifications.models import EventKind, Notification


def notification_world(people, objects):
    notification = Notification.objects.create(
        user=people["meldpunt"],
        kind=EventKind.CASUS_ROLE,
        reference=objects["casus"].reference,
        text="x",
        url="/notificaties/",
    )
    return {"notification": notification}
