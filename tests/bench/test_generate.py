"""The synthetic person generator: contracts, determinism and realism checks (no database)."""

import csv
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from bench.persons import generate as G

RECORDS, QUERIES, ABSENT_SHARE, DEDUP = 3000, 400, 0.3, 1500


def _generate(out: Path, seed: int = 7) -> Path:
    G.main(
        [
            "--records",
            str(RECORDS),
            "--queries",
            str(QUERIES),
            "--absent-share",
            str(ABSENT_SHARE),
            "--seed",
            str(seed),
            "--out-dir",
            str(out),
            "--dedup-records",
            str(DEDUP),
        ]
    )
    return out


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _digest(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.csv"))}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return _generate(tmp_path_factory.mktemp("persons"))


def test_writes_the_exact_headers(out):
    def header(name):
        with open(out / name, encoding="utf-8") as f:
            return f.readline().rstrip("\n")

    assert header("registry.csv") == (
        "record_id,given_names,surname_prefix,surname,sex,date_of_birth,bsn,street,house_number,postcode,city,phone"
    )
    assert header("queries.csv") == (
        "query_id,given_names,surname_prefix,surname,sex,date_of_birth,approx_age,bsn,street,house_number,"
        "postcode,city,phone,place_description"
    )
    assert header("truth.csv") == "query_id,record_id"
    assert header("dedup_registry.csv") == header("registry.csv")
    assert header("dedup_truth.csv") == "record_id_a,record_id_b"


def test_is_deterministic_per_seed(out, tmp_path):
    again = _generate(tmp_path / "again")
    assert _digest(again) == _digest(out)
    other = _generate(tmp_path / "other", seed=8)
    assert _digest(other)["registry.csv"] != _digest(out)["registry.csv"]


def test_counts_and_absent_share(out):
    registry = _rows(out / "registry.csv")
    truth = _rows(out / "truth.csv")
    queries = _rows(out / "queries.csv")
    assert len(registry) == RECORDS
    assert len({r["record_id"] for r in registry}) == RECORDS
    assert len(queries) == len(truth) == QUERIES
    assert [q["query_id"] for q in queries] == [t["query_id"] for t in truth]
    absent = sum(1 for t in truth if not t["record_id"])
    assert abs(absent / QUERIES - ABSENT_SHARE) < 0.02


def test_truth_ids_exist_in_registry(out):
    ids = {r["record_id"] for r in _rows(out / "registry.csv")}
    present = [t["record_id"] for t in _rows(out / "truth.csv") if t["record_id"]]
    assert present and all(rid in ids for rid in present)
    dedup_ids = {r["record_id"] for r in _rows(out / "dedup_registry.csv")}
    pairs = _rows(out / "dedup_truth.csv")
    assert len(dedup_ids) == DEDUP
    assert pairs and all(p["record_id_a"] in dedup_ids and p["record_id_b"] in dedup_ids for p in pairs)
    assert all(p["record_id_a"] < p["record_id_b"] for p in pairs)


def test_registry_bsns_pass_the_11_proef_and_are_unique(out):
    bsns = [r["bsn"] for r in _rows(out / "registry.csv") if r["bsn"]]
    assert all(G.bsn_check_ok(b) for b in bsns)
    assert len(set(bsns)) == len(bsns)
    # Most, but not all, people have a BSN.
    assert 0.8 < len(bsns) / RECORDS < 0.99


def test_bsn_check():
    assert G.bsn_check_ok("111222333")
    assert G.bsn_check_ok("123456782")
    assert not G.bsn_check_ok("123456789")
    assert not G.bsn_check_ok("12345678")


def test_field_formats(out):
    registry = _rows(out / "registry.csv")
    queries = _rows(out / "queries.csv")
    for row in registry + queries:
        assert row["sex"] in ("M", "V", "")
        if row["date_of_birth"]:
            y, m, d = row["date_of_birth"].split("-")
            assert len(y) == 4 and len(m) == 2 and len(d) == 2
    for row in registry:
        if row["postcode"]:
            digits, letters = row["postcode"].split(" ")
            assert len(digits) == 4 and digits.isdigit() and len(letters) == 2 and letters.isupper()
    assert all(q["approx_age"].isdigit() for q in queries if q["approx_age"])
    # BSN in roughly 15 % of the queries, an estimated age instead of a birth date in many.
    with_bsn = sum(1 for q in queries if q["bsn"]) / len(queries)
    assert 0.08 < with_bsn < 0.25
    assert sum(1 for q in queries if q["approx_age"] and not q["date_of_birth"]) > 0.15 * len(queries)


def test_families_and_hard_negatives_exist(out):
    registry = _rows(out / "registry.csv")
    at_address = Counter((r["street"], r["house_number"], r["postcode"], r["surname"]) for r in registry if r["street"])
    assert any(n >= 2 for n in at_address.values())
    meta = _rows(out / "query_meta.csv")
    kinds = Counter(m["absent_kind"] for m in meta)
    assert kinds["relative"] + kinds["relative_jrsr"] + kinds["relative_twin"] > 0
    assert kinds["namesake"] > 0 and kinds["unrelated"] > 0


def test_names_are_realistically_distributed(out):
    registry = _rows(out / "registry.csv")
    surnames = Counter(f"{r['surname_prefix']} {r['surname']}".strip().lower() for r in registry)
    common = {"de jong", "jansen", "de vries", "van den berg", "van dijk", "bakker", "janssen", "visser"}
    assert sum(surnames[s] for s in common) / len(registry) > 0.01
    assert any(not (r["given_names"] + r["surname"]).isascii() for r in registry)  # EU names with diacritics


def test_queries_have_the_variations(out):
    tags = Counter(t for m in _rows(out / "query_meta.csv") for t in m["variations"].split(";") if t)
    for expected in ("given_roep", "given_init", "approx_age", "old_address", "surname_typo", "prefix_joined"):
        assert tags[expected] > 0, expected


def test_typo_and_spelling_helpers():
    import random

    rng = random.Random(1)
    assert G.strip_diacritics("Łukasz Wójcik Şahin") == "Lukasz Wojcik Sahin"
    assert G.spelling_swap("van Dijk", rng) in {"van Dyk", "van Deik"}
    variants = {G.typo("Jansen", rng) for _ in range(50)}
    assert "Jansen" not in variants and len(variants) > 5
    assert all(abs(len(v) - len("Jansen")) <= 1 for v in variants)
