"""The rules of the naasten: add and change a naaste of a person, log a contact
with one, and which naasten an inzage may show. Each change writes its
access-log row in the same transaction; the row names the naaste's number and
relation, never the name or how to reach them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import Action, AuditContext, ObjectType, audit
from vangnet.core import plausible
from vangnet.core.errors import field_error as _invalid

from . import policies
from .models import MAX_NAME, MAX_NOTE, MAX_REACH, Consent, ContactWay, Naaste, NaasteContact, Relation

# A consent older than this is not plausible (a typing error in the year).
CONSENT_HORIZON = timedelta(days=20 * 366)
# Within this time the same naaste or contact sent again by the same worker is a double submit.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=10)


def _text(value: str, field: str, limit: int, required: str | None = None) -> str:
    value = (value or "").strip()
    if required and not value:
        raise _invalid(field, required, "required")
    if len(value) > limit:
        raise _invalid(field, _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": limit}, "too_long")
    return value


def naasten(person: Any) -> QuerySet[Naaste]:
    """All naasten of ``person`` (for the worker: melders included, marked)."""
    return Naaste.objects.filter(person=person).prefetch_related("contacts__by", "contacts__casus")


def naasten_for_inzage(person: Any) -> list[Naaste]:
    """The naasten the person may see at inzage (issue 16): never a naaste who is a
    melder, whatever the consent says (the melder is protected)."""
    return list(Naaste.objects.filter(person=person, is_melder=False).order_by("name", "id"))


def contacts(casus: Any) -> QuerySet[NaasteContact]:
    """The contacts with naasten of the person, newest first (on any casus of the person)."""
    return NaasteContact.objects.filter(naaste__person_id=casus.person_id).select_related("naaste", "by", "casus")


def _clean(
    *, name: str, relation: str, reach: str, consent: str, consent_on: date | None
) -> tuple[str, str, str, str, date | None]:
    name = _text(name, "name", MAX_NAME, _("Vul de naam van de naaste in."))
    if relation not in Relation.values:
        raise _invalid("relation", _("Kies de relatie."), "required")
    reach = _text(reach, "reach", MAX_REACH)
    if consent not in Consent.values:
        raise _invalid("consent", _("Kies wat de betrokkene wil dat u met deze naaste deelt."), "required")
    if consent_on is not None:
        plausible.check_past_day(
            consent_on,
            field="consent_on",
            not_before=timezone.localdate() - CONSENT_HORIZON,
            not_before_label=_("twintig jaar geleden"),
        )
    return name, relation, reach, consent, consent_on


def _audit(by: Any, context: AuditContext | None, casus: Any, object_type: str, action: str, detail: str) -> None:
    audit(
        by,
        action,
        context=context,
        casus=casus,
        object_type=object_type,
        detail=detail,
        reason=policies.naasten_basis(by, casus) or "",
    )


@transaction.atomic
def add_naaste(
    casus: Any,
    *,
    name: str,
    relation: str,
    reach: str = "",
    consent: str,
    consent_on: date | None = None,
    is_melder: bool = False,
    by: Any,
    context: AuditContext | None = None,
) -> Naaste:
    """Add a naaste to the person of ``casus``. The same naaste sent twice by the same
    worker shortly after (a double submit) is the first one, without a second row."""
    if not policies.can_edit_naasten(by, casus):
        raise PermissionDenied
    name, relation, reach, consent, consent_on = _clean(
        name=name, relation=relation, reach=reach, consent=consent, consent_on=consent_on
    )
    now = timezone.now()
    earlier = Naaste.objects.filter(
        person_id=casus.person_id,
        name=name,
        relation=relation,
        reach=reach,
        consent=consent,
        consent_on=consent_on,
        is_melder=is_melder,
        created_by=by,
        created_at__gte=now - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if earlier is not None:
        return earlier
    naaste = Naaste.objects.create(
        person_id=casus.person_id,
        name=name,
        relation=relation,
        reach=reach,
        consent=consent,
        consent_on=consent_on,
        is_melder=is_melder,
        created_by=by,
        created_at=now,
    )
    _audit(by, context, casus, ObjectType.NAASTE, Action.CREATE, f"naaste {naaste.pk} ({relation}) toegevoegd")
    return naaste


@transaction.atomic
def change_naaste(
    naaste: Naaste,
    *,
    expected_version: int,
    name: str,
    relation: str,
    reach: str = "",
    consent: str,
    consent_on: date | None = None,
    is_melder: bool = False,
    by: Any,
    context: AuditContext | None = None,
) -> Naaste:
    """Change a naaste. Optimistic locking: when someone saved it since
    ``expected_version``, ConcurrentEditError and nothing changes."""
    casus = policies.working_casus(by, naaste.person)
    if casus is None:
        raise PermissionDenied
    name, relation, reach, consent, consent_on = _clean(
        name=name, relation=relation, reach=reach, consent=consent, consent_on=consent_on
    )
    naaste.name, naaste.relation, naaste.reach = name, relation, reach
    naaste.consent, naaste.consent_on, naaste.is_melder = consent, consent_on, is_melder
    naaste.updated_by, naaste.updated_at = by, timezone.now()
    naaste.save_versioned(
        expected_version,
        ["name", "relation", "reach", "consent", "consent_on", "is_melder", "updated_by", "updated_at"],
    )
    _audit(by, context, casus, ObjectType.NAASTE, Action.UPDATE, f"naaste {naaste.pk} ({relation}) gewijzigd")
    return naaste


@transaction.atomic
def log_naaste_contact(
    casus: Any,
    *,
    naaste: Naaste | None,
    at: datetime | None,
    way: str,
    note: str = "",
    by: Any,
    context: AuditContext | None = None,
) -> NaasteContact:
    """Log a contact with a naaste of the person of ``casus``. The same contact sent
    twice (a double submit) is the first one."""
    if not policies.can_edit_naasten(by, casus):
        raise PermissionDenied
    if naaste is None or naaste.person_id != casus.person_id:
        raise _invalid("naaste", _("Kies met welke naaste er contact was."), "required")
    if at is None:
        raise _invalid("at", _("Vul in wanneer het contact was."), "required")
    plausible.check_moment(at, field="at", not_before=casus.opened_at, not_before_label=_("de start van de casus"))
    if way not in ContactWay.values:
        raise _invalid("way", _("Kies hoe het contact was."), "required")
    note = _text(note, "note", MAX_NOTE)
    earlier = NaasteContact.objects.filter(naaste=naaste, casus=casus, at=at, way=way, note=note, by=by).first()
    if earlier is not None:
        return earlier
    contact = NaasteContact.objects.create(
        naaste=naaste, casus=casus, at=at, way=way, note=note, by=by, created_at=timezone.now()
    )
    _audit(
        by,
        context,
        casus,
        ObjectType.NAASTE_CONTACT,
        Action.CREATE,
        f"contact met naaste {naaste.pk} ({way}) vastgelegd",
    )
    return contact
