"""``{% page_query number param %}``: the current query string with one page parameter set.

Django's ``{% querystring %}`` takes the parameter name literally, so a page with
two paged lists ("lopend" and "pagina" on Mijn casussen) needs the name as a value."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context: template.Context, number: int, param: str = "pagina") -> str:
    query = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()
