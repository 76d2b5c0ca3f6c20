"""The match index: keep every person's blocking keys in step with the person, and
import registries in bulk.

- ``index_person(person)``: rebuild one person's keys (called on every save, see ``signals``).
- ``reindex_persons()``: rebuild all keys (after a restore or a change of the key rules).
- ``import_registry(rows)``: add many persons at once (a merged meldpunt, the benchmark),
  streaming in batches with one bulk insert per table per batch.

Searching the index is ``search``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from vangnet.core.identity import is_valid_bsn, normalise_bsn
from vangnet.persons.matching.names import given_key, surname_key
from vangnet.persons.models import Person, PersonAddress, PersonAlias

from .features import (
    Features,
    _parse_date,
    address_features,
    features_from,
    name_features,
    record_keys,
)
from .store_models import PersonMatchKey, PersonSourceRecord
from .vocabulary import vocabulary

# --- features of stored persons --------------------------------------------

PERSON_FIELDS = (
    "id",
    "given_names",
    "roepnaam",
    "tussenvoegsel",
    "surname",
    "sex",
    "date_of_birth",
    "estimated_birth_year",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "phone",
    "partner_prefix",
    "partner_surname",
    "is_active",
)
# A person with many aliases and old addresses: compare against at most this many variants.
MAX_VARIANTS = 24


def _given_with_roepnaam(given_names: str, roepnaam: str) -> str:
    if roepnaam and roepnaam.lower() not in (given_names or "").lower().split():
        return f"{given_names} {roepnaam}".strip()
    return given_names or ""


def person_features(p) -> Features:
    """Features of a Person (model instance or a ``values()`` dict)."""
    get = p.get if isinstance(p, dict) else (lambda name, default="": getattr(p, name, default))
    return features_from(
        given_names=_given_with_roepnaam(get("given_names", ""), get("roepnaam", "")),
        surname_prefix=get("tussenvoegsel", ""),
        surname=get("surname", ""),
        sex=get("sex", ""),
        date_of_birth=get("date_of_birth", None),
        estimated_birth_year=get("estimated_birth_year", None),
        bsn=get("bsn", ""),
        street=get("street", ""),
        house_number=get("house_number", ""),
        postcode=get("postcode", ""),
        city=get("city", ""),
        phone=get("phone", ""),
    )


@lru_cache(maxsize=50_000)
def _row_features(values: tuple) -> Features:
    """Features of a person row, cached on the row's values (a changed row is a new key).
    Callers must not mutate the result (variants are made with ``replace``)."""
    return person_features(dict(zip(PERSON_FIELDS, values, strict=True)))


def person_variants(p, aliases: Iterable = (), addresses: Iterable = ()) -> list[Features]:
    """The person's features plus one variant per other known name (partner name,
    aliases) and per earlier address, so a melding that uses any of them finds the
    person and is scored on the best fitting one. ``aliases`` and ``addresses`` are
    model instances or ``values()`` dicts; the first item is the person as registered."""
    get = p.get if isinstance(p, dict) else (lambda name, default="": getattr(p, name, default))
    if isinstance(p, dict) and "id" in p:
        # Search results: the same persons come up again and again (common names).
        main = _row_features(tuple(p.get(f) for f in PERSON_FIELDS))
    else:
        main = person_features(p)
    names: list[Features] = [main]
    partner = get("partner_surname", "")
    if partner:
        names.append(
            replace(
                main,
                **name_features(main.given, surname=partner, surname_prefix=get("partner_prefix", "")),
                extra={"via": "partnernaam"},
            )
        )
    for a in aliases:
        ag = a.get if isinstance(a, dict) else (lambda name, default="", a=a: getattr(a, name, default))
        given, surname = ag("given_names", ""), ag("surname", "")
        if not (given or surname):
            continue
        fields = name_features(
            main.given if not given else None,
            given_names=given,
            surname=surname or None,
            surname_prefix=ag("prefix", "") if surname else None,
        )
        names.append(replace(main, **fields, extra={"via": "andere naam"}))
    variants = list(names)
    for ad in addresses:
        dg = ad.get if isinstance(ad, dict) else (lambda name, default="", ad=ad: getattr(ad, name, default))
        fields = address_features(
            street=dg("street", ""),
            house_number=dg("house_number", ""),
            postcode=dg("postcode", ""),
            city=dg("city", ""),
        )
        if not any(fields.values()):
            continue
        for n in names:
            via = "oud adres" if n is main else f"{n.extra['via']}, oud adres"
            variants.append(replace(n, **fields, extra={"via": via}))
    return variants[:MAX_VARIANTS]


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def id_filter(column: str, ids: list[int]) -> tuple[str, list]:
    """``column`` among ``ids``: one array parameter on PostgreSQL (the same SQL text every
    time), an IN list elsewhere."""
    if on_postgres():
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def extras_for(person_ids: list[int]) -> tuple[dict[int, list[dict]], dict[int, list[dict]]]:
    """Aliases and earlier addresses of these persons, in one query (raw SQL: the ORM
    spends more time building an IN filter of a hundred ids than the database needs)."""
    aliases: dict[int, list[dict]] = defaultdict(list)
    addresses: dict[int, list[dict]] = defaultdict(list)
    if not person_ids:
        return aliases, addresses
    where, params = id_filter("person_id", person_ids)
    sql = (
        f"SELECT 1, id, person_id, given_names, prefix, surname, '' FROM {PersonAlias._meta.db_table} "
        f"WHERE {where} UNION ALL "
        f"SELECT 2, id, person_id, street, house_number, postcode, city FROM {PersonAddress._meta.db_table} "
        f"WHERE {where} ORDER BY 1, 2"
    )
    with connection.cursor() as cur:
        cur.execute(sql, params * 2)
        for kind, _id, pid, a, b, c, d in cur.fetchall():
            if kind == 1:
                aliases[pid].append({"given_names": a, "prefix": b, "surname": c})
            else:
                addresses[pid].append({"street": a, "house_number": b, "postcode": c, "city": d})
    return aliases, addresses


def variant_keys(variants: list[Features]) -> set[str]:
    keys: set[str] = set()
    for v in variants:
        keys |= record_keys(v)
    return keys


# --- key upkeep -------------------------------------------------------------


def index_person(person) -> None:
    """Replace the match keys of one person with the keys of its current data,
    its other names (partner name, aliases) and its earlier addresses."""
    # A merged-away (inactive) person must never come up as a candidate again.
    active = getattr(person, "is_active", True)
    keys: list[str] = []
    if active:
        aliases, addresses = extras_for([person.pk])
        variants = person_variants(person, aliases.get(person.pk, []), addresses.get(person.pk, []))
        keys = sorted(variant_keys(variants))
        for v in variants:
            vocabulary.add(v.surname_phonetics)
    with transaction.atomic():
        PersonMatchKey.objects.filter(person_id=person.pk).delete()
        PersonMatchKey.objects.bulk_create(PersonMatchKey(person_id=person.pk, key=k[:80]) for k in keys)


def reindex_persons(batch_size: int = 2000) -> int:
    """Rebuild every person's keys (after a restore or a change of the key rules)."""
    done = 0
    last = 0
    while True:
        rows = list(Person.objects.filter(pk__gt=last).order_by("pk").values(*PERSON_FIELDS)[:batch_size])
        if not rows:
            return done
        last = rows[-1]["id"]
        active = [r for r in rows if r["is_active"]]
        aliases, addresses = extras_for([r["id"] for r in active])
        with transaction.atomic():
            PersonMatchKey.objects.filter(person_id__in=[r["id"] for r in rows]).delete()
            # Inactive (merged-away) persons keep no keys: they must never be found again.
            _insert_keys(
                [
                    (r["id"], k)
                    for r in active
                    for k in variant_keys(person_variants(r, aliases.get(r["id"], []), addresses.get(r["id"], [])))
                ]
            )
        done += len(rows)


