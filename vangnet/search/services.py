"""The search box: one query, every kind of record the user may open.

``search_everything(user, query)`` recognises what was typed (a reference, a BSN, a
date of birth, a postcode with or without a house number, a phone number, or
words: a name, an address, a place description), looks it up through indexes only
(primary keys, the matcher's key table, ``SearchToken``) and keeps only the
records the user may open (``policies``), grouped by persons, meldingen,
casussen and onderzoeken, with status and the next action.

``search_persons(user, query)`` is the same lookup for persons only (triage).

Nothing here writes: the view logs every result shown (``log_results``) and never
the query itself (ADR 0008)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.access import policies as access
from vangnet.accounts import roles
from vangnet.audit.services import ListRead, ObjectType
from vangnet.cases.models import Casus, Phase
from vangnet.core import identity
from vangnet.intake.models import Melding
from vangnet.persons.matching import search as matcher
from vangnet.persons.matching.features import place_words, query_keys
from vangnet.persons.matching.names import PREFIXES
from vangnet.persons.matching.store_models import PersonMatchKey
from vangnet.persons.models import Person
from vangnet.wvggz.models import Onderzoek

from . import policies
from .index import KEY, WORD
from .models import SearchToken

MAX_QUERY = 200
MIN_QUERY = 2
LIMIT = 10
# Persons whose meldingen and casussen are listed with them.
RELATED_PERSONS = 10
# Only what a result card shows is loaded.
PERSON_DISPLAY_FIELDS = (
    "id",
    "given_names",
    "roepnaam",
    "tussenvoegsel",
    "surname",
    "date_of_birth",
    "estimated_birth_year",
    "dob_precision",
    "street",
    "house_number",
    "postcode",
    "city",
    "place_description",
)
MELDING_DISPLAY_FIELDS = (
    "id",
    "reference",
    "received_at",
    "status",
    "meldpunt_id",
    "casus_id",
    "person_id",
    "given_names",
    "tussenvoegsel",
    "surname",
    "place_description",
    "urgency_rank",
    "casus__id",
    "casus__reference",
)
CASUS_DISPLAY_FIELDS = (
    "id",
    "reference",
    "phase",
    "organisation_id",
    "person_id",
    "opened_at",
    "closed_at",
    "casusregisseur_id",
    "person__id",
    "person__given_names",
    "person__roepnaam",
    "person__tussenvoegsel",
    "person__surname",
    "casusregisseur__id",
    "casusregisseur__first_name",
    "casusregisseur__last_name",
    "casusregisseur__username",
)

# What the query was taken for (shown to the user, and the only thing of the query
# that goes into the access log).
KIND_REFERENCE = "kenmerk"
KIND_BSN = "bsn"
KIND_DOB = "geboortedatum"
KIND_POSTCODE = "postcode"
KIND_PHONE = "telefoon"
KIND_WORDS = "naam of woorden"
KIND_TOO_SHORT = "te kort"

KIND_LABELS = {
    KIND_REFERENCE: gettext_lazy("kenmerk"),
    KIND_BSN: gettext_lazy("BSN"),
    KIND_DOB: gettext_lazy("geboortedatum"),
    KIND_POSTCODE: gettext_lazy("postcode"),
    KIND_PHONE: gettext_lazy("telefoonnummer"),
    KIND_WORDS: gettext_lazy("naam, adres of plek"),
    KIND_TOO_SHORT: gettext_lazy("te kort"),
}


@dataclass
class Hit:
    kind: str  # persoon / melding / casus / onderzoek (ObjectType values)
    obj: Any
    title: str
    subtitle: str
    status: str
    next_action: str
    url: str
    basis: str

    @property
    def break_glass(self) -> bool:
        return self.basis == access.BASIS_BREAK_GLASS


@dataclass
class SearchResults:
    kind: str
    persons: list[Hit] = field(default_factory=list)
    meldingen: list[Hit] = field(default_factory=list)
    casussen: list[Hit] = field(default_factory=list)
    onderzoeken: list[Hit] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def hits(self) -> list[Hit]:
        return [*self.persons, *self.meldingen, *self.casussen, *self.onderzoeken]

    @property
    def count(self) -> int:
        return len(self.hits)

    def groups(self) -> list[tuple[str, str, list[Hit]]]:
        return [
            ("personen", _("Personen"), self.persons),
            ("meldingen", _("Meldingen"), self.meldingen),
            ("casussen", _("Casussen"), self.casussen),
            ("onderzoeken", _("Wvggz-onderzoeken"), self.onderzoeken),
        ]


# --- what was typed ----------------------------------------------------------------

_REFERENCE = re.compile(r"^(?P<prefix>[mcw])?\s*-?\s*(?:(?P<year>(?:19|20)\d{2})\s*-\s*)?(?P<number>\d{1,9})$", re.I)
_FULL_REFERENCE = re.compile(r"^[mcw]-[a-z0-9-]{1,18}$", re.I)
_DATE_NL = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# "1234 AB", "1234AB 12", "1234 ab 12-2": the number (without its addition) is the match key's.
_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([a-z]{2})(?:\s*(\d{1,5})\s*(?:-?\s*[a-z0-9]{1,4})?)?$", re.I)


@dataclass
class Parsed:
    kind: str
    text: str
    prefix: str = ""
    year: int | None = None
    number: int | None = None
    bsn: str = ""
    dob: date | None = None
    postcode: str = ""
    house_number: str = ""
    phone: str = ""


def _date(text: str) -> date | None:
    m = _DATE_NL.match(text)
    parts = (int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    if parts is None and (m := _DATE_ISO.match(text)):
        parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if parts is None:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


def parse_query(query: str) -> Parsed:
    text = " ".join((query or "").split())[:MAX_QUERY]
    if len(text) < MIN_QUERY and not text.isdigit():
        return Parsed(KIND_TOO_SHORT, text)
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"[\d .]+", text) and len(digits) == 9 and identity.is_valid_bsn(digits):
        return Parsed(KIND_BSN, text, bsn=digits)
    if (dob := _date(text)) is not None:
        return Parsed(KIND_DOB, text, dob=dob)
    if len(digits) >= 10 and identity.is_plausible_phone(text):
        return Parsed(KIND_PHONE, text, phone=identity.phone_key(text))
    if (m := _REFERENCE.match(text)) and (m.group("prefix") or len(m.group("number")) <= 7):
        return Parsed(
            KIND_REFERENCE,
            text,
            prefix=(m.group("prefix") or "").upper(),
            year=int(m.group("year")) if m.group("year") else None,
            number=int(m.group("number")),
        )
    if _FULL_REFERENCE.match(text) and any(c.isdigit() for c in text):
        return Parsed(KIND_REFERENCE, text, prefix=text[0].upper())
    if m := _POSTCODE.match(text):
        return Parsed(
            KIND_POSTCODE, text, postcode=identity.postcode_key(m.group(1) + m.group(2)), house_number=m.group(3) or ""
        )
    return Parsed(KIND_WORDS, text)


def name_query(text: str) -> dict:
    """Words as the matcher's query fields: "Jan de Vries", "de Vries", "Vries, Jan de",
    "Jan Vries-Bakker". One word is a surname."""
    if "," in text:
        surname, _sep, rest = text.partition(",")
        words = rest.split()
        i = len(words)
        while i > 0 and " ".join(words[i - 1 :]).lower() in PREFIXES:
            i -= 1
        return {"surname": surname.strip(), "given_names": " ".join(words[:i]), "surname_prefix": " ".join(words[i:])}
    words = text.split()
    if len(words) == 1:
        return {"surname": words[0]}
    for i in range(1, len(words)):
        if words[i].lower() in PREFIXES or words[i].lower().rstrip(".") in ("v", "vd"):
            j = i
            while j < len(words) - 1 and " ".join(words[i : j + 1]).lower() in PREFIXES:
                j += 1
            return {
                "given_names": " ".join(words[:i]),
                "surname_prefix": " ".join(words[i:j]),
                "surname": " ".join(words[j:]),
            }
    return {"given_names": " ".join(words[:-1]), "surname": words[-1]}


# --- looking up ids ----------------------------------------------------------------


def _persons_by_key(keys: list[str]) -> QuerySet:
    return Person.objects.filter(is_active=True, pk__in=PersonMatchKey.objects.filter(key__in=keys).values("person_id"))


@dataclass
class _TokenLookup:
    """Ids (of ``column``: melding_id or person_id) sharing the most weighted tokens, at most
    ``limit``, with at least ``min_weight``; ``within``: an extra condition on ``t``."""

    column: str
    weights: dict[str, float]
    limit: int
    min_weight: float = 0.0
    within: str = ""
    within_params: list[int] | tuple = ()


def _ids_by_token_lookups(lookups: list[_TokenLookup | None]) -> list[list[int]]:
    """Each lookup's ids, best first (``None``: nothing to look for, no ids): one indexed
    statement for all of them, plain SQL so a long list of keys costs no ORM compiling.
    Each part is ranked and cut in the database; its rows carry their summed weight so the
    order is put back here (a UNION ALL keeps no order of its parts)."""
    table = SearchToken._meta.db_table
    asked = [(i, lookup) for i, lookup in enumerate(lookups) if lookup is not None and lookup.weights]
    found: list[list[tuple[float, int]]] = [[] for _ in lookups]
    if not asked:
        return [[] for _ in lookups]
    ctes: list[str] = []
    parts: list[str] = []
    cte_params: list[Any] = []
    part_params: list[Any] = []
    for n, (_i, lookup) in enumerate(asked):
        column, weights = lookup.column, lookup.weights
        if column not in ("melding_id", "person_id"):  # never user input: the SQL names only these
            raise ValueError(column)
        keys = list(weights)
        if connection.vendor == "postgresql":
            ctes.append(f"q{n}(k, w) AS (SELECT * FROM unnest(%s::text[], %s::float8[]))")  # noqa: S608
            cte_params += [keys, [weights[k] for k in keys]]
        else:
            ctes.append(f"q{n}(k, w) AS (VALUES {', '.join(['(%s, %s)'] * len(keys))})")
            cte_params += [x for k in keys for x in (k, weights[k])]
        parts.append(
            f"SELECT {n}, id, weight FROM (SELECT t.{column} AS id, SUM(q{n}.w) AS weight "  # noqa: S608
            f"FROM q{n} JOIN {table} t ON t.token = q{n}.k WHERE t.{column} IS NOT NULL {lookup.within} "
            f"GROUP BY t.{column} HAVING SUM(q{n}.w) >= %s ORDER BY SUM(q{n}.w) DESC, t.{column} DESC "
            f"LIMIT %s) part{n}"
        )
        part_params += [*lookup.within_params, lookup.min_weight, lookup.limit]
    sql = f"WITH {', '.join(ctes)} {' UNION ALL '.join(parts)}"
    with connection.cursor() as cur:
        cur.execute(sql, cte_params + part_params)
        for n, pk, weight in cur.fetchall():
            found[asked[n][0]].append((weight, pk))
    return [[pk for _w, pk in sorted(rows, key=lambda r: (-r[0], -r[1]))] for rows in found]


def _in(ids: list[int]) -> str:
    return ", ".join(["%s"] * len(ids))


def _melding_token_lookup(
    weights: dict[str, float], limit: int, *, min_weight: float = 0.0, scope: _Scope | None = None
) -> _TokenLookup | None:
    if scope is None or scope.melding_ids is None:
        return _TokenLookup("melding_id", weights, limit, min_weight)
    if not scope.melding_ids:
        return None
    within = f"AND t.melding_id IN ({_in(scope.melding_ids)})"
    return _TokenLookup("melding_id", weights, limit, min_weight, within, scope.melding_ids)


def _person_token_lookup(tokens: list[str], limit: int, scope: _Scope | None = None) -> _TokenLookup | None:
    weights = dict.fromkeys(tokens, 1.0)
    if scope is None or scope.person_ids is None:
        return _TokenLookup("person_id", weights, limit)
    if not scope.person_ids:
        return None
    within = f"AND t.person_id IN ({_in(scope.person_ids)})"
    return _TokenLookup("person_id", weights, limit, 0.0, within, scope.person_ids)


def _melding_ids_by_tokens(
    weights: dict[str, float], limit: int, *, min_weight: float = 0.0, scope: _Scope | None = None
) -> list[int]:
    return _ids_by_token_lookups([_melding_token_lookup(weights, limit, min_weight=min_weight, scope=scope)])[0]


def _has_name_evidence(c: matcher.Candidate) -> bool:
    return any(a.startswith(("achternaam", "voornaam", "roepnaam")) for a in c.agree)


@dataclass
class _Scope:
    """Where to look. A user who sees a whole organisation's register is looked for in the
    register and filtered afterwards (cheaper than a visibility subquery over every
    record); the others only among their own persons and meldingen, so none of hers is
    crowded out by strangers."""

    person_ids: list[int] | None = None  # None: the whole register
    casus_ids: list[int] | None = None
    melding_ids: list[int] | None = None


def _scope(user: Any) -> _Scope:
    if user.role in roles.ORGANISATION_WIDE:
        return _Scope()
    # Two small member-driven queries; for these roles visible_meldingen are the
    # meldingen of her visible casussen.
    casussen = list(access.visible_casussen(user).values_list("pk", "person_id"))
    casus_ids = sorted({pk for pk, _person in casussen})
    ids = {person for _pk, person in casussen}
    meldingen = list(Melding.objects.filter(casus_id__in=casus_ids).values_list("pk", "person_id"))
    ids |= {person for _pk, person in meldingen if person}
    return _Scope(sorted(ids), casus_ids, sorted(pk for pk, _person in meldingen))


def _persons_by_name(text: str, limit: int, scope: _Scope) -> list[int]:
    """The matcher's Dutch name rules, within the scope."""
    query = name_query(text)
    if scope.person_ids is not None:
        within = Person.objects.filter(pk__in=scope.person_ids)
        found = matcher.find_candidates(query, limit=limit * 2, pool=limit * 10, within=within)
    else:
        found = matcher.find_candidates(query, limit=limit * 2)
    return [c.person_id for c in found if _has_name_evidence(c)]


