"""The navigation bar's links, rendered once per role, flags, language and URL setup and
kept in the process: some twenty URL reversals and translations that were drawn anew on
every page (issue 17: about 2 ms a request). The links hold no personal data; the flags
passed to the template are the only user facts that may decide what shows."""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

_KEPT: dict[tuple, SafeString] = {}


def _flags(context: Any) -> dict[str, Any]:
    from vangnet.monitor.policies import can_view_monitor

    user = context.get("user")
    role = context.get("nav_role")
    return {
        "nav_role": role,
        "can_view_monitor": bool(user is not None and can_view_monitor(user)),
        "can_ask_inbeeld": bool(role == "partner" and user.has_perm("inbeeld.ask_inbeeld")),
    }


@register.simple_tag(takes_context=True)
def nav_links(context: Any, part: str) -> SafeString:
    flags = _flags(context)
    key = (part, *sorted(flags.items()), get_language(), get_script_prefix(), get_urlconf())
    html = _KEPT.get(key)
    if html is None:
        # A rendered template is already a SafeString: kept as it came.
        html = _KEPT[key] = render_to_string(f"includes/nav_links_{part}.html", flags)
    return html
