from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name, *args):
    """The URL of a page another app may not provide yet; empty when it does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def concern_labels(melding: Any) -> list[str]:
    """The labels of the melding's zorgcategorieën, in their order (``services.concern_labels``)."""
    from vangnet.triage.services import concern_labels as labels

    return labels(melding)