def _word_tokens(text: str) -> list[str]:
    return [WORD + w for w in sorted(place_words(text))]


def _name_key_weights(text: str) -> dict[str, float]:
    q = matcher.query_features(name_query(text))
    return {KEY + k[:79]: matcher.KEY_WEIGHTS.get(k[0], 1.0) for k in query_keys(q) if k[0] in "nsgy"}


# --- the records, with status and next action --------------------------------------


def _person_hit(p: Person, basis: str) -> Hit:
    where = p.address_line or p.place_description
    return Hit(
        kind=ObjectType.PERSOON,
        obj=p,
        title=p.display_name,
        subtitle=" · ".join(x for x in [p.dob_text, where] if x),
        status=_("bekend in het register"),
        next_action=_("Persoon bekijken"),
        url=reverse("persons:detail", args=[p.pk]),
        basis=basis,
    )


def _melding_hit(user: Any, m: Melding, basis: str) -> Hit:
    if m.status == Melding.Status.TE_TRIEREN:
        action = _("Triëren") if access.can_triage(user, m) else _("Wacht op triage")
        url = (
            reverse("triage:melding", args=[m.pk])
            if access.can_triage(user, m)
            else reverse("intake:detail", args=[m.pk])
        )
    elif m.casus_id:
        ref = m.casus.reference if m.casus is not None else ""
        action, url = _("Casus %(ref)s bekijken") % {"ref": ref}, reverse("intake:detail", args=[m.pk])
    else:
        action, url = _("Melding bekijken"), reverse("intake:detail", args=[m.pk])
    about = m.betrokkene_name if (m.given_names or m.surname) else (m.place_description or m.betrokkene_name)
    return Hit(
        kind=ObjectType.MELDING,
        obj=m,
        title=m.reference,
        subtitle=" · ".join([timezone.localtime(m.received_at).strftime("%d-%m-%Y"), about]),
        status=m.get_status_display(),
        next_action=action,
        url=url,
        basis=basis,
    )


