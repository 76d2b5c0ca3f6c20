"""Who may search, and the basis of each record a search shows.

The search box answers with what the user may open, nothing more: every result
goes through the same rules as the pages (``vangnet.access.policies`` and, for
the Wvggz, ``vangnet.wvggz.policies``). The functions here are the bulk form of
``*_access_basis``: one query per kind for a page of results instead of a few per
record. tests/search/test_policies.py checks that they agree with the
single-record rules for every role of the permission world.

Partners (and the functioneel beheerder) have no register search: a partner sees
only the status of her own meldingen, which her own list shows."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet

from vangnet.access import policies as access
from vangnet.accounts import roles
from vangnet.accounts.roles import Role


def can_search(user: Any) -> bool:
    """The search box is for staff (meldpunt, bemoeizorger, teamleider, consultant)."""
    return access.is_staff_worker(user)


def grants_of(user: Any) -> set[int]:
    """The persons of the user's running break-the-glass grants (one query, meldpunt only)."""
    if not access.can_break_glass(user):
        return set()
    return set(access.active_grants(user).values_list("person_id", flat=True))


def _grant_annotation(user: Any, grants: set[int] | None, person: str) -> dict[str, Any]:
    """Whether the row's person (the column ``person``) is under one of the user's running
    grants, asked in the row's own query when the grants were not fetched already: no
    separate query for them."""
    if grants is not None or not access.can_break_glass(user):
        return {}
    return {"_granted": Exists(access.active_grants(user).filter(person_id=OuterRef(person)))}


def _granted(row: Any, person_id: int | None, grants: set[int] | None) -> bool:
    if grants is not None:
        return bool(person_id) and person_id in grants
    return bool(getattr(row, "_granted", False))


def _org_wide(user: Any) -> bool:
    return user.role in roles.ORGANISATION_WIDE


def casussen_with_basis(
    user: Any, qs: QuerySet, grants: set[int] | None = None, limit: int | None = None
) -> list[tuple[Any, str]]:
    """(casus, basis) for the casussen of ``qs`` the user may open, in ``qs``'s order: one
    query (``grants``: the user's grants when known, else asked in the same query)."""
    from vangnet.cases.models import CaseMember

    if not can_search(user):
        return []
    out = []
    member = Exists(CaseMember.objects.filter(casus=OuterRef("pk"), user=user))
    for c in qs.annotate(_member=member, **_grant_annotation(user, grants, "person_id"))[:limit]:
        if c._member:
            out.append((c, access.BASIS_MEMBER))
        elif _org_wide(user) and c.organisation_id == user.organisation_id:
            out.append((c, access.BASIS_ORGANISATION))
        elif _granted(c, c.person_id, grants):
            out.append((c, access.BASIS_BREAK_GLASS))
    return out


def meldingen_with_basis(
    user: Any, qs: QuerySet, grants: set[int] | None = None, limit: int | None = None
) -> list[tuple[Any, str]]:
    """(melding, basis) for the meldingen of ``qs`` the user may open, in ``qs``'s order: one
    query (``grants``: the user's grants when known, else asked in the same query)."""
    from vangnet.cases.models import CaseMember

    if not can_search(user):
        return []
    out = []
    member = Exists(CaseMember.objects.filter(casus=OuterRef("casus_id"), user=user))
    annotations = {"_member": member, "_casus_org": F("casus__organisation_id")}
    for m in qs.annotate(**annotations, **_grant_annotation(user, grants, "person_id"))[:limit]:
        if _org_wide(user) and m.meldpunt_id == user.organisation_id:
            out.append((m, access.BASIS_MELDPUNT))
        elif m.casus_id and m._member:
            out.append((m, access.BASIS_MEMBER))
        elif m.casus_id and _org_wide(user) and m._casus_org == user.organisation_id:
            out.append((m, access.BASIS_ORGANISATION))
        elif _granted(m, m.person_id, grants):
            out.append((m, access.BASIS_BREAK_GLASS))
    return out


