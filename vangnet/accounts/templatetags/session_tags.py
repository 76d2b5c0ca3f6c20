from django import template
from django.conf import settings

register = template.Library()

# The warning shows this long before the idle timeout (static/vangnet/session.js).
WARN_SECONDS_BEFORE_EXPIRY = 5 * 60


@register.simple_tag(takes_context=True)
def session_seconds(context: template.Context) -> int:
    """How long the session lives without activity from now (renewed at most once a minute)."""
    from vangnet.accounts.middleware import session_seconds_left

    request = context.get("request")
    return session_seconds_left(getattr(request, "session", None))


@register.simple_tag
def session_warn_seconds() -> int:
    return min(WARN_SECONDS_BEFORE_EXPIRY, int(settings.SESSION_COOKIE_AGE) // 2)