def _casus_hit(c: Casus, basis: str) -> Hit:
    closed = c.phase in (Phase.AFGESLOTEN,)
    return Hit(
        kind=ObjectType.CASUS,
        obj=c,
        title=c.reference,
        subtitle=" · ".join(x for x in [c.person.display_name, str(c.casusregisseur)] if x),
        status=c.get_phase_display(),
        next_action=_("Casus bekijken") if closed else _("Contactpoging of volgende stap vastleggen"),
        url=reverse("cases:detail", args=[c.pk]),
        basis=basis,
    )


def _onderzoek_hit(o: Onderzoek, basis: str) -> Hit:
    if o.is_open:
        action = _("Besluit uiterlijk %(date)s") % {"date": o.deadline.strftime("%d-%m-%Y")}
    else:
        action = _("Onderzoek bekijken")
    return Hit(
        kind=ObjectType.WVGGZ_ONDERZOEK,
        obj=o,
        title=o.reference,
        subtitle=o.melding.reference,
        status=o.get_status_display(),
        next_action=action,
        url=reverse("wvggz:detail", args=[o.pk]),
        basis=basis,
    )


# --- the search ----------------------------------------------------------------------


@dataclass
class _Found:
    person_ids: list[int] = field(default_factory=list)
    melding_ids: list[int] = field(default_factory=list)
    casus_ids: list[int] = field(default_factory=list)
    onderzoek_ids: list[int] = field(default_factory=list)
    # Which meldingen/casussen matched the query; the rest are a found person's history.
    related: bool = True


