from django import template

from vangnet.audit.services import log_list_access

from .. import policies, services

register = template.Library()


@register.inclusion_tag("procesregie/casus_section.html", takes_context=True)
def procesregie_casus_section(context, casus):
    """The casus page's procesregie block (the page already logged the casus read)."""
    user = context["request"].user
    # one query: the open escalation (at most one) if there is one, else the latest
    known = casus.__dict__.get("page_summary") or {}
    none = known.get("has_escalation") is False  # the casus page asked already
    last = None if none else services.open_or_latest_escalation(casus)
    current = last if last is not None and last.status == last.Status.OPEN else None
    return {
        "casus": casus,
        "escalation": last,
        "can_open": last is not None and policies.escalation_access_basis(user, last) is not None,
        "can_escalate": current is None and policies.can_escalate(user, casus),
        "overdue_count": services.overdue_actions(current.actions.all()).count() if current else 0,
    }


@register.inclusion_tag("procesregie/worklist_section.html", takes_context=True)
def procesregie_worklist_section(context, known=None):
    """Worklist home: the regisseur's overdue actions (nothing when there are none).
    ``known``: False when the page counted none already (no query)."""
    request = context["request"]
    overdue = [] if known is False else services.regisseur_overdue_actions(request.user)
    if overdue:
        log_list_access(
            request,
            casussen={a.escalation.casus for a in overdue},
            detail="werkvoorraad: procesregie te laat",
            reason=policies.BASIS_REGISSEUR,
        )
    return {"overdue": overdue[:5], "overdue_count": len(overdue)}
