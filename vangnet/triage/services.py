"""Triage: is this person already known, and what do we do with the melding?"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, transaction
from django.db.models import Aggregate, BooleanField, Case, JSONField, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import JSONArray
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.access.policies import BASIS_TRIAGE, can_triage, visible_casussen
from vangnet.accounts import roles
from vangnet.accounts.models import User
from vangnet.audit.models import AccessLog
from vangnet.audit.services import Action, AuditContext, ObjectType, audit, audit_row, write_rows
from vangnet.cases.models import CaseMember, Casus, Phase
from vangnet.cases.services import casus_url, start_or_reopen_casus, update_members, validate_team
from vangnet.core import identity, plausible
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.intake.models import Melding
from vangnet.notifications.models import EventKind
from vangnet.notifications.services import notify_event
from vangnet.organisations.models import Team
from vangnet.persons.matching import search
from vangnet.persons.models import Person
from vangnet.persons.services import given_key, reason_labels, surname_key

# The Wvggz 14-day term lives in the wvggz app (one rule; re-exported for the triage screen).
from vangnet.wvggz.models import Onderzoek
from vangnet.wvggz.services import WVGGZ_DAYS, wvggz_deadline  # noqa: F401

from .models import Outcome, TriageDecision, YesNoUnknown


def triageable_meldingen(user: User) -> QuerySet[Melding]:
    """Only meldingen received by the user's own meldpunt can be triaged; others are 404."""
    return (
        Melding.objects.select_related("person", "casus", "meldpunt", "gemeente", "melder_organisation")
        .filter(meldpunt_id=user.organisation_id)
        .exclude(meldpunt_id=None)
    )


class _JSONList(Aggregate):
    """The rows' values as one JSON list (jsonb on PostgreSQL, which Django reads as text)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()
    allow_order_by = True

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _with_concerns(qs: QuerySet[Melding]) -> QuerySet[Melding]:
    """Each melding with its zorgcategorieën as (order, label) pairs in its own row, in the
    categories' order where the database can order an aggregate (else ``concern_labels``
    sorts them: SQLite compares text by code point, as Python does)."""
    pair = JSONArray("concerncategory__order", "concerncategory__label")
    ordered = connection.features.supports_aggregate_order_by_clause
    pairs = (
        _JSONList(pair, order_by=("concerncategory__order", "concerncategory__label")) if ordered else _JSONList(pair)
    )
    chosen = (
        Melding.categories.through.objects.filter(melding=OuterRef("pk"))
        .values("melding")
        .annotate(pairs=pairs)
        .values("pairs")  # type: ignore[misc]  # django-stubs does not follow an annotate after values()
    )
    return qs.annotate(_concerns=Subquery(chosen))


def concern_labels(melding: Melding) -> list[str]:
    """The labels of the melding's zorgcategorieën in their order: from its own row when it
    was fetched with ``_with_concerns``, else asked."""
    if not hasattr(melding, "_concerns"):
        return [c.label for c in melding.categories.all()]
    pairs = [(order, label) for order, label in getattr(melding, "_concerns", None) or []]
    if not connection.features.supports_aggregate_order_by_clause:
        pairs.sort()
    return [label for _order, label in pairs]


def triageable_with_decision(user: User) -> QuerySet[Melding]:
    """``triageable_meldingen`` with each one's decision (and what its page shows) and its
    zorgcategorieën in the same row."""
    return _with_concerns(
        triageable_meldingen(user).select_related("triage__decided_by", "triage__casus__casusregisseur")
    )


def melding_version(melding_id: int) -> int | None:
    """The melding's version as stored now (None once it is gone), to show a conflict."""
    return Melding.objects.filter(pk=melding_id).values_list("version", flat=True).first()


def onderzoek_opened_for(melding_id: int) -> int | None:
    """The verkennend onderzoek a Wvggz decision opened for this melding, if any."""
    return Onderzoek.objects.filter(melding_id=melding_id).values_list("pk", flat=True).first()


VERDICT_MATCH = "match"
VERDICT_POSSIBLE = "possible"


