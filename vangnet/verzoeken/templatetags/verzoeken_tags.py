"""The restriction banner and the person page's requests section (one include line each
in persons/detail.html and cases/casus_detail.html)."""

from typing import Any

from django import template

from vangnet.audit.models import ObjectType
from vangnet.audit.services import ListRead, log_list_access
from vangnet.verzoeken import policies, services

register = template.Library()


@register.inclusion_tag("verzoeken/includes/banner.html")
def verzoeken_restriction_banner(person: Any, known: Any = None) -> dict[str, Any]:
    """``known``: False when the page asked already and there is no restriction."""
    restriction = None if known is False else services.active_restriction(person)
    return {"restriction": restriction}


@register.inclusion_tag("verzoeken/includes/person_section.html", takes_context=True)
def verzoeken_person_section(
    context: template.Context, person: Any, holds_records: Any = None, has_restriction: Any = None
) -> dict[str, Any]:
    """``holds_records``: whether the user's organisation holds records of the person, when
    the page knows it (True/False; anything else: the tag asks). ``has_restriction``: False
    when the page knows there is no restriction in effect (no query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    known = holds_records if isinstance(holds_records, bool) else None
    can_register = user is not None and policies.can_register_request(user, person, holds_records=known)
    return {
        "person": person,
        "restriction": None if has_restriction is False else services.active_restriction(person),
        "can_register": can_register,
        "verzoeken": services.requests_of_person(user, person) if can_register else [],
    }


@register.inclusion_tag("verzoeken/includes/worklist_section.html", takes_context=True)
def verzoeken_worklist_section(context: template.Context, known: Any = None) -> dict[str, Any]:
    """Worklist home of the teamleider: her organisation's open requests whose term ends
    within a week or has passed, overdue first (nothing for other roles). Each row shown
    is a read of the request, logged as such (the rows name no person). ``known``: False
    when the page found no open request already (no query)."""
    request = context["request"]
    rows = [] if known is False else services.worklist_rows(request.user)
    if rows:
        log_list_access(
            request,
            records=[
                ListRead(ObjectType.VERZOEK, reason=policies.BASIS_HANDLER, person=r.verzoek.person) for r in rows
            ],
            detail="werkvoorraad: verzoeken van betrokkenen",
        )
    return {"rows": rows, "can_view": policies.can_view_own_requests(request.user)}
