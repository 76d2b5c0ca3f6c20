"""Person page helpers (masking, the related records a user may see, and their logging)
and the registry's business rules: merge, split, addresses over time, duplicate review."""

from collections import defaultdict
from typing import Any

import structlog
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.access import policies
from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext, ObjectType, audit
from vangnet.core.concurrency import ConcurrentEditError

from .matching.index import PERSON_FIELDS, index_person, person_features

# The registry's name keys and the matcher's reason labels, named here for the other apps
# (triage, inbeeld): they call the persons service, not the matcher's modules.
from .matching.names import given_key as given_key
from .matching.names import surname_key as surname_key
from .matching.store_models import PersonMatchKey, PersonSourceRecord
from .matching.trained import current_weights
from .models import (
    AliasKind,
    DuplicateCandidate,
    Person,
    PersonAddress,
    PersonAlias,
    PersonMergeRecord,
    PersonSplitRecord,
)
from .reasons import reason_labels as reason_labels

PERSON_DETAIL = "persoonspagina"


def mask_bsn(bsn: str) -> str:
    """Only the last three digits are shown: '******123'."""
    if not bsn:
        return ""
    return "*" * (len(bsn) - 3) + bsn[-3:]


def safe_reverse(name: str, pk) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def related_records(user, person) -> tuple[list, list]:
    """The meldingen and casussen about this person the user may see, each with its basis."""
    # Visibility and basis of every record in one query per kind (the bulk rules that
    # give the same answers as melding_/casus_access_basis), not one check per record.
    from vangnet.search.policies import casussen_with_basis, grants_of, meldingen_with_basis

    grants = grants_of(user)
    meldingen = meldingen_with_basis(
        user, person.meldingen.select_related("meldpunt", "casus", "person").order_by("-received_at"), grants
    )
    casussen = casussen_with_basis(
        user, person.casussen.select_related("organisation", "person", "casusregisseur").order_by("-opened_at"), grants
    )
    melding_rows = [{"obj": m, "basis": basis, "url": safe_reverse("intake:detail", m.pk)} for m, basis in meldingen]
    casus_rows = [{"obj": c, "basis": basis, "url": safe_reverse("cases:detail", c.pk)} for c, basis in casussen]
    return melding_rows, casus_rows


def related_records_by_basis(melding_rows, casus_rows) -> dict:
    """The shown meldingen and casussen grouped by basis (so break-glass reads are flagged)."""
    groups = defaultdict(lambda: {"meldingen": [], "casussen": []})
    for row in melding_rows:
        groups[row["basis"]]["meldingen"].append(row["obj"])
    for row in casus_rows:
        groups[row["basis"]]["casussen"].append(row["obj"])
    return dict(groups)


def access_log_for_person(person):
    """Every access-log row about this person: by person id (including records merged
    into it), and by the ids of their meldingen and casussen (rows written before the
    melding was linked)."""
    return access_log_for_person_with_merged(person)


# --- registry: merge, split, addresses over time, duplicate review -------------

logger = structlog.get_logger(__name__)
Action = AccessLog.Action

MIN_REASON = 10
ADDRESS_FIELDS = ("street", "house_number", "postcode", "city", "place_description")
NAME_FIELDS = ("given_names", "roepnaam", "tussenvoegsel", "surname")
# Identity fields the split form may set on the new person.
IDENTITY_FIELDS = (
    "given_names",
    "roepnaam",
    "tussenvoegsel",
    "surname",
    "partner_prefix",
    "partner_surname",
    "sex",
    "date_of_birth",
    "dob_precision",
    "estimated_birth_year",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "place_description",
    "phone",
)
# Empty fields of the kept person that the merge fills from the removed one.
FILLABLE_FIELDS = (
    "given_names",
    "roepnaam",
    "tussenvoegsel",
    "surname",
    "partner_prefix",
    "partner_surname",
    "sex",
    "date_of_birth",
    "dob_precision",
    "estimated_birth_year",
    "bsn",
    "phone",
)


def _reason_error(reason: str) -> ValidationError | None:
    if len((reason or "").strip()) < MIN_REASON:
        return ValidationError(
            _("Geef een reden van minstens %(n)d tekens.") % {"n": MIN_REASON}, code="reason_required"
        )
    return None