def _insert_keys(pairs: list[tuple[int, str]]) -> None:
    table = PersonMatchKey._meta.db_table
    with connection.cursor() as cur:
        if on_postgres():
            with cur.copy(f"COPY {table} (person_id, key) FROM STDIN") as copy:
                for pid, key in pairs:
                    copy.write_row((pid, key[:80]))
        else:
            cur.executemany(f"INSERT INTO {table} (person_id, key) VALUES (%s, %s)", [(p, k[:80]) for p, k in pairs])


# --- bulk import -------------------------------------------------------------


def _clip(value, length: int) -> str:
    return (value or "").strip()[:length]


def person_values(row: dict) -> dict:
    """A registry row (the benchmark CSV contract) as Person field values, cleaned
    the way the forms would, plus the lookup keys Person.save() would set."""
    bsn = normalise_bsn(row.get("bsn") or "")
    dob = _parse_date(row.get("date_of_birth"))
    est = str(row.get("estimated_birth_year") or "").strip()
    sex = (row.get("sex") or "").strip().upper()[:1]
    v = {
        "given_names": _clip(row.get("given_names"), 200),
        "roepnaam": _clip(row.get("roepnaam"), 100),
        "tussenvoegsel": _clip(row.get("surname_prefix") or row.get("tussenvoegsel"), 30),
        "surname": _clip(row.get("surname"), 200),
        "sex": sex if sex in ("M", "V") else "",
        "date_of_birth": dob,
        "estimated_birth_year": int(est) if est.isdigit() and dob is None else None,
        # An invalid BSN is not stored (the field is validated); it says nothing about identity.
        "bsn": bsn if is_valid_bsn(bsn) else "",
        "street": _clip(row.get("street"), 200),
        "house_number": _clip(row.get("house_number"), 20),
        "postcode": _clip(row.get("postcode"), 7),
        "city": _clip(row.get("city"), 100),
        "phone": _clip(row.get("phone"), 30),
        "place_description": _clip(row.get("place_description"), 500),
    }
    v["surname_key"] = surname_key(v["surname"], v["tussenvoegsel"])[:200]
    v["given_key"] = given_key(v["roepnaam"] or v["given_names"])[:100]
    return v


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