@dataclass
class KnownPerson:
    person: Person
    reasons: list[str]
    meldingen: list = field(default_factory=list)
    casussen: list = field(default_factory=list)
    # From the matcher: 0..1, "match"/"possible", and which fields agree or conflict.
    score: float | None = None
    verdict: str = ""
    agree: list[str] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    # The access basis of each history row (pk -> basis), found with the history itself.
    melding_bases: dict[int, str] = field(default_factory=dict)
    casus_bases: dict[int, str] = field(default_factory=dict)
    # The person's own basis without break-the-glass (None: none), when found with the
    # person; otherwise (person_basis_asked False) the access log asks it.
    person_basis: str | None = None
    person_basis_asked: bool = False

    @property
    def verdict_text(self) -> str:
        if self.verdict == VERDICT_MATCH:
            return _("waarschijnlijk dezelfde persoon")
        if self.verdict == VERDICT_POSSIBLE:
            return _("mogelijk dezelfde persoon")
        return ""

    @property
    def score_percent(self) -> int | None:
        return None if self.score is None else round(self.score * 100)


def melding_query(melding: Melding) -> dict:
    """The melding's description of the betrokkene, in the matcher's query fields."""
    return {
        "given_names": melding.given_names,
        "surname_prefix": melding.tussenvoegsel,
        "surname": melding.surname,
        "sex": melding.sex,
        "date_of_birth": melding.date_of_birth,
        "approx_age": melding.estimated_age if not melding.date_of_birth else None,
        "reference_year": timezone.localdate(melding.received_at).year if melding.received_at else None,
        "bsn": melding.bsn,
        "street": melding.street,
        "house_number": melding.house_number,
        "postcode": melding.postcode,
        "city": melding.city,
        "place_description": melding.place_description,
    }


def too_little_to_search(melding: Melding) -> bool:
    """The melding names none of the fields that single a person out (surname, date of
    birth, BSN, phone, address; an estimated age does not): the matcher ranks nobody
    (issue 14) and the screen asks for more and offers the search by hand and by place."""
    return search.too_little(melding_query(melding))


@dataclass
class PlaceFound:
    """A person known by a description of a place, found by the place search at triage."""

    person: Person
    basis: str
    agree: list[str] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)


def place_search(melding: Melding, user: User, text: str, limit: int = 10) -> list[PlaceFound]:
    """Persons known by a place description sharing a word with ``text``, ranked by the
    matcher's place rules (shared words, then the melding's sex and age), and only those
    the user may see (need-to-know, like the register search): a worker can pick one."""
    from vangnet.search.policies import persons_with_basis

    found = search.place_candidates({**melding_query(melding), "place_description": text}, limit)
    if not found:
        return []
    ids = [c.person_id for c in found]
    visible = {p.pk: (p, basis) for p, basis in persons_with_basis(user, Person.objects.filter(pk__in=ids))}
    out = []
    for c in found:
        if c.person_id in visible:
            person, basis = visible[c.person_id]
            out.append(PlaceFound(person, basis, reason_labels(c.agree), reason_labels(c.conflict)))
    return out


def _exact_lookup(melding: Melding) -> Q | None:
    """Same BSN, or same normalised surname with the same date of birth, or the same
    surname and first name at the same postcode. Kept as a safety net next to the
    matcher (persons without match keys, e.g. restored without a reindex)."""
    conds = Q()
    bsn = (melding.bsn or "").strip()
    if bsn:
        conds |= Q(bsn=bsn)
    skey = surname_key(melding.surname, melding.tussenvoegsel)
    if skey and melding.date_of_birth:
        conds |= Q(surname_key=skey, date_of_birth=melding.date_of_birth)
    gkey = given_key(melding.given_names)
    postcodes = identity.postcode_variants(melding.postcode)
    if skey and gkey and postcodes:
        conds |= Q(surname_key=skey, given_key=gkey, postcode__in=postcodes)
    return conds or None


def _exact_reasons(melding: Melding, person: Person) -> list[str]:
    bsn = (melding.bsn or "").strip()
    skey = surname_key(melding.surname, melding.tussenvoegsel)
    gkey = given_key(melding.given_names)
    postcodes = identity.postcode_variants(melding.postcode)
    reasons = []
    if bsn and person.bsn == bsn:
        reasons.append(_("zelfde BSN"))
    if skey and person.surname_key == skey:
        reasons.append(_("zelfde achternaam"))
    if gkey and person.given_key == gkey:
        reasons.append(_("zelfde voornaam"))
    if melding.date_of_birth and person.date_of_birth == melding.date_of_birth:
        reasons.append(_("zelfde geboortedatum"))
    if postcodes and identity.postcode_key(person.postcode) == postcodes[0]:
        reasons.append(_("zelfde postcode"))
    return reasons


@dataclass
class _Scored:
    """A candidate before its history: the person, and the matcher's judgement of it."""

    person: Person
    score: float | None
    verdict: str
    agree: list
    conflict: list