def reindex(person) -> None:
    """Refresh the matcher's keys of ``person``."""
    index_person(person)


def _drop_match_keys(person) -> None:
    """An inactive (merged-away) person must never come up as a candidate again."""
    PersonMatchKey.objects.filter(person_id=person.pk).delete()


def _lock(person, expected_version) -> Person:
    """Re-read ``person`` under a row lock and check nobody changed it since the user looked."""
    current = Person.objects.select_for_update().filter(pk=person.pk).first()
    if current is None or not current.is_active:
        raise ConcurrentEditError(ConcurrentEditError.message)
    if expected_version is not None and current.version != int(expected_version):
        raise ConcurrentEditError(ConcurrentEditError.message)
    return current


def _norm(value) -> str:
    return " ".join(str(value or "").lower().split())


def _same_name(a, b) -> bool:
    return all(_norm(getattr(a, f)) == _norm(getattr(b, f)) for f in NAME_FIELDS)


def _address_key(obj) -> tuple:
    return (
        _norm(obj.street),
        _norm(obj.house_number),
        _norm(obj.postcode).replace(" ", ""),
        _norm(obj.city),
        _norm(obj.place_description),
    )


def _has_address(obj) -> bool:
    return any(getattr(obj, f) for f in ADDRESS_FIELDS)


def person_snapshot(person) -> dict:
    data = {}
    for f in Person._meta.concrete_fields:
        value = getattr(person, f.attname)
        data[f.attname] = value.isoformat() if hasattr(value, "isoformat") else value
    data["aliases"] = [
        {"kind": a.kind, "given_names": a.given_names, "prefix": a.prefix, "surname": a.surname, "note": a.note}
        for a in person.aliases.all()
    ]
    data["addresses"] = [
        {f: getattr(a, f) for f in ADDRESS_FIELDS} | {"source": a.source} for a in person.addresses.all()
    ]
    return data


