"""The Wvggz section of the casus page: onderzoeken about this casus's meldingen
(or that started it), as far as the user may see them; each shown one is logged."""

from django import template
from django.db.models import Q

from vangnet.audit.models import AccessLog, ObjectType
from vangnet.audit.services import log_access
from vangnet.wvggz import policies
from vangnet.wvggz.deadlines import term_state
from vangnet.wvggz.models import Onderzoek

register = template.Library()


@register.inclusion_tag("wvggz/_casus_section.html", takes_context=True)
def wvggz_casus_section(context, casus):
    request = context.get("request")
    user = getattr(request, "user", None)
    shown: list = []
    known = casus.__dict__.get("page_summary") or {}
    if known.get("has_any_onderzoek") is False:  # the casus page asked already: none
        return {"onderzoeken": shown}
    qs = Onderzoek.objects.filter(Q(casus=casus) | Q(melding__casus=casus)).select_related("melding").distinct()
    # whether the user works on each onderzoek in the same query, not one per onderzoek
    for onderzoek in policies.assigned_to(user, policies.summary_onderzoeken(user, qs)).order_by("-started_at"):
        policies.remember_assigned(user, onderzoek)
        basis = policies.onderzoek_summary_basis(user, onderzoek)
        if basis is None:
            continue
        log_access(
            request,
            AccessLog.Action.READ,
            melding=onderzoek.melding,
            object_type=ObjectType.WVGGZ_ONDERZOEK,
            detail=f"{onderzoek.reference}: op casuspagina {casus.reference}",
            reason=basis,
        )
        shown.append((onderzoek, term_state(onderzoek.deadline)))
    return {"onderzoeken": shown}
