from django import template

from ..services import questions_about

register = template.Library()


@register.inclusion_tag("inbeeld/casus_section.html")
def inbeeld_casus_section(casus):
    """Transparency on the casus page: which partner asked about this person and why.
    The page itself already checked and logged access to the casus."""
    return {"questions": questions_about(casus)}