def _scored_candidates(melding: Melding, limit: int, user: User | None = None) -> list[_Scored]:
    """The candidates, best first (verdict "none" left out), at most ``limit``. With ``user``,
    each person comes with what ``person_basis`` decides on (``with_person_basis_facts``).

    The persons the matcher ranked and those of the exact lookup are fetched in one query:
    the exact ones as a subquery (the first ``limit * 2`` by id, as the lookup has always
    taken them), marked by ``_exact``."""
    from vangnet.search.policies import with_person_basis_facts

    query = melding_query(melding)
    ranked = search.find_candidates(query, limit=limit * 2)
    if ranked.too_little:
        return []  # nothing to single anyone out by: no ranking at all, not even exact ones
    found = list(ranked)
    wanted: QuerySet[Person, Any] = Person.objects.filter(pk__in=[c.person_id for c in found]).order_by().values("pk")
    exact = _exact_lookup(melding)
    qs: QuerySet[Person] = Person.objects.filter(is_active=True)
    if exact is not None:
        exact_ids = Person.objects.filter(exact, is_active=True).order_by("pk").values("pk")[: limit * 2]
        # A UNION, not ``pk IN (ids) OR pk IN (exact)``: for that OR PostgreSQL has no index
        # path, so it plans a scan of every person (costly enough to be JIT-compiled: 1.5 s
        # at region size); the union is two index lookups joined on the primary key.
        wanted = wanted.union(Person.objects.filter(pk__in=exact_ids).order_by().values("pk"))
        qs = qs.annotate(_exact=Case(When(pk__in=exact_ids, then=True), default=False, output_field=BooleanField()))
    qs = qs.filter(pk__in=wanted)
    if user is not None:
        # person_access_basis(include_break_glass=False), for the access log: no grants.
        qs = with_person_basis_facts(user, qs, grants=set())
    persons = {p.pk: p for p in qs} if found or exact is not None else {}
    exact_set = {pk for pk, p in persons.items() if getattr(p, "_exact", False)}
    seen = {c.person_id for c in found}
    missing = sorted(pk for pk in exact_set if pk not in seen)
    if missing:
        # Found by the exact lookup but not by the key index: score them the same way.
        q = search.query_features(query)
        for pk in missing:
            found.append(search.score_person(q, persons[pk]))
        found.sort(key=lambda c: (-c.score, c.person_id))
    out = []
    for i, c in enumerate(found):
        verdict = c.verdict
        if verdict not in (VERDICT_MATCH, VERDICT_POSSIBLE):
            if c.person_id not in exact_set:
                continue
            # Same BSN, or same surname with the same birth date or at the same postcode:
            # always shown, so the worker decides (the conflicts say why it may be someone else).
            verdict = VERDICT_POSSIBLE
        elif i > 0 and verdict == VERDICT_MATCH:
            verdict = VERDICT_POSSIBLE
        # A person merged away since it was indexed is left out.
        if c.person_id in persons:
            out.append(_Scored(persons[c.person_id], c.score, verdict, list(c.agree), list(c.conflict)))
    return out[:limit]


@dataclass
class _History:
    meldingen: dict[int, list[Melding]]
    casussen: dict[int, list[Casus]]
    bases: dict[tuple[str, int], str]

    def of(self, person_id: int) -> dict:
        return {
            "meldingen": self.meldingen[person_id],
            "casussen": self.casussen[person_id],
            "melding_bases": {m.pk: self.bases[("m", m.pk)] for m in self.meldingen[person_id]},
            "casus_bases": {c.pk: self.bases[("c", c.pk)] for c in self.casussen[person_id]},
        }


def _histories(melding: Melding, user: User, person_ids: list[int]) -> _History:
    """The visible earlier meldingen and casussen of all candidates, in one query each
    (was two per candidate), newest first, per person, each with its access basis.

    ``vangnet.search.policies``' bulk form of ``*_access_basis`` keeps only the rows with
    a basis, so it is the visibility rule itself (``visible_*`` would say the same, at the
    price of a query for the user's break-the-glass grants each; here they are asked in
    the rows' own query)."""
    from vangnet.search.policies import casussen_with_basis, meldingen_with_basis

    history = _History({pid: [] for pid in person_ids}, {pid: [] for pid in person_ids}, {})
    if not person_ids:
        return history
    earlier = (
        Melding.objects.filter(person_id__in=person_ids)
        .exclude(pk=melding.pk)
        .select_related("meldpunt", "triage")
        .order_by("-received_at")
    )
    for m, basis in meldingen_with_basis(user, earlier):
        history.meldingen[m.person_id].append(m)
        history.bases[("m", m.pk)] = basis
    running = (
        Casus.objects.filter(person_id__in=person_ids)
        .select_related("casusregisseur", "organisation", "team")
        .order_by("-opened_at")
    )
    for c, basis in casussen_with_basis(user, running):
        history.casussen[c.person_id].append(c)
        history.bases[("c", c.pk)] = basis
    return history