def _by_reference(p: Parsed) -> _Found:
    found = _Found(related=False)
    full = p.text.upper().replace(" ", "")
    for prefix, model, target in (
        ("M", Melding, found.melding_ids),
        ("C", Casus, found.casus_ids),
        ("W", Onderzoek, found.onderzoek_ids),
    ):
        if p.prefix and p.prefix != prefix:
            continue
        cond = Q(reference=full)
        if p.number is not None:
            cond |= Q(pk=p.number)
        for pk, ref in model.objects.filter(cond).values_list("pk", "reference")[:LIMIT]:
            tail = ref.rsplit("-", 1)[-1]
            ok = ref == full or (tail.isdigit() and int(tail) == p.number)
            if ok and p.year is not None:
                ok = f"-{p.year}-" in ref
            if ok:
                target.append(pk)
    return found


def _lookup(user: Any, p: Parsed, *, persons_only: bool = False) -> _Found:
    if p.kind == KIND_REFERENCE:
        return _Found() if persons_only else _by_reference(p)
    found = _Found()
    person_qs: QuerySet | None = None
    melding_weights: dict[str, float] = {}
    if p.kind == KIND_BSN:
        person_qs = Person.objects.filter(is_active=True, bsn=p.bsn)
        melding_weights = {KEY + "b" + p.bsn: 1.0}
    elif p.kind == KIND_DOB and p.dob is not None:
        person_qs = _persons_by_key(["d" + p.dob.isoformat()])
        melding_weights = {KEY + "d" + p.dob.isoformat(): 1.0}
    elif p.kind == KIND_PHONE:
        person_qs = _persons_by_key(["p" + p.phone])
    elif p.kind == KIND_POSTCODE:
        key = f"a{p.postcode}|{p.house_number}" if p.house_number else "c" + p.postcode
        person_qs = _persons_by_key([key])
        melding_weights = {KEY + key: 1.0}
    if person_qs is not None:
        found.person_ids = list(person_qs.order_by("-pk").values_list("pk", flat=True)[: LIMIT * 5])
    elif p.kind == KIND_WORDS:
        scope = _scope(user)
        if scope.person_ids == []:
            return found
        by_name = _persons_by_name(p.text, LIMIT, scope)
        by_words = _person_token_lookup(_word_tokens(p.text), LIMIT * 5, scope)
        by_melding_words = None
        if not persons_only:
            melding_weights = dict.fromkeys(_word_tokens(p.text), 3.0)
            for t, w in _name_key_weights(p.text).items():
                melding_weights.setdefault(t, w)
            by_melding_words = _melding_token_lookup(melding_weights, LIMIT * 5, min_weight=2.0, scope=scope)
        # The persons' and the meldingen's words in one statement.
        person_ids, found.melding_ids = _ids_by_token_lookups([by_words, by_melding_words])
        found.person_ids = list(dict.fromkeys([*by_name, *person_ids]))
        return found
    if not persons_only and melding_weights:
        found.melding_ids = _melding_ids_by_tokens(melding_weights, LIMIT * 5)
    return found


