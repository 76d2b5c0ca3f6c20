"""The casus page's link to its means page (the casus page already wrote its read row)."""

from typing import Any

from django import template
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from vangnet.middelen import policies
from vangnet.middelen.models import Inzet, Wachtlijst

register = template.Library()


@register.inclusion_tag("middelen/includes/casus_section.html", takes_context=True)
def middelen_casus_section(context: Any, casus: Any) -> dict[str, Any]:
    """A short card with counts, for whoever may see the means (nothing otherwise)."""
    if not policies.can_view_middelen(context["request"].user, casus):
        return {"shown": False}
    known = casus.__dict__.get("page_summary") or {}
    if "inzet_count" in known:  # the casus page counted them with its other sections
        return {
            "shown": True,
            "casus": casus,
            "inzet_count": known["inzet_count"],
            "waiting_count": known["waiting_count"],
        }
    # one query for both counts (the casus' own class: this app does not import the cases app)
    counts = type(casus)._default_manager.filter(pk=casus.pk).values(
        inzet_count=_count(Inzet.objects.filter(casus=OuterRef("pk"))),
        waiting_count=_count(Wachtlijst.objects.filter(casus=OuterRef("pk"), status="wachtend")),
    ).first() or {"inzet_count": 0, "waiting_count": 0}
    return {"shown": True, "casus": casus, **counts}


def _count(qs: Any) -> Any:
    """The number of rows of ``qs`` as a scalar subquery."""
    return Coalesce(Subquery(qs.order_by().values("casus").annotate(n=Count("pk")).values("n")[:1]), 0)