def find_known_persons(melding: Melding, user, limit: int = 10) -> list[KnownPerson]:
    """Is the betrokkene already known? Ranked candidates from the matcher (score,
    verdict and the fields that agree or conflict), best first. Nothing is linked
    here: the worker confirms. A candidate may be shown to identify the person, but
    the history listed is only what the user may see."""
    from vangnet.search.policies import person_basis

    kept = _scored_candidates(melding, limit, user)
    history = _histories(melding, user, [s.person.pk for s in kept])
    return [
        KnownPerson(
            person=s.person,
            reasons=_exact_reasons(melding, s.person),
            **history.of(s.person.pk),
            score=s.score,
            verdict=s.verdict,
            agree=reason_labels(s.agree),
            conflict=reason_labels(s.conflict),
            person_basis=person_basis(s.person, grants=set()),
            person_basis_asked=True,
        )
        for s in kept
    ]


def known_person_ids(melding: Melding, limit: int = 10) -> set[int]:
    """The persons ``find_known_persons`` offers, without their history: what the register
    search leaves out of its results (it shows no candidate twice)."""
    return {s.person.pk for s in _scored_candidates(melding, limit)}


def picked_person(melding: Melding, user: User, person_id: str) -> KnownPerson | None:
    """A person the worker found herself with the register search (``vangnet.search``)
    and picked: only one that search could show her (need-to-know), then a candidate
    like the matcher's. None for anything else (the form then refuses the choice)."""
    from vangnet.search.policies import person_basis, persons_with_basis

    if not person_id.isdigit() or len(person_id) > 18:
        return None
    found = persons_with_basis(user, Person.objects.filter(pk=int(person_id), is_active=True))
    if not found:
        return None
    person = found[0][0]
    return KnownPerson(
        person=person,
        reasons=[_("zelf gezocht in het register")],
        **_histories(melding, user, [person.pk]).of(person.pk),
        # The same facts without break-the-glass: the basis the access log gives.
        person_basis=person_basis(person, grants=set()),
        person_basis_asked=True,
    )


def _read_row(
    user: User,
    context: AuditContext,
    *,
    object_type: str,
    detail: str,
    reason: str,
    break_glass: bool = False,
    person: Any = None,
    casus: Any = None,
    melding: Any = None,
    action: str = Action.READ,
) -> AccessLog:
    """The row ``audit`` writes, not yet inserted: the lookup's rows go in one write."""
    return audit_row(
        user,
        action,
        context=context,
        object_type=object_type,
        detail=detail,
        reason=reason,
        break_glass=break_glass,
        person=person,
        casus=casus,
        melding=melding,
    )