def _visible_persons(user: Any, ids: list[int]) -> list[tuple[Person, str]]:
    if not ids:
        return []
    qs = Person.objects.filter(pk__in=ids[: LIMIT * 3], is_active=True).only(*PERSON_DISPLAY_FIELDS)
    found = {p.pk: (p, b) for p, b in policies.persons_with_basis(user, qs)}
    return [found[i] for i in ids if i in found][:LIMIT]


def search_persons(user: Any, query: str) -> tuple[Parsed, list[tuple[Person, str]]]:
    """Persons only (the register search at triage): the same lookup, the same access rules."""
    if not policies.can_search(user):
        raise PermissionDenied
    p = parse_query(query)
    if p.kind == KIND_TOO_SHORT:
        return p, []
    return p, _visible_persons(user, _lookup(user, p, persons_only=True).person_ids)


def search_everything(user: Any, query: str) -> SearchResults:
    """Everything the user may open that the query points at (see the module docstring)."""
    if not policies.can_search(user):
        raise PermissionDenied
    p = parse_query(query)
    results = SearchResults(kind=p.kind)
    if p.kind == KIND_TOO_SHORT:
        return results
    found = _lookup(user, p)
    # The user's break-the-glass grants are asked inside each kind's query, not apart.
    persons = _visible_persons(user, found.person_ids)
    results.persons = [_person_hit(person, basis) for person, basis in persons]
    person_ids = [person.pk for person, _basis in persons[:RELATED_PERSONS]]

    ordered: list[Melding] = []
    if found.melding_ids or person_ids:
        melding_qs = (
            Melding.objects.filter(Q(pk__in=found.melding_ids) | Q(person_id__in=person_ids))
            .select_related("casus")
            .only(*MELDING_DISPLAY_FIELDS)
            .order_by("-urgency_rank", "-received_at")
        )
        meldingen = policies.meldingen_with_basis(user, melding_qs, limit=LIMIT * 2)
        direct = set(found.melding_ids)
        meldingen.sort(key=lambda mb: mb[0].pk not in direct)
        results.meldingen = [_melding_hit(user, m, basis) for m, basis in meldingen[:LIMIT]]
        ordered = [h.obj for h in results.meldingen]

    casus_ids = [*found.casus_ids, *(m.casus_id for m in ordered if m.casus_id)]
    if casus_ids or person_ids:
        casus_qs = (
            Casus.objects.filter(Q(pk__in=casus_ids) | Q(person_id__in=person_ids))
            .select_related("person", "casusregisseur")
            .only(*CASUS_DISPLAY_FIELDS)
            .order_by("closed_at", "-opened_at")
        )
        results.casussen = [
            _casus_hit(c, basis) for c, basis in policies.casussen_with_basis(user, casus_qs, limit=LIMIT * 2)
        ][:LIMIT]

    if found.onderzoek_ids or ordered:
        onderzoek_qs = (
            Onderzoek.objects.filter(Q(pk__in=found.onderzoek_ids) | Q(melding_id__in=[m.pk for m in ordered]))
            .select_related("melding")
            .order_by("deadline")
        )
        results.onderzoeken = [
            _onderzoek_hit(o, b) for o, b in policies.onderzoeken_with_basis(user, onderzoek_qs, limit=LIMIT * 3)
        ][:LIMIT]
    return results


def _stub(pk: int | None) -> SimpleNamespace | None:
    """The person a row is about by id only (the log row needs no more than the id)."""
    return SimpleNamespace(pk=pk) if pk else None


def reads_of(results: SearchResults) -> list[ListRead]:
    """One read per result shown, each with its own basis, for ``log_list_access``."""
    reads = []
    for hit in results.hits:
        subject: dict = {}
        if hit.kind == ObjectType.PERSOON:
            subject = {"person": hit.obj}
        elif hit.kind == ObjectType.MELDING:
            subject = {"melding": hit.obj, "person": _stub(hit.obj.person_id)}
        elif hit.kind == ObjectType.CASUS:
            subject = {"casus": hit.obj, "person": _stub(hit.obj.person_id)}
        else:
            melding = hit.obj.melding
            subject = {"melding": melding, "person": _stub(melding.person_id)}
        reads.append(ListRead(object_type=hit.kind, reason=hit.basis, break_glass=hit.break_glass, **subject))
    return reads


def log_detail(kind: str) -> str:
    """The access-log detail of a search: what kind of query, never the query itself."""
    return f"zoeken ({kind})"


__all__ = ["Hit", "SearchResults", "log_detail", "parse_query", "reads_of", "search_everything", "search_persons"]