def merged_person_ids(person) -> list[int]:
    """The ids of every record merged (directly or through a chain) into ``person``."""
    found: list[int] = []
    frontier = [person.pk]
    while frontier:
        ids = list(Person.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
        ids = [i for i in ids if i not in found]
        found += ids
        frontier = ids
    return found


def access_log_for_person_with_merged(person):
    """The access log of a person including the rows written about records merged into it."""
    ids = [str(person.pk)] + [str(pk) for pk in merged_person_ids(person)]
    melding_ids = [str(pk) for pk in person.meldingen.values_list("pk", flat=True)]
    casus_ids = [str(pk) for pk in person.casussen.values_list("pk", flat=True)]
    cond = Q(person_id__in=ids)
    if melding_ids:
        cond |= Q(melding_id__in=melding_ids)
    if casus_ids:
        cond |= Q(casus_id__in=casus_ids)
    return AccessLog.objects.filter(cond).order_by("-timestamp", "-id")


def _log_moved(by, context, melding_ids, casus_ids, *, source, target, reason: str) -> None:
    """One update row per melding and casus that moved from one person to another."""
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    for m in Melding.objects.filter(pk__in=melding_ids):
        audit(
            by,
            Action.UPDATE,
            context=context,
            person=target,
            melding=m,
            object_type=ObjectType.MELDING,
            detail=f"melding verplaatst van persoon {source.pk} naar {target.pk}",
            reason=reason,
        )
    for c in Casus.objects.filter(pk__in=casus_ids):
        audit(
            by,
            Action.UPDATE,
            context=context,
            person=target,
            casus=c,
            object_type=ObjectType.CASUS,
            detail=f"casus verplaatst van persoon {source.pk} naar {target.pk}",
            reason=reason,
        )


@transaction.atomic
def merge_persons(
    keep, remove, *, by, reason: str, keep_version=None, remove_version=None, context: AuditContext | None = None
) -> PersonMergeRecord:
    """Make ``keep`` the one record of a person known twice.

    Every melding, casus, break-glass grant, alias and address of ``remove`` moves
    to ``keep``; the removed name and address are kept as an alias and an earlier
    address; empty fields of ``keep`` are filled. ``remove`` stays as an inactive
    record with ``merged_into`` set (so no link or log line breaks), and a
    PersonMergeRecord keeps a snapshot of it. Raises ValidationError (Dutch) for a
    missing reason or an impossible pair, ConcurrentEditError if either changed."""
    from vangnet.access.models import BreakGlassGrant
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    reason = (reason or "").strip()
    errors = {}
    if err := _reason_error(reason):
        errors["reason"] = [err]
    if keep.pk == remove.pk:
        errors[NON_FIELD_ERRORS] = [
            ValidationError(_("Een persoon kan niet met zichzelf worden samengevoegd."), code="same")
        ]
    if errors:
        raise ValidationError(errors)
    # Lock in id order so two merges of the same pair cannot deadlock.
    first, second = sorted([(keep, keep_version), (remove, remove_version)], key=lambda t: t[0].pk)
    locked = {p.pk: _lock(p, v) for p, v in (first, second)}
    keep, remove = locked[keep.pk], locked[remove.pk]

    snapshot = person_snapshot(remove)
    melding_ids = list(Melding.objects.filter(person=remove).values_list("pk", flat=True))
    casus_ids = list(Casus.objects.filter(person=remove).values_list("pk", flat=True))
    Melding.objects.filter(pk__in=melding_ids).update(person=keep, version=F("version") + 1)
    Casus.objects.filter(pk__in=casus_ids).update(person=keep, version=F("version") + 1)
    grants = BreakGlassGrant.objects.filter(person=remove).update(person=keep)
    aliases = PersonAlias.objects.filter(person=remove).update(person=keep)
    addresses = PersonAddress.objects.filter(person=remove).update(person=keep)
    PersonSourceRecord.objects.filter(person=remove).update(person=keep)

    created_alias = None
    if not _same_name(keep, remove) and (remove.surname or remove.given_names):
        created_alias = PersonAlias.objects.create(
            person=keep,
            kind=AliasKind.ALIAS,
            given_names=remove.roepnaam or remove.given_names,
            prefix=remove.tussenvoegsel,
            surname=remove.surname,
            note=_("naam van samengevoegde persoon %(id)s") % {"id": remove.pk},
        )
    created_address = None
    if _has_address(remove) and _address_key(remove) != _address_key(keep):
        created_address = PersonAddress.objects.create(
            person=keep,
            **{f: getattr(remove, f) for f in ADDRESS_FIELDS},
            source=_("samengevoegde persoon %(id)s") % {"id": remove.pk},
        )
    filled = []
    for f in FILLABLE_FIELDS:
        if getattr(keep, f) in ("", None) and getattr(remove, f) not in ("", None):
            setattr(keep, f, getattr(remove, f))
            filled.append(f)
    if not _has_address(keep) and _has_address(remove):
        for f in ADDRESS_FIELDS:
            setattr(keep, f, getattr(remove, f))
        filled += list(ADDRESS_FIELDS)
    if filled:
        from .matching.names import given_key, surname_key

        keep.surname_key = surname_key(keep.surname, keep.tussenvoegsel)
        keep.given_key = given_key(keep.roepnaam or keep.given_names)
        filled_fields = filled + ["surname_key", "given_key"]
    else:
        filled_fields = []
    keep.save_versioned(keep.version, filled_fields)

    remove.is_active = False
    remove.merged_into = keep
    remove.save_versioned(remove.version, ["is_active", "merged_into"])
    _drop_match_keys(remove)
    DuplicateCandidate.objects.filter(
        Q(person_a=keep, person_b=remove) | Q(person_a=remove, person_b=keep), status=DuplicateCandidate.Status.OPEN
    ).update(status=DuplicateCandidate.Status.MERGED, decided_by=by, decided_at=timezone.now(), decision_reason=reason)
    # Other proposals about the removed record are closed; the next review run proposes the kept one.
    DuplicateCandidate.objects.filter(person_a=remove, status=DuplicateCandidate.Status.OPEN).exclude(
        person_b=keep
    ).update(
        status=DuplicateCandidate.Status.MERGED,
        decided_by=by,
        decided_at=timezone.now(),
        decision_reason=_("opgeheven bij samenvoeging in %(id)s") % {"id": keep.pk},
    )
    DuplicateCandidate.objects.filter(person_b=remove, status=DuplicateCandidate.Status.OPEN).exclude(
        person_a=keep
    ).update(
        status=DuplicateCandidate.Status.MERGED,
        decided_by=by,
        decided_at=timezone.now(),
        decision_reason=_("opgeheven bij samenvoeging in %(id)s") % {"id": keep.pk},
    )

    moved = {
        "meldingen": melding_ids,
        "casussen": casus_ids,
        "noodtoegangen": grants,
        "andere_namen": aliases,
        "adressen": addresses,
        "aangevuld": filled,
    }
    record = PersonMergeRecord.objects.create(
        kept=keep, removed=remove, snapshot=snapshot, moved=moved, reason=reason, by=by
    )
    reindex(keep)

    log = {"context": context, "reason": reason}
    audit(
        by,
        Action.UPDATE,
        person=keep,
        object_type=ObjectType.PERSOON,
        detail=f"persoon {remove.pk} samengevoegd in persoon {keep.pk} (samenvoeging {record.pk})",
        **log,
    )
    audit(
        by,
        Action.DELETE,
        person=remove,
        object_type=ObjectType.PERSOON,
        detail=f"persoon opgeheven: samengevoegd in persoon {keep.pk} (samenvoeging {record.pk})",
        **log,
    )
    _log_moved(by, context, melding_ids, casus_ids, source=remove, target=keep, reason=reason)
    if created_alias:
        audit(
            by,
            Action.CREATE,
            person=keep,
            object_type=ObjectType.ANDERE_NAAM,
            detail=f"naam van persoon {remove.pk} bewaard als andere naam",
            **log,
        )
    if created_address:
        audit(
            by,
            Action.CREATE,
            person=keep,
            object_type=ObjectType.ADRES,
            detail=f"adres van persoon {remove.pk} bewaard als eerder adres",
            **log,
        )
    logger.info(
        "persons.merged",
        merge_id=record.pk,
        kept_id=keep.pk,
        removed_id=remove.pk,
        by=by.pk,
        meldingen=len(melding_ids),
        casussen=len(casus_ids),
        filled=filled,
    )
    return record


def split_consistency_errors(person, meldingen, casussen) -> list[str]:
    """A melding and its casus move together: otherwise the casus would be about someone else."""
    melding_ids = {m.pk for m in meldingen}
    casus_ids = {c.pk for c in casussen}
    errors = []
    for m in meldingen:
        if m.casus_id and m.casus_id not in casus_ids and m.casus.person_id == person.pk:
            errors.append(
                _("Melding %(m)s hoort bij casus %(c)s: verplaats die casus mee of laat de melding staan.")
                % {"m": m.reference, "c": m.casus.reference}
            )
    for c in casussen:
        for m in c.meldingen.filter(person=person).exclude(pk__in=melding_ids):
            errors.append(
                _("Casus %(c)s hoort bij melding %(m)s: verplaats die melding mee of laat de casus staan.")
                % {"m": m.reference, "c": c.reference}
            )
    return errors


@transaction.atomic
def split_person(
    person,
    *,
    meldingen,
    casussen,
    new_identity: dict,
    by,
    reason: str,
    expected_version=None,
    context: AuditContext | None = None,
) -> tuple[Person, PersonSplitRecord]:
    """One record turned out to hold two people: register the other one from
    ``new_identity`` and move exactly the chosen meldingen and casussen to it."""
    from vangnet.cases.models import Casus
    from vangnet.intake.models import Melding

    reason = (reason or "").strip()
    # Re-read: the caller's objects may be stale (the person they point to is what counts).
    meldingen = list(Melding.objects.select_related("casus").filter(pk__in=[m.pk for m in meldingen]))
    casussen = list(Casus.objects.filter(pk__in=[c.pk for c in casussen]))
    errors: dict[str, list] = {}
    if err := _reason_error(reason):
        errors["reason"] = [err]
    if not meldingen and not casussen:
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            ValidationError(_("Kies minstens één melding of casus die bij de andere persoon hoort."), code="nothing")
        )
    if any(m.person_id != person.pk for m in meldingen) or any(c.person_id != person.pk for c in casussen):
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            ValidationError(_("Kies alleen meldingen en casussen van deze persoon."), code="not_own")
        )
    identity = {k: v for k, v in (new_identity or {}).items() if k in IDENTITY_FIELDS and v not in (None, "")}
    if not any(identity.get(f) for f in ("given_names", "surname", "roepnaam", "place_description")):
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            ValidationError(_("Vul voor de nieuwe persoon minstens een naam of een omschrijving in."), code="identity")
        )
    for msg in split_consistency_errors(person, meldingen, casussen):
        errors.setdefault(NON_FIELD_ERRORS, []).append(ValidationError(msg, code="inconsistent"))
    if errors:
        raise ValidationError(errors)
    current = _lock(person, expected_version)

    new_person = Person.objects.create(**identity)  # post_save indexes the new person for the matcher
    melding_ids = sorted(m.pk for m in meldingen)
    casus_ids = sorted(c.pk for c in casussen)
    Melding.objects.filter(pk__in=melding_ids, person=current).update(person=new_person, version=F("version") + 1)
    Casus.objects.filter(pk__in=casus_ids, person=current).update(person=new_person, version=F("version") + 1)
    current.save_versioned(current.version, [])
    record = PersonSplitRecord.objects.create(
        source=current, new_person=new_person, melding_ids=melding_ids, casus_ids=casus_ids, reason=reason, by=by
    )
    reindex(current)

    log = {"context": context, "reason": reason}
    audit(
        by,
        Action.CREATE,
        person=new_person,
        object_type=ObjectType.PERSOON,
        detail=f"nieuwe persoon bij splitsing van persoon {current.pk} (splitsing {record.pk})",
        **log,
    )
    audit(
        by,
        Action.UPDATE,
        person=current,
        object_type=ObjectType.PERSOON,
        detail=f"persoon gesplitst: deel verplaatst naar persoon {new_person.pk} (splitsing {record.pk})",
        **log,
    )
    _log_moved(by, context, melding_ids, casus_ids, source=current, target=new_person, reason=reason)
    logger.info(
        "persons.split",
        split_id=record.pk,
        source_id=current.pk,
        new_person_id=new_person.pk,
        by=by.pk,
        meldingen=len(melding_ids),
        casussen=len(casus_ids),
    )
    return new_person, record