def log_known_person_lookup(
    user, melding: Melding, candidates: list[KnownPerson], *, reason: str = "", context: AuditContext | None = None
) -> None:
    """The lookup is a search (E); every candidate and history row shown is a read (R).

    Each read carries its own basis: the history rows are visible through the
    user's organisation; a candidate person with no visible history is shown
    only because the worker must confirm who the melding is about. The bases come
    from the bulk rules of ``vangnet.search.policies`` (one query per kind, the same
    answers as ``*_access_basis``) and all rows go into one insert, in the order the
    single rows had."""
    from vangnet.access import policies
    from vangnet.search.policies import casussen_with_basis, grants_of, meldingen_with_basis, persons_with_basis

    context = context or AuditContext()
    rows = [
        _read_row(
            user,
            context,
            action=Action.EXECUTE,
            melding=melding,
            object_type=ObjectType.PERSOON,
            detail=f"triage {melding.reference}: zoeken naar bekende persoon ({len(candidates)} kandidaten)",
            reason=reason,
        )
    ]
    person_ids = [k.person.pk for k in candidates if not k.person_basis_asked]
    melding_ids = [m.pk for k in candidates for m in k.meldingen]
    casus_ids = [c.pk for k in candidates for c in k.casussen]
    # person_access_basis(include_break_glass=False): no grants.
    person_basis = {k.person.pk: k.person_basis for k in candidates if k.person_basis_asked}
    if person_ids:
        person_basis.update(
            (p.pk, b) for p, b in persons_with_basis(user, Person.objects.filter(pk__in=person_ids), grants=set())
        )
    # Found with the history (find_known_persons); asked here only for rows that lack it.
    melding_basis = {pk: b for k in candidates for pk, b in k.melding_bases.items()}
    casus_basis = {pk: b for k in candidates for pk, b in k.casus_bases.items()}
    melding_ids = [pk for pk in melding_ids if pk not in melding_basis]
    casus_ids = [pk for pk in casus_ids if pk not in casus_basis]
    grants = grants_of(user) if melding_ids or casus_ids else set()
    if melding_ids:
        melding_basis.update(
            (m.pk, b) for m, b in meldingen_with_basis(user, Melding.objects.filter(pk__in=melding_ids), grants=grants)
        )
    if casus_ids:
        casus_basis.update(
            (c.pk, b) for c, b in casussen_with_basis(user, Casus.objects.filter(pk__in=casus_ids), grants=grants)
        )
    for known in candidates:
        rows.append(
            _read_row(
                user,
                context,
                person=known.person,
                object_type=ObjectType.PERSOON,
                detail=f"triage {melding.reference}: mogelijke bekende persoon "
                f"({known.verdict or 'exact'}; {', '.join(str(r) for r in (known.agree or known.reasons))})",
                reason=person_basis.get(known.person.pk) or "triage: identiteit bevestigen",
            )
        )
        for m in known.meldingen:
            basis = melding_basis.get(m.pk)
            rows.append(
                _read_row(
                    user,
                    context,
                    melding=m,
                    person=known.person,
                    object_type=ObjectType.MELDING,
                    detail=f"triage {melding.reference}: eerdere melding",
                    reason=basis or reason,
                    break_glass=basis == policies.BASIS_BREAK_GLASS,
                )
            )
        for c in known.casussen:
            basis = casus_basis.get(c.pk)
            rows.append(
                _read_row(
                    user,
                    context,
                    # The casus's own person (the candidate), without fetching it again.
                    person=known.person,
                    casus=c,
                    object_type=ObjectType.CASUS,
                    detail=f"triage {melding.reference}: eerdere casus",
                    reason=basis or reason,
                    break_glass=basis == policies.BASIS_BREAK_GLASS,
                )
            )
    write_rows(rows, context)


def eligible_case_workers(organisation) -> QuerySet:
    """Colleagues who can be casusregisseur or duo: active case workers of the organisation,
    the same rule as the casus team form (a consultant joins later, on the members page)."""
    if organisation is None:
        return User.objects.none()
    return User.objects.filter(organisation=organisation, is_active=True, role__in=roles.CASE_WORKERS).order_by(
        "first_name", "last_name", "username"
    )


def eligible_teams(organisation) -> QuerySet:
    if organisation is None:
        return Team.objects.none()
    # The organisation is in each team's label: fetched with it, not once per team.
    return Team.objects.filter(organisation=organisation).select_related("organisation").order_by("name")


def acute_danger_warning_needed(acute_danger: str, outcome: str) -> bool:
    """Acute danger belongs with the crisis service or 112; warn, do not block."""
    return acute_danger == YesNoUnknown.JA and bool(outcome) and outcome != Outcome.CRISISDIENST


def person_from_melding(melding: Melding) -> Person:
    estimated_year = None
    if melding.estimated_age is not None and not melding.date_of_birth:
        estimated_year = timezone.localdate(melding.received_at).year - melding.estimated_age
    return Person.objects.create(
        given_names=melding.given_names,
        tussenvoegsel=melding.tussenvoegsel,
        surname=melding.surname,
        sex=melding.sex,
        date_of_birth=melding.date_of_birth,
        estimated_birth_year=estimated_year,
        bsn=melding.bsn,
        street=melding.street,
        house_number=melding.house_number,
        postcode=identity.postcode_key(melding.postcode),
        city=melding.city,
        place_description=melding.place_description,
    )


def running_casus(person: Person | None, organisation_id: int | None, *, lock: bool = False) -> Casus | None:
    """The casus bemoeizorg would continue for this person at this organisation, when
    it is running (the same casus ``start_or_reopen_casus`` picks: the latest one)."""
    if person is None or person.pk is None or not organisation_id:
        return None
    qs = Casus.objects.select_related("casusregisseur", "team").filter(person=person, organisation_id=organisation_id)
    if lock:
        qs = qs.select_for_update(of=("self",))
    latest = qs.order_by("-opened_at").first()
    return latest if latest is not None and latest.phase != Phase.AFGESLOTEN else None