def with_person_basis_facts(user: Any, qs: QuerySet, grants: set[int] | None = None) -> QuerySet:
    """``qs`` (persons) with what ``person_basis`` decides on, in the same query; also for
    a caller that needs every person of ``qs``, not only the visible ones (triage)."""
    from vangnet.cases.models import CaseMember, Casus
    from vangnet.intake.models import Melding

    if not can_search(user):
        return qs  # no facts: no basis
    org = user.organisation_id
    annotations: dict[str, Any] = {
        "_member": Exists(CaseMember.objects.filter(casus__person=OuterRef("pk"), user=user))
        | Exists(CaseMember.objects.filter(casus__meldingen__person=OuterRef("pk"), user=user))
    }
    if _org_wide(user):
        annotations["_organisation"] = Exists(
            Casus.objects.filter(person=OuterRef("pk"), organisation_id=org)
        ) | Exists(Melding.objects.filter(person=OuterRef("pk"), casus__organisation_id=org))
        annotations["_meldpunt"] = Exists(Melding.objects.filter(person=OuterRef("pk"), meldpunt_id=org))
    return qs.annotate(**annotations, **_grant_annotation(user, grants, "pk"))


def person_basis(p: Any, grants: set[int] | None = None) -> str | None:
    """The basis of a person fetched with ``with_person_basis_facts`` (None: not visible);
    ``grants=set()``: without break-the-glass, as ``person_access_basis(include_break_glass=False)``."""
    if getattr(p, "_member", False):
        return access.BASIS_MEMBER
    if getattr(p, "_organisation", False):
        return access.BASIS_ORGANISATION
    if getattr(p, "_meldpunt", False):
        return access.BASIS_MELDPUNT
    if _granted(p, p.pk, grants):
        return access.BASIS_BREAK_GLASS
    return None


def persons_with_basis(
    user: Any, qs: QuerySet, grants: set[int] | None = None, limit: int | None = None
) -> list[tuple[Any, str]]:
    """(person, basis) for the persons of ``qs`` the user may open, in ``qs``'s order: one
    query (``grants``: the user's grants when known, else asked in the same query)."""
    if not can_search(user):
        return []
    out = []
    for p in with_person_basis_facts(user, qs, grants)[:limit]:
        basis = person_basis(p, grants)
        if basis is not None:
            out.append((p, basis))
    return out


def onderzoeken_with_basis(user: Any, qs: QuerySet, limit: int | None = None) -> list[tuple[Any, str]]:
    """(onderzoek, basis) at summary level (what the Wvggz page opens for the user): one query.
    Break-the-glass never opens an onderzoek."""
    from vangnet.wvggz import policies as wvggz
    from vangnet.wvggz.models import OnderzoekWorker

    if not can_search(user):
        return []
    out = []
    qs = qs.filter(organisation_id=user.organisation_id)
    assigned = Exists(OnderzoekWorker.objects.filter(onderzoek=OuterRef("pk"), user=user))
    for o in qs.annotate(_assigned=assigned)[:limit]:
        if user.role == Role.TEAMLEIDER:
            out.append((o, wvggz.BASIS_TEAMLEIDER))
        elif o._assigned:
            out.append((o, wvggz.BASIS_WORKER))
        elif user.role == Role.MELDPUNT:
            out.append((o, wvggz.BASIS_MELDPUNT_SUMMARY))
    return out


def person_bases(user: Any, qs: QuerySet) -> dict[int, str]:
    return {p.pk: basis for p, basis in persons_with_basis(user, qs)}


def melding_bases(user: Any, qs: QuerySet) -> dict[int, str]:
    return {m.pk: basis for m, basis in meldingen_with_basis(user, qs)}


def casus_bases(user: Any, qs: QuerySet) -> dict[int, str]:
    return {c.pk: basis for c, basis in casussen_with_basis(user, qs)}


def onderzoek_bases(user: Any, qs: QuerySet) -> dict[int, str]:
    return {o.pk: basis for o, basis in onderzoeken_with_basis(user, qs)}
