"""Template helpers of the paged, filtered lists.

``{% page_query number param %}``: the current query string with one page
parameter set. Django's ``{% querystring %}`` takes the parameter name
literally, so a page with two paged lists ("lopend" and "pagina" on Mijn
casussen) needs the name as a value.

``field|checkbox_choices``: (id, value, label, checked) per choice of a
checkbox group, for the filter forms. Rendering each choice through the form
renderer (``choice.tag``, one template per checkbox) was about a third of a list
page's template time with a few dozen filter choices."""

from typing import Any

from django import template
from django.forms import BoundField

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context: template.Context, number: int, param: str = "pagina") -> str:
    query = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()


@register.filter
def checkbox_choices(field: BoundField) -> list[tuple[str, str, Any, bool]]:
    selected = {str(v) for v in (field.value() or [])}
    return [
        (f"{field.auto_id}_{index}", str(value), label, str(value) in selected)
        for index, (value, label) in enumerate(getattr(field.field, "choices", ()))
    ]