@transaction.atomic
def change_address(
    person,
    *,
    by,
    expected_version: int,
    valid_from=None,
    source: str = "",
    context: AuditContext | None = None,
    **address,
) -> Person:
    """Set the person's current address; the old one is kept as an earlier address."""
    new = {f: (address.get(f) or "").strip() for f in ADDRESS_FIELDS}
    current = _lock(person, expected_version)
    if _has_address(current) and _address_key(current) != _address_key(PersonAddress(**new)):
        PersonAddress.objects.create(
            person=current,
            **{f: getattr(current, f) for f in ADDRESS_FIELDS},
            valid_to=valid_from or timezone.localdate(),
            source=source,
        )
    for f, v in new.items():
        setattr(current, f, v)
    current.save_versioned(expected_version, list(ADDRESS_FIELDS))
    reindex(current)
    audit(
        by,
        Action.UPDATE,
        context=context,
        person=current,
        object_type=ObjectType.ADRES,
        detail="adres gewijzigd; oud adres bewaard",
        reason=source or "adreswijziging",
    )
    return current


# --- batch duplicate review ---------------------------------------------------------


def _clusters(pairs: list[tuple[int, int]]) -> dict[int, int]:
    """Connected components of the proposed pairs: person id -> smallest id in its cluster."""
    parent: dict[int, int] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def propose_duplicates(*, threshold: float = 0.5, batch_size: int = 5000) -> dict:
    """Score likely duplicate pairs among the active persons with the matcher and store new
    proposals as DuplicateCandidate rows (pairs already reviewed are not proposed again)."""
    from vangnet.persons.matching import dedup
    from vangnet.persons.matching.scoring import compare, probability

    ids: list[str] = []
    feats = []
    last = 0
    while True:
        rows = list(
            Person.objects.filter(is_active=True, pk__gt=last).order_by("pk").values(*PERSON_FIELDS)[:batch_size]
        )
        if not rows:
            break
        last = rows[-1]["id"]
        for r in rows:
            ids.append(str(r["id"]))
            feats.append(person_features(r))
    index = {pid: i for i, pid in enumerate(ids)}
    found = sorted(
        (
            (int(a), int(b), s)
            for a, b, s in dedup.duplicate_pairs(ids, feats, threshold=threshold, model=current_weights())
        ),
        key=lambda t: (min(t[0], t[1]), max(t[0], t[1])),
    )
    pairs = [(min(a, b), max(a, b), s) for a, b, s in found]
    clusters = _clusters([(a, b) for a, b, _s in pairs])
    existing = set(DuplicateCandidate.objects.values_list("person_a_id", "person_b_id"))
    new_rows = []
    for a, b, score in pairs:
        if (a, b) in existing:
            continue
        c = compare(feats[index[str(a)]], feats[index[str(b)]])
        new_rows.append(
            DuplicateCandidate(
                person_a_id=a,
                person_b_id=b,
                score=round(max(score, probability(c.score)), 4),
                reasons={"agree": c.agree, "conflict": c.conflict},
                cluster=clusters[a],
            )
        )
    result = {"persons": len(ids), "pairs": len(pairs), "new": len(new_rows), "clusters": len(set(clusters.values()))}
    with transaction.atomic():  # the proposals and their log row together
        DuplicateCandidate.objects.bulk_create(new_rows, batch_size=1000)
        # Existing open proposals follow the new clustering.
        for a, root in clusters.items():
            DuplicateCandidate.objects.filter(person_a_id=a, status=DuplicateCandidate.Status.OPEN).exclude(
                cluster=root
            ).update(cluster=root)
        audit(
            None,
            Action.EXECUTE,
            object_type=ObjectType.PERSOON,
            detail=f"dubbelingencontrole: {result['new']} nieuwe voorstellen in {result['clusters']} clusters",
            reason="dubbelingencontrole register",
        )
    logger.info("persons.dedup_review", **result)
    return result


