from django import template

from ..services import questions_about

register = template.Library()


@register.inclusion_tag("inbeeld/casus_section.html")
def inbeeld_casus_section(casus):
    """Transparency on the casus page: which partner asked about this person and why.
    The page itself already checked and logged access to the casus."""
    known = casus.__dict__.get("page_summary") or {}
    if known.get("has_inbeeld") is False:  # the casus page asked already: none
        return {"questions": []}
    return {"questions": questions_about(casus)}