@dataclass
class ImportResult:
    persons: int = 0
    keys: int = 0
    seconds: float = 0.0


def _person_columns() -> list:
    return [f for f in Person._meta.concrete_fields if not f.primary_key]


def _insert_persons(values: list[dict]) -> list[int]:
    """Insert persons without building model instances (the ORM's bulk_create spends
    more time assembling SQL than the database spends storing); returns their ids."""
    fields = _person_columns()
    now = timezone.now()
    defaults = {f.attname: f.get_default() for f in fields}
    defaults["created_at"] = now
    table = Person._meta.db_table
    cols = [f.column for f in fields]
    names = [f.attname for f in fields]
    n = len(values)
    with connection.cursor() as cur:
        if on_postgres():
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            ids = [r[0] for r in cur.fetchall()]
            with cur.copy(f"COPY {table} (id, {', '.join(cols)}) FROM STDIN") as copy:
                for pid, v in zip(ids, values, strict=True):
                    copy.write_row((pid, *[v.get(a, defaults[a]) for a in names]))
            return ids
        ops = connection.ops
        defaults["created_at"] = ops.adapt_datetimefield_value(now)
        dob = names.index("date_of_birth")
        data = []
        for v in values:
            row = [v.get(a, defaults[a]) for a in names]
            if row[dob] is not None:
                row[dob] = row[dob].isoformat()
            data.append(row)
        # Inside the batch's transaction this connection holds SQLite's write lock, so
        # the rows get consecutive ids ending at last_insert_rowid().
        cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})", data)
        cur.execute("SELECT last_insert_rowid()")
        last = cur.fetchone()[0]
        return list(range(last - n + 1, last + 1))


def _insert_source_records(pairs: list[tuple[int, str]], source: str) -> None:
    table = PersonSourceRecord._meta.db_table
    with connection.cursor() as cur:
        if on_postgres():
            with cur.copy(f"COPY {table} (person_id, source, external_id) FROM STDIN") as copy:
                for pid, ext in pairs:
                    copy.write_row((pid, source, ext))
        else:
            cur.executemany(
                f"INSERT INTO {table} (person_id, source, external_id) VALUES (%s, %s, %s)",
                [(pid, source, ext) for pid, ext in pairs],
            )


def import_registry(
    rows: Iterable[dict], *, source: str = "import", batch_size: int = 5000, progress=None
) -> ImportResult:
    """Add persons in bulk, with their match keys and source ids.

    ``rows`` are dicts with the registry CSV fields (``record_id`` becomes the id in
    ``source``). Streams: one batch in memory, one insert per table per batch, in
    one transaction per batch."""
    result = ImportResult()
    started = time.perf_counter()
    for batch in _batches(rows, batch_size):
        values = [person_values(r) for r in batch]
        with transaction.atomic():
            ids = _insert_persons(values)
            _insert_source_records(
                [(pid, _clip(r.get("record_id"), 80)) for pid, r in zip(ids, batch, strict=True)], source
            )
            pairs = [(pid, k) for pid, v in zip(ids, values, strict=True) for k in record_keys(person_features(v))]
            pairs.sort(key=lambda pk: pk[1])  # index order: fewer scattered page writes
            _insert_keys(pairs)
        vocabulary.add(k[1:] for _, k in pairs if k[0] == "s")
        result.persons += len(values)
        result.keys += len(pairs)
        if progress:
            progress(result.persons)
    result.seconds = time.perf_counter() - started
    return result


def delete_source(source: str) -> int:
    """Remove every person imported from ``source`` (used to reset the benchmark store).

    Raw deletes, because the ORM's cascade collector would load a million rows."""
    src = PersonSourceRecord._meta.db_table
    keys = PersonMatchKey._meta.db_table
    person = Person._meta.db_table
    sub = f"SELECT person_id FROM {src} WHERE source = %s"
    with transaction.atomic(), connection.cursor() as cur:
        # Foreign keys are checked at commit (Django creates them deferrable), so the
        # source rows can go last while they still tell which persons to delete.
        cur.execute(f"DELETE FROM {keys} WHERE person_id IN ({sub})", [source])
        cur.execute(f"DELETE FROM {person} WHERE id IN ({sub})", [source])
        n = cur.rowcount
        cur.execute(f"DELETE FROM {src} WHERE source = %s", [source])
    return n