@dataclass
class CurrentTeam:
    """What the triage screen shows of a running casus: its team, kept unless changed."""

    casus: Casus
    duo: list[User]
    consultant: User | None


def current_team(casus: Casus) -> CurrentTeam:
    members = list(casus.members.select_related("user").order_by("user__first_name", "user__last_name"))
    duo = [m.user for m in members if m.role == CaseMember.Role.DUO]
    consultant = next((m.user for m in members if m.role == CaseMember.Role.CONSULTANT), None)
    return CurrentTeam(casus=casus, duo=duo, consultant=consultant)


def running_team_for(person_id: str, user: User) -> CurrentTeam | None:
    """The running casus (with its team) of the person picked on the triage form, at the
    user's organisation; a casus of her own organisation is one the triaging user may see."""
    if not person_id.isdigit() or len(person_id) > 18:
        return None
    person = Person.objects.filter(pk=int(person_id), is_active=True).first()
    casus = running_casus(person, user.organisation_id)
    if casus is None or not visible_casussen(user).filter(pk=casus.pk).exists():
        return None
    return current_team(casus)


def _keeps_team(running: Casus, casusregisseur: User | None, duo: list[User]) -> bool:
    """A regisseur and duo chosen without "team wijzigen" must be the ones the casus has."""
    if casusregisseur is not None and casusregisseur.pk != running.casusregisseur_id:
        return False
    member_ids = set(running.members.values_list("user_id", flat=True))
    return all(u.pk in member_ids for u in duo)


# The crisis service may have been called (by the police, at the scene) before the melding arrived.
CRISIS_CALLED_BEFORE_MELDING = timedelta(days=7)


def _validate_crisis(melding: Melding, crisis_service: str, crisis_called_at: datetime | None, add: Callable) -> None:
    """The outcome "crisisdienst" names which crisis service and when it was called."""
    if not (crisis_service or "").strip():
        add("crisis_service", _("Vul in welke crisisdienst is ingeschakeld."), "crisis_service_required")
    elif len(crisis_service.strip()) > 200:
        add("crisis_service", _("De tekst is te lang: maximaal %(max)d tekens.") % {"max": 200}, "too_long")
    if crisis_called_at is None:
        add("crisis_called_at", _("Vul in wanneer de crisisdienst is ingeschakeld."), "crisis_called_at_required")
        return
    try:
        plausible.check_moment(
            crisis_called_at,
            field="crisis_called_at",
            not_before=melding.received_at - CRISIS_CALLED_BEFORE_MELDING,
            not_before_label=_("een week vóór de melding"),
        )
    except ValidationError as exc:
        for error in exc.error_dict["crisis_called_at"]:
            add("crisis_called_at", error.message % (error.params or {}), error.code)


