"""Search the match index: "is this person already known?" for the triage screen
and the benchmark.

- ``find_candidates(query)``: ranked candidates with score, verdict and reasons, or none
  at all with ``too_little`` set when the query has nothing to single a person out by.
- ``query_features(query)``: a description of a person (query CSV contract) as features.

Nothing is linked here: the worker decides. The index itself is kept by ``index``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet

from vangnet.persons.models import Person, PersonAddress, PersonAlias

from .csv_contract import IDENTIFYING_QUERY_FIELDS
from .features import Features, features_from, place_words, query_keys
from .index import PERSON_FIELDS, extras_for, id_filter, on_postgres, person_features, person_variants
from .model import TrainedWeights, posterior
from .scoring import Weights, compare, compare_best, probability, verdict
from .store_models import PersonMatchKey, PersonSourceRecord
from .trained import current_weights
from .vocabulary import vocabulary

__all__ = [
    "CANDIDATE_POOL",
    "IDENTIFYING_FIELDS",
    "Candidate",
    "Candidates",
    "find_candidates",
    "person_features",
    "place_candidates",
    "query_features",
    "score_person",
    "swapped_query",
    "too_little",
]

# How many persons the key lookup hands to the scorer. Scoring is ~20 µs a
# candidate, so a wide net costs little and protects recall for messy reports.
CANDIDATE_POOL = 100


@dataclass
class Candidate:
    person_id: int
    record_id: str
    score: float  # 0..1
    weight: float  # summed evidence (see scoring)
    verdict: str  # match / possible / none
    agree: list[str] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)


class Candidates(list[Candidate]):
    """What ``find_candidates`` returns: the candidates, best first (a plain list to every
    caller), and ``too_little``: the query had nothing to search on (see ``too_little``), so
    the list is empty on purpose, not because nobody fits."""

    too_little: bool

    def __init__(self, items: Iterable[Candidate] = (), *, too_little: bool = False) -> None:
        super().__init__(items)
        self.too_little = too_little


def query_features(query: dict) -> Features:
    q = {k: (v.strip() if isinstance(v, str) else v) for k, v in query.items()}
    if not q.get("surname_prefix") and q.get("tussenvoegsel"):
        q["surname_prefix"] = q["tussenvoegsel"]
    if q.get("roepnaam"):
        q["given_names"] = " ".join(x for x in [q.get("roepnaam"), q.get("given_names")] if x)
    return features_from(**q)


# --- too little to search on (issue 14) -------------------------------------------

# What can single a person out (issue 14, decision 1): a surname, a date of birth, a BSN, a
# phone number or an address (postcode, house number or street). A query with none of them
# ("Liam"; "vrouw, ~75, zwerft rond de haven") fits hundreds of people equally well: any
# ranking would be arbitrary, so the matcher ranks nobody and says so. A given name, the sex,
# an estimated age, the town and a place description do not count on their own.
IDENTIFYING_FIELDS = IDENTIFYING_QUERY_FIELDS


# Each field as the matcher reads it: a BSN that fails the elfproef or a date that is no date
# does not count (``features_from`` drops them).
_PRESENT: dict[str, Callable[[Features], object]] = {
    "surname": lambda q: q.surnames,
    "date_of_birth": lambda q: q.dob,
    "bsn": lambda q: q.bsn,
    "phone": lambda q: q.phone,
    "postcode": lambda q: q.postcode,
    "house_number": lambda q: q.house_number,
    "street": lambda q: q.street,
}


def _has_identifying(q: Features) -> bool:
    return any(_PRESENT[name](q) for name in IDENTIFYING_FIELDS)


def too_little(query: dict) -> bool:
    """Whether the query has none of ``IDENTIFYING_FIELDS`` (from the query alone, no
    database): then ``find_candidates`` returns no candidate and ``too_little`` set."""
    return not _has_identifying(query_features(query))


# --- search --------------------------------------------------------------------

# Evidence a shared key gives before scoring, by kind (first letter, see features.record_keys).
KEY_WEIGHTS = {"b": 10.0, "p": 5.0, "a": 4.0, "t": 3.0, "c": 1.5, "n": 3.0, "d": 2.0, "s": 2.0, "g": 1.5, "y": 1.0}
FUZZY_SURNAME_WEIGHT = 1.5


def _weighted_query_keys(q: Features, factor: float = 1.0, weights: dict[str, float] | None = None) -> dict[str, float]:
    weights = {} if weights is None else weights
    for k in query_keys(q):
        weights.setdefault(k, KEY_WEIGHTS.get(k[0], 1.0) * factor)
    for ph in q.surname_phonetics:
        for other in vocabulary.similar(ph):
            weights.setdefault("s" + other, FUZZY_SURNAME_WEIGHT * factor)
    return weights


# Keys of the swapped reading (given name typed as surname and the other way round) count
# for less in the lookup, so they only lift persons that nothing else brings up.
SWAPPED_KEY_FACTOR = 0.5


def swapped_query(query: dict) -> Features | None:
    """The query with given name and surname swapped, or None when one of them is missing."""
    given = (query.get("given_names") or "").strip()
    surname = " ".join(
        x for x in [query.get("surname_prefix") or query.get("tussenvoegsel"), query.get("surname")] if x
    )
    surname = surname.strip()
    if not given or not surname:
        return None
    q = {k: v for k, v in query.items() if k not in ("roepnaam", "tussenvoegsel")}
    q.update(given_names=surname, surname=given, surname_prefix="")
    qs = query_features(q)
    # An initial in the surname field ("Greftstein, C.") is no swapped surname: reading it
    # as a given name would let a mere initial count as name evidence.
    if not qs.given or not qs.surnames or len(qs.given[0]) < 2:
        return None
    return qs


def _key_cte(weights: dict[str, float], limit: int, within: QuerySet | None) -> tuple[str, str, list]:
    """The query's keys (``q``) and the SQL of the person ids sharing the most (weighted)
    keys with them, best first (``within``: only persons of this queryset)."""
    table = PersonMatchKey._meta.db_table
    where, where_params = "", []
    if within is not None:
        sub_sql, sub_params = within.values("pk").query.sql_with_params()
        where, where_params = f"WHERE m.person_id IN ({sub_sql})", list(sub_params)
    best = (
        f"SELECT m.person_id FROM q JOIN {table} m ON m.key = q.k {where} "
        "GROUP BY m.person_id ORDER BY SUM(q.w) DESC, m.person_id LIMIT %s"
    )
    keys = [k[:80] for k in weights]
    if on_postgres():
        # Two array parameters: the SQL text stays the same for every query, so neither
        # psycopg nor PostgreSQL has to parse a new statement with hundreds of placeholders.
        q = "q(k, w) AS (SELECT * FROM unnest(%s::text[], %s::float8[]))"
        params: list = [keys, list(weights.values()), *where_params, limit]
    else:
        q = f"q(k, w) AS (VALUES {', '.join(['(%s, %s)'] * len(weights))})"
        params = [x for pair in zip(keys, weights.values(), strict=True) for x in pair] + [*where_params, limit]
    return q, best, params


def _retrieve(weights: dict[str, float], limit: int, within: QuerySet | None = None) -> list[int]:
    """Person ids sharing the most (weighted) keys with the query: one indexed query.

    ``within``: only persons of this queryset (the search box of a user who sees few
    persons looks among hers, not among the register's best hundred)."""
    if not weights:
        return []
    q, best, params = _key_cte(weights, limit, within)
    with connection.cursor() as cur:
        cur.execute(f"WITH {q} {best}", params)
        return [r[0] for r in cur.fetchall()]


def _rows(fetched: Iterable[tuple], extras: Callable[[list[int]], tuple[dict, dict]]) -> list[dict]:
    """The candidates as the scorer takes them, from (PERSON_FIELDS..., external_id, ...)
    rows; ``extras`` gives the aliases and earlier addresses of the persons found."""
    rows: dict[int, dict] = {}
    for r in fetched:
        if r[0] not in rows:
            row = dict(zip(PERSON_FIELDS, r[: len(PERSON_FIELDS)], strict=True))
            row["external_id"] = r[len(PERSON_FIELDS)]
            rows[r[0]] = row
    aliases, addresses = extras(list(rows))
    for pid, row in rows.items():
        row["variants"] = person_variants(row, aliases.get(pid, []), addresses.get(pid, []))
    return [row for row in rows.values() if row["is_active"]]


def _fetch(person_ids: list[int]) -> list[dict]:
    """The candidates' fields and their source id, in one query."""
    person = Person._meta.db_table
    src = PersonSourceRecord._meta.db_table
    cols = ", ".join(f"p.{f}" for f in PERSON_FIELDS)
    where, params = id_filter("p.id", person_ids)
    sql = f"SELECT {cols}, s.external_id FROM {person} p LEFT JOIN {src} s ON s.person_id = p.id WHERE {where}"
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return _rows(cur.fetchall(), extras_for)


# Each candidate's aliases and earlier addresses as a JSON list in its own row, so the
# lookup, the candidates and their other names and addresses are one statement.
_ALIAS_COLS = ("id", "given_names", "prefix", "surname")
_ADDRESS_COLS = ("id", "street", "house_number", "postcode", "city")


def _json_list(table: str, alias: str, cols: tuple[str, ...]) -> str:
    values = ", ".join(f"{alias}.{c}" for c in cols)
    agg = f"json_agg(json_build_array({values}))" if on_postgres() else f"json_group_array(json_array({values}))"
    return f"(SELECT {agg} FROM {table} {alias} WHERE {alias}.person_id = p.id)"


def _decoded(value: object) -> list:
    """A JSON list column: text on SQLite, decoded (or NULL for none) on PostgreSQL."""
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else list(value)  # type: ignore[call-overload]


def _retrieve_and_fetch(weights: dict[str, float], limit: int, within: QuerySet | None = None) -> list[dict]:
    """``_fetch(_retrieve(...))`` in one statement: the persons sharing the most keys with
    the query, with their source id, aliases and earlier addresses (in id order, as
    ``extras_for`` gives them)."""
    if not weights:
        return []
    q, best, params = _key_cte(weights, limit, within)
    person = Person._meta.db_table
    src = PersonSourceRecord._meta.db_table
    cols = ", ".join(f"p.{f}" for f in PERSON_FIELDS)
    sql = (
        f"WITH {q}, best(person_id) AS ({best}) "
        f"SELECT {cols}, s.external_id, "
        f"{_json_list(PersonAlias._meta.db_table, 'a', _ALIAS_COLS)}, "
        f"{_json_list(PersonAddress._meta.db_table, 'd', _ADDRESS_COLS)} "
        f"FROM best JOIN {person} p ON p.id = best.person_id LEFT JOIN {src} s ON s.person_id = p.id"
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)
        fetched = cur.fetchall()
    n = len(PERSON_FIELDS) + 1
    aliases: dict[int, list[dict]] = {}
    addresses: dict[int, list[dict]] = {}
    for r in fetched:
        if r[0] not in aliases:
            aliases[r[0]] = [
                dict(zip(_ALIAS_COLS[1:], a[1:], strict=True)) for a in sorted(_decoded(r[n]), key=lambda a: a[0])
            ]
            addresses[r[0]] = [
                dict(zip(_ADDRESS_COLS[1:], d[1:], strict=True)) for d in sorted(_decoded(r[n + 1]), key=lambda d: d[0])
            ]
    return _rows(fetched, lambda _ids: (aliases, addresses))


def score_person(q: Features, person: Person) -> Candidate:
    """One person scored against a query, for a person found another way than the key
    index (triage's exact lookup); alone, so the verdict has no runner-up to lead."""
    weights = current_weights()
    comp = compare(q, person_features(person), weights)
    [(score, v)] = decide([comp.score], [comp.identifying], weights)
    return Candidate(
        person_id=person.pk,
        record_id=str(person.pk),
        score=score,
        weight=round(comp.score, 2),
        verdict=v,
        agree=comp.agree,
        conflict=comp.conflict,
    )


def decide(scores: list[float], identifying: list[bool], weights: Weights) -> list[tuple[float, str]]:
    """(score 0..1, verdict) for one query's candidates, best first. Only the best one can
    get ``match``; with a trained model the score is the probability that the candidate is
    the person, the candidates and "none of them" sharing it, so a close runner-up keeps the
    best one below the threshold; untrained, the best needs a margin over the runner-up."""
    if isinstance(weights, TrainedWeights):
        out = []
        for i, p in enumerate(posterior(scores, weights)):
            if i == 0 and p >= weights.match_probability:
                v = "match"
            elif p >= weights.possible_probability:
                v = "possible"
            else:
                v = "none"
            out.append((round(p, 4), v))
        return out
    out = []
    for i, (s, ident) in enumerate(zip(scores, identifying, strict=True)):
        if i == 0:
            v = verdict(s, scores[1] if len(scores) > 1 else None, ident)
        else:
            v = verdict(s, scores[0], ident)  # never a clear lead over the best one
            if v == "match":
                v = "possible"
        out.append((probability(s), v))
    return out


def find_candidates(
    query: dict,
    limit: int = 10,
    *,
    pool: int = CANDIDATE_POOL,
    within: QuerySet | None = None,
    model: Weights | None = None,
) -> Candidates:
    """Ranked candidates for a description of a person (fields of the query CSV contract).

    Nothing is linked here: the worker decides. Only the best candidate can get
    ``match``, and only with a clear lead over the runner-up. A query without any of
    ``IDENTIFYING_FIELDS`` gets no candidate at all and ``too_little`` set (the caller
    offers a search by hand or by place, ``place_candidates``). One with such a field
    that gives no key to look up by (only a house number, say) and a place description
    gets the persons known by that place. ``within``: only persons of this queryset;
    ``model``: the weights to score with (default: the active one, see ``model``)."""
    q = query_features(query)
    if not _has_identifying(q):
        return Candidates(too_little=True)
    queries = [q]
    weights = _weighted_query_keys(q)
    qs = swapped_query(query)
    if qs is not None:
        queries.append(qs)
        _weighted_query_keys(qs, SWAPPED_KEY_FACTOR, weights)
    if not weights and query.get("place_description"):
        return Candidates(place_candidates(query, limit, within=within))
    rows = _retrieve_and_fetch(weights, pool, within)
    if not rows:
        return Candidates()
    model = current_weights() if model is None else model
    scored = []
    for row in rows:
        c = compare_best(queries, row["variants"], model)
        scored.append((c.score, row["id"], row["external_id"], c))
    scored.sort(key=lambda t: (-t[0], t[1]))
    scored = scored[:limit]
    decided = decide([t[0] for t in scored], [t[3].identifying for t in scored], model)
    return Candidates(
        Candidate(
            person_id=pid,
            record_id=ext or str(pid),
            score=score,
            weight=round(s, 2),
            verdict=v,
            agree=c.agree,
            conflict=c.conflict,
        )
        for (s, pid, ext, c), (score, v) in zip(scored, decided, strict=True)
    )


# --- known by a place and a look ---------------------------------------------------

# How many persons with a matching place word are scored (the newest first).
PLACE_POOL = 500


def _place_raw_words(text: str) -> list[str]:
    """The description's significant words as typed (lowercase), for a LIKE on the
    stored text; ``place_words`` (folded) decides afterwards."""
    from .names import strip_accents

    wanted = place_words(text)
    out = []
    for raw in strip_accents(text or "").lower().replace(",", " ").split():
        raw = raw.strip(".;:!?()~")
        if raw and place_words(raw) & wanted and raw not in out:
            out.append(raw[:30])
    return out


def place_candidates(query: dict, limit: int = 10, *, within: QuerySet | None = None) -> list[Candidate]:
    """Persons known by a description of a place (``Person.place_description``) that shares
    a word with the query's, ranked by shared words, then sex and an age that fits.

    A place and a look never identify anyone: the verdict is at most ``possible``."""
    words = _place_raw_words(query.get("place_description") or "")
    if not words:
        return []
    q = query_features(query)
    wanted = place_words(query.get("place_description") or "")
    cond = Q()
    for w in words:
        cond |= Q(place_description__icontains=w)
    persons = Person.objects.filter(cond, is_active=True).exclude(place_description="")
    if within is not None:
        persons = persons.filter(pk__in=within.values("pk"))
    rows = persons.order_by("-pk").values("pk", "place_description", "sex", "date_of_birth", "estimated_birth_year")
    scored = []
    for row in rows[:PLACE_POOL]:
        shared = place_words(row["place_description"]) & wanted
        if not shared:
            continue
        agree, conflict = ["plek gelijk"], []
        score = 2.0 * len(shared)
        if q.sex and row["sex"]:
            if q.sex == row["sex"]:
                score += 1.0
                agree.append("geslacht gelijk")
            else:
                score -= 3.0
                conflict.append("geslacht verschilt")
        year = row["date_of_birth"].year if row["date_of_birth"] else row["estimated_birth_year"]
        if q.birth_year and year:
            off = abs(q.birth_year - year)
            if off <= 5:
                score += 1.0
                agree.append("leeftijd past ongeveer")
            elif off <= 10:
                conflict.append("leeftijd wijkt wat af")
            else:
                score -= 3.0
                conflict.append("leeftijd wijkt sterk af")
        if score > 0:
            scored.append((score, row["pk"], agree, conflict))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [
        Candidate(
            person_id=pid,
            record_id=str(pid),
            score=round(min(0.5, 0.1 * s), 2),
            weight=round(s, 2),
            verdict="possible",
            agree=agree,
            conflict=conflict,
        )
        for s, pid, agree, conflict in scored[:limit]
    ]
