"""Search the match index: "is this person already known?" for the triage screen
and the benchmark.

- ``find_candidates(query)``: ranked candidates with score, verdict and reasons.
- ``query_features(query)``: a description of a person (query CSV contract) as features.

Nothing is linked here: the worker decides. The index itself is kept by ``index``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from vangnet.persons.models import Person

from .features import Features, features_from, query_keys
from .index import PERSON_FIELDS, extras_for, id_filter, on_postgres, person_features, person_variants
from .scoring import compare, compare_best, probability, verdict
from .store_models import PersonMatchKey, PersonSourceRecord
from .vocabulary import vocabulary

__all__ = [
    "CANDIDATE_POOL",
    "Candidate",
    "find_candidates",
    "person_features",
    "query_features",
    "score_person",
    "swapped_query",
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


def query_features(query: dict) -> Features:
    q = {k: (v.strip() if isinstance(v, str) else v) for k, v in query.items()}
    if not q.get("surname_prefix") and q.get("tussenvoegsel"):
        q["surname_prefix"] = q["tussenvoegsel"]
    if q.get("roepnaam"):
        q["given_names"] = " ".join(x for x in [q.get("roepnaam"), q.get("given_names")] if x)
    return features_from(**q)


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


def _retrieve(weights: dict[str, float], limit: int) -> list[int]:
    """Person ids sharing the most (weighted) keys with the query: one indexed query."""
    if not weights:
        return []
    table = PersonMatchKey._meta.db_table
    tail = f"SELECT m.person_id FROM q JOIN {table} m ON m.key = q.k GROUP BY m.person_id ORDER BY SUM(q.w) DESC, m.person_id LIMIT %s"
    keys = [k[:80] for k in weights]
    if on_postgres():
        # Two array parameters: the SQL text stays the same for every query, so neither
        # psycopg nor PostgreSQL has to parse a new statement with hundreds of placeholders.
        sql = f"WITH q(k, w) AS (SELECT * FROM unnest(%s::text[], %s::float8[])) {tail}"
        params: list = [keys, list(weights.values()), limit]
    else:
        sql = f"WITH q(k, w) AS (VALUES {', '.join(['(%s, %s)'] * len(weights))}) {tail}"
        params = [x for pair in zip(keys, weights.values(), strict=True) for x in pair] + [limit]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return [r[0] for r in cur.fetchall()]


def _fetch(person_ids: list[int]) -> list[dict]:
    """The candidates' fields and their source id, in one query."""
    person = Person._meta.db_table
    src = PersonSourceRecord._meta.db_table
    cols = ", ".join(f"p.{f}" for f in PERSON_FIELDS)
    where, params = id_filter("p.id", person_ids)
    sql = f"SELECT {cols}, s.external_id FROM {person} p LEFT JOIN {src} s ON s.person_id = p.id WHERE {where}"
    rows: dict[int, dict] = {}
    with connection.cursor() as cur:
        cur.execute(sql, params)
        for r in cur.fetchall():
            if r[0] not in rows:
                row = dict(zip(PERSON_FIELDS, r[:-1], strict=True))
                row["external_id"] = r[-1]
                rows[r[0]] = row
    aliases, addresses = extras_for(list(rows))
    for pid, row in rows.items():
        row["variants"] = person_variants(row, aliases.get(pid, []), addresses.get(pid, []))
    return [row for row in rows.values() if row["is_active"]]


def score_person(q: Features, person: Person) -> Candidate:
    """One person scored against a query, for a person found another way than the key
    index (triage's exact lookup); alone, so the verdict has no runner-up to lead."""
    comp = compare(q, person_features(person))
    return Candidate(
        person_id=person.pk,
        record_id=str(person.pk),
        score=probability(comp.score),
        weight=comp.score,
        verdict=verdict(comp.score, None, comp.identifying),
        agree=comp.agree,
        conflict=comp.conflict,
    )


def find_candidates(query: dict, limit: int = 10, *, pool: int = CANDIDATE_POOL) -> list[Candidate]:
    """Ranked candidates for a description of a person (fields of the query CSV contract).

    Nothing is linked here: the worker decides. Only the best candidate can get
    ``match``, and only with a clear lead over the runner-up."""
    q = query_features(query)
    queries = [q]
    weights = _weighted_query_keys(q)
    qs = swapped_query(query)
    if qs is not None:
        queries.append(qs)
        _weighted_query_keys(qs, SWAPPED_KEY_FACTOR, weights)
    ids = _retrieve(weights, pool)
    if not ids:
        return []
    scored = []
    for row in _fetch(ids):
        c = compare_best(queries, row["variants"])
        scored.append((c.score, row["id"], row["external_id"], c))
    scored.sort(key=lambda t: (-t[0], t[1]))
    scored = scored[:limit]
    out: list[Candidate] = []
    for i, (s, pid, ext, c) in enumerate(scored):
        if i == 0:
            v = verdict(s, scored[1][0] if len(scored) > 1 else None, c.identifying)
        else:
            v = verdict(s, scored[0][0], c.identifying)  # never a clear lead over the best one
            if v == "match":
                v = "possible"
        out.append(
            Candidate(
                person_id=pid,
                record_id=ext or str(pid),
                score=probability(s),
                weight=round(s, 2),
                verdict=v,
                agree=c.agree,
                conflict=c.conflict,
            )
        )
    return out