def _validate(
    melding,
    *,
    by,
    outcome,
    acute_danger,
    already_in_care,
    known_to_partners,
    reason,
    referred_to,
    casusregisseur,
    duo,
    team,
    crisis_service: str = "",
    crisis_called_at: datetime | None = None,
    running: Casus | None = None,
    change_team: bool = False,
    running_version: int | None = None,
) -> None:
    errors: dict[str, list[ValidationError]] = {}

    def add(key, message, code):
        errors.setdefault(key, []).append(ValidationError(message, code=code))

    if not can_triage(by, melding):
        add(NON_FIELD_ERRORS, _("U mag deze melding niet triëren."), "not_allowed")
    if outcome not in Outcome.values:
        add("outcome", _("Kies een geldig besluit."), "unknown_outcome")
    for key, value in (
        ("acute_danger", acute_danger),
        ("already_in_care", already_in_care),
        ("known_to_partners", known_to_partners),
    ):
        if value not in YesNoUnknown.values:
            add(key, _("Kies ja, nee of onbekend."), "invalid_answer")
    if outcome == Outcome.GEEN_ACTIE and not reason.strip():
        add("reason", _("Geef een reden waarom er geen actie volgt."), "reason_required")
    if outcome == Outcome.ADVIES and not reason.strip():
        add("reason", _("Beschrijf het advies aan de melder."), "advice_required")
    if outcome == Outcome.DOORVERWIJZEN and not referred_to.strip():
        add("referred_to", _("Vul in naar wie is doorverwezen."), "referral_required")
    if outcome == Outcome.CRISISDIENST:
        _validate_crisis(melding, crisis_service, crisis_called_at, add)
    if outcome == Outcome.BEMOEIZORG and running is not None and not change_team:
        # Never replace the team of a running casus as a side effect of triage.
        if not _keeps_team(running, casusregisseur, duo):
            add(
                "change_team",
                _(
                    "Casus %(ref)s loopt al en houdt zijn casusregisseur en duo-partners. Kies 'Team wijzigen' "
                    "als u het team wilt wijzigen, of laat de casusregisseur en duo-partners leeg."
                )
                % {"ref": running.reference},
                "team_change_not_chosen",
            )
    elif outcome == Outcome.BEMOEIZORG:
        if running is not None and running_version is not None and running_version != running.version:
            add(
                "change_team",
                _(
                    "Casus %(ref)s is intussen gewijzigd, misschien ook het team. Bekijk het huidige team "
                    "en kies opnieuw."
                )
                % {"ref": running.reference},
                "running_casus_changed",
            )
        for key, errs in validate_team(by.organisation_id, casusregisseur=casusregisseur, duo=duo, team=team).items():
            errors.setdefault(key, []).extend(errs)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decide(
    melding: Melding,
    *,
    by,
    outcome: str,
    acute_danger: str,
    already_in_care: str,
    known_to_partners: str,
    reason: str = "",
    already_in_care_detail: str = "",
    known_to_partners_detail: str = "",
    referred_to: str = "",
    crisis_service: str = "",
    crisis_called_at: datetime | None = None,
    person: Person | None = None,
    casusregisseur=None,
    duo=(),
    team=None,
    change_team: bool = False,
    running_version: int | None = None,
    expected_version: int | None = None,
    context: AuditContext | None = None,
) -> TriageDecision:
    """Record the triage decision. ``person`` is the confirmed existing person,
    or None to register the betrokkene as a new person. Starting bemoeizorg
    creates or reopens the person's casus.

    A running casus of the person keeps its casusregisseur and duo partners
    (``casusregisseur`` is then not needed); only ``change_team`` replaces them,
    through the casus team change (``cases.services.update_members``: its own
    audit row and the notifications of the people concerned); ``running_version``
    is the casus version the worker saw, so a change made meanwhile is not
    overwritten unseen.

    Raises ``ConcurrentEditError`` when the melding was triaged or changed since
    ``expected_version``; raises ``ValidationError`` (a dict keyed by form field)
    for missing or invalid answers. Every write is logged in the access log
    (actor ``by``, ``context``), in this transaction."""
    reason = (reason or "").strip()
    referred_to = (referred_to or "").strip()
    duo = list(duo or [])
    # Read the current state under a row lock so two workers cannot both decide
    # (PostgreSQL: the row lock; SQLite: the write lock that BEGIN IMMEDIATE takes,
    # see settings.DATABASES). The second worker reads the first one's result.
    current = Melding.objects.select_for_update().filter(pk=melding.pk).values("version", "status").first()
    if current is None:
        raise ConcurrentEditError(ConcurrentEditError.message)
    # "Already triaged" before the version check: the decision also bumped the
    # version, and this tells the second worker what actually happened.
    if current["status"] != Melding.Status.TE_TRIEREN or TriageDecision.objects.filter(melding_id=melding.pk).exists():
        raise ValidationError(
            {NON_FIELD_ERRORS: [ValidationError(_("Deze melding is al getrieerd."), code="already_triaged")]}
        )
    if expected_version is None:
        expected_version = melding.version
    if current["version"] != expected_version:
        raise ConcurrentEditError(ConcurrentEditError.message)
    # Locked, so the team kept is the team the casus has at this moment.
    continued = running_casus(person, by.organisation_id, lock=True) if outcome == Outcome.BEMOEIZORG else None
    _validate(
        melding,
        by=by,
        outcome=outcome,
        acute_danger=acute_danger,
        already_in_care=already_in_care,
        known_to_partners=known_to_partners,
        reason=reason,
        referred_to=referred_to,
        crisis_service=crisis_service,
        crisis_called_at=crisis_called_at,
        casusregisseur=casusregisseur,
        duo=duo,
        team=team,
        running=continued,
        change_team=change_team,
        running_version=running_version,
    )

    new_person = person is None
    if new_person:
        person = person_from_melding(melding)
        audit(
            by,
            Action.CREATE,
            context=context,
            person=person,
            object_type=ObjectType.PERSOON,
            detail=f"nieuwe persoon bij triage {melding.reference}",
            reason=BASIS_TRIAGE,
        )
    # Whoever is in a running casus of this person hears of the new melding (issue 11).
    running = [] if new_person else list(Casus.objects.filter(person=person).exclude(phase=Phase.AFGESLOTEN))
    running_members = {c.pk: list(User.objects.filter(case_memberships__casus=c)) for c in running}
    melding.person = person
    melding.status = Melding.Status.GETRIEERD
    melding.save_versioned(expected_version, ["person", "status"])

    casus = None
    if outcome == Outcome.BEMOEIZORG and continued is not None:
        casus = _continue_running_casus(
            continued,
            melding=melding,
            by=by,
            context=context,
            new_team=(casusregisseur, duo) if change_team else None,
        )
    elif outcome == Outcome.BEMOEIZORG:
        casus, created = start_or_reopen_casus(
            person=person,
            organisation=by.organisation,
            team=team,
            casusregisseur=casusregisseur,
            duo=duo,
            by=by,
            melding=melding,
            context=context,
            cause=f"triage {melding.reference}",
            basis=BASIS_TRIAGE,
        )
    decision = TriageDecision.objects.create(
        melding=melding,
        acute_danger=acute_danger,
        already_in_care=already_in_care,
        already_in_care_detail=(already_in_care_detail or "").strip(),
        known_to_partners=known_to_partners,
        known_to_partners_detail=(known_to_partners_detail or "").strip(),
        outcome=outcome,
        reason=reason,
        referred_to=referred_to if outcome == Outcome.DOORVERWIJZEN else "",
        crisis_service=(crisis_service or "").strip() if outcome == Outcome.CRISISDIENST else "",
        crisis_called_at=crisis_called_at if outcome == Outcome.CRISISDIENST else None,
        casus=casus,
        decided_by=by,
        decided_at=timezone.now(),
    )
    audit(
        by,
        Action.UPDATE,
        context=context,
        melding=melding,
        person=person,
        object_type=ObjectType.MELDING,
        detail=f"triagebesluit: {decision.get_outcome_display()}"
        + ("" if new_person else f"; bevestigd als bekende persoon {person.pk}"),
        reason=BASIS_TRIAGE,
    )
    if outcome == Outcome.WVGGZ:
        from vangnet.wvggz.services import open_onderzoek

        open_onderzoek(melding, by=by, context=context)
    _notify_after_triage(melding, running, running_members, by=by)
    return decision