def open_duplicates(user):
    """Open proposals where the user may see both persons: the access rule the guard uses too."""
    return policies.visible_open_duplicates(user)


@transaction.atomic
def dismiss_duplicate(
    candidate: DuplicateCandidate, *, by, reason: str, context: AuditContext | None = None
) -> DuplicateCandidate:
    reason = (reason or "").strip()
    if err := _reason_error(reason):
        raise ValidationError({"reason": [err]})
    updated = DuplicateCandidate.objects.filter(pk=candidate.pk, status=DuplicateCandidate.Status.OPEN).update(
        status=DuplicateCandidate.Status.DISMISSED, decided_by=by, decided_at=timezone.now(), decision_reason=reason
    )
    if updated != 1:
        raise ConcurrentEditError(ConcurrentEditError.message)
    candidate.refresh_from_db()
    for p in (candidate.person_a, candidate.person_b):
        audit(
            by,
            Action.UPDATE,
            context=context,
            person=p,
            object_type=ObjectType.DUBBELE_KANDIDAAT,
            detail=f"voorstel {candidate.pk}: personen {candidate.person_a_id} en {candidate.person_b_id} "
            "zijn geen dubbele",
            reason=reason,
        )
    logger.info(
        "persons.duplicate_dismissed",
        candidate_id=candidate.pk,
        person_a=candidate.person_a_id,
        person_b=candidate.person_b_id,
        by=by.pk,
    )
    return candidate


