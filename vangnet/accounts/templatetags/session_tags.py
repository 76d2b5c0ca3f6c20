from django import template
from django.conf import settings

register = template.Library()

# The warning shows this long before the idle timeout (static/vangnet/session.js).
WARN_SECONDS_BEFORE_EXPIRY = 5 * 60


@register.simple_tag
def session_seconds() -> int:
    """How long an idle session lives (renewed by every request)."""
    return int(settings.SESSION_COOKIE_AGE)


@register.simple_tag
def session_warn_seconds() -> int:
    return min(WARN_SECONDS_BEFORE_EXPIRY, int(settings.SESSION_COOKIE_AGE) // 2)
