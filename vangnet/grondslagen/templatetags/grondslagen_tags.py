"""Task, ground and consent on other apps' pages: the casus page's block (task,
ground, history, the person's consents) and the person page's consent block. The
pages around them already wrote their read rows (the casus, the person)."""

from typing import Any

from django import template

from vangnet.grondslagen import catalogue, policies, services

register = template.Library()


def _consent_rows(can_withdraw: bool, person: Any, *, none: bool = False) -> list[dict[str, Any]]:
    """``none``: the page knows the person has no consents (no query)."""
    return [
        {"t": t, "in_force": services.is_in_force(t), "can_withdraw": can_withdraw and t.withdrawn_on is None}
        for t in ([] if none else services.consents(person))
    ]


@register.inclusion_tag("grondslagen/includes/casus_section.html", takes_context=True)
def grondslagen_casus_section(context: Any, casus: Any) -> dict[str, Any]:
    """The casus' task and ground with its history, and the person's consents and objections."""
    user = context["request"].user
    if policies.grondslag_basis(user, casus) is None:
        return {"shown": False}
    # the casus page's one query over its sections brought the stored row along
    known = casus.__dict__.get("page_summary") or {}
    if "grondslag" in known:
        current = services.current_basis(casus, known=(known["grondslag"], known["has_onderzoek"]))
    else:
        current = services.current_basis(casus)
    fit = catalogue.spec(current.task).fit(current.ground)
    # once for the consents and the record link; this casus (its membership is remembered) first
    can_record = policies.can_record_consent(user, casus.person, casus=casus)
    return {
        "shown": True,
        "casus": casus,
        "person": casus.person,
        "current": current,
        "fit": fit,
        "history": [] if known.get("has_grondslag_history") is False else services.history(casus),
        "can_change": policies.can_change_grondslag(user, casus),
        "consents": _consent_rows(can_record, casus.person, none=known.get("has_consents") is False),
        "can_record": can_record,
        "open_overrides": services.overrides_to_review(user).filter(casus=casus, reviewed_at__isnull=True).count(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("grondslagen/includes/person_section.html", takes_context=True)
def grondslagen_person_section(
    context: Any, person: Any, basis: Any = None, has_consents: Any = None
) -> dict[str, Any]:
    """``basis``: the person page's own ``person_access_basis`` for this user (consent is
    seen with the person), so it is not asked again; without it the tag asks.
    ``has_consents``: False when the page knows the person has none (no query)."""
    user = context["request"].user
    if not isinstance(basis, str) or not basis:  # not given (a missing variable is ""): ask
        basis = policies.consent_basis(user, person)
    if basis is None:
        return {"shown": False}
    can_record = policies.can_record_consent(user, person, basis=basis)
    return {
        "shown": True,
        "person": person,
        "consents": _consent_rows(can_record, person, none=has_consents is False),
        "can_record": can_record,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("grondslagen/includes/sharing_note.html")
def grondslagen_sharing_note(person: Any) -> dict[str, Any]:
    """On a sharing form: the person's objections and consents in force, so the worker
    knows before she chooses (the page around it already logged its read of the casus)."""
    in_force = [t for t in services.consents(person) if services.is_in_force(t)]
    return {
        "objections": [t for t in in_force if t.soort == "bezwaar"],
        "consents": [t for t in in_force if t.soort == "toestemming"],
    }