def page_flags(pk: int) -> dict[str, Any]:
    """For the person page, in one query before the guard: where a merged-away person went
    (``merged_into``, else None) and whether the person has aliases, addresses, a restriction
    in effect or consents at all, so the page and its sections skip what is empty. Nothing
    here is shown before the guard has allowed the page. {} when there is no such person."""
    from django.db.models import Exists

    from vangnet.grondslagen.models import Toestemming
    from vangnet.verzoeken.models import Soort, Status, Verzoek

    restriction = Verzoek.objects.filter(
        person_id=pk, kind=Soort.BEPERKING, status=Status.TOEGEWEZEN, restriction_lifted_on=None
    )
    row = (
        Person.objects.filter(pk=pk)
        .annotate(
            has_aliases=Exists(PersonAlias.objects.filter(person_id=pk)),
            has_addresses=Exists(PersonAddress.objects.filter(person_id=pk)),
            has_restriction=Exists(restriction),
            has_consents=Exists(Toestemming.objects.filter(person_id=pk)),
        )
        .values("is_active", "merged_into_id", "has_aliases", "has_addresses", "has_restriction", "has_consents")
        .first()
    )
    if row is None:
        return {}
    flags: dict[str, Any] = {k: row[k] for k in ("has_aliases", "has_addresses", "has_restriction", "has_consents")}
    flags["merged_into"] = row["merged_into_id"] if not row["is_active"] else None
    return flags
