from django import template

from vangnet.notifications.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    return unread_count(getattr(request, "user", None)) if request is not None else 0


# Badge style per delivery status of an OutgoingMail.
_DELIVERY_BADGE = {"wacht": "warn", "verzonden": "ok", "mislukt": "bad"}


@register.inclusion_tag("notifications/includes/delivery_status.html")
def delivery_status(mails):
    """E-mail delivery of one status message or reminder: a badge per status, with a count when several."""
    from vangnet.notifications.models import OutgoingMail

    mails = list(mails)
    labels = dict(OutgoingMail.Status.choices)
    badges = [
        (labels[status], _DELIVERY_BADGE[status], n, len(mails) > 1)
        for status in OutgoingMail.Status.values
        if (n := sum(m.status == status for m in mails))
    ]
    return {"badges": badges}