def _continue_running_casus(
    running: Casus,
    *,
    melding: Melding,
    by: User,
    context: AuditContext | None,
    new_team: tuple[User, list[User]] | None,
) -> Casus:
    """Link the melding to the running casus with its team as it is; a chosen new
    team then goes through the casus team change (a no-op choice changes nothing)."""
    kept = current_team(running)
    casus, _created = start_or_reopen_casus(
        person=running.person,
        organisation=by.organisation,
        team=running.team,
        casusregisseur=running.casusregisseur,
        duo=kept.duo,
        by=by,
        melding=melding,
        context=context,
        cause=f"triage {melding.reference}",
        basis=BASIS_TRIAGE,
    )
    if new_team is not None:
        casusregisseur, duo = new_team
        duo = [u for u in duo if u.pk != casusregisseur.pk]
        unchanged = casusregisseur.pk == casus.casusregisseur_id and {u.pk for u in duo} == {u.pk for u in kept.duo}
        if not unchanged:
            update_members(
                casus,
                casusregisseur=casusregisseur,
                duo=duo,
                consultant=kept.consultant,
                by=by,
                expected_version=casus.version,
                context=context,
            )
    return casus


def _notify_after_triage(melding: Melding, running: list, running_members: dict, *, by: User) -> None:
    """The members of the person's running casussen: a new melding arrived (the link
    is their casus page); a partner who made the melding: its status changed."""
    for casus in running:
        notify_event(
            running_members[casus.pk],
            EventKind.MELDING_ABOUT_CASUS,
            reference=casus.reference,
            url=casus_url(casus),
            actor=by,
        )
    creator = melding.created_by
    if creator is not None and creator.role == roles.Role.PARTNER:
        notify_event(
            creator,
            EventKind.PARTNER_MELDING_STATUS,
            reference=melding.reference,
            url=reverse("intake:partner_detail", args=[melding.pk]),
            actor=by,
        )
