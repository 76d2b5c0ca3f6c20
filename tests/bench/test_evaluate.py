"""The benchmark's scoring scripts on tiny hand-made examples."""

import json

import pytest

from bench.persons import evaluate as E
from bench.persons import evaluate_dedup as ED


def _c(record_id, verdict, score=0.5):
    return {"record_id": record_id, "score": score, "verdict": verdict}


@pytest.fixture
def figures(tmp_path):
    truth = tmp_path / "truth.csv"
    truth.write_text("query_id,record_id\nQ1,R1\nQ2,R2\nQ3,R3\nQ4,\nQ5,\nQ6,R6\n", encoding="utf-8")
    results = [
        # true person first, match
        {"query_id": "Q1", "candidates": [_c("R1", "match", 0.99), _c("R9", "possible")], "ms": 1.0},
        # true person third, possible; a wrong match at rank 1
        {"query_id": "Q2", "candidates": [_c("R7", "match"), _c("R8", "none"), _c("R2", "possible")], "ms": 2.0},
        # true person at rank 6 only
        {"query_id": "Q3", "candidates": [_c(f"X{i}", "none") for i in range(5)] + [_c("R3", "none")], "ms": 3.0},
        # absent person, wrongly matched
        {"query_id": "Q4", "candidates": [_c("R4", "match")], "ms": 4.0},
        # absent person, no match
        {"query_id": "Q5", "candidates": [_c("R5", "possible")], "ms": 10.0},
        # Q6 has no result line at all
    ]
    path = tmp_path / "results.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in results) + "\n", encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "query_id,absent_kind,source,variations\nQ1,,buren,given_roep\nQ2,,politie,given_roep;old_address\n"
        "Q3,,buren,\nQ4,relative,buren,\nQ5,namesake,politie,\nQ6,,buren,given_roep\n",
        encoding="utf-8",
    )
    return E.evaluate(E.read_results(str(path)), E.read_truth(str(truth)), E.read_meta(str(meta)))


def test_recall(figures):
    assert figures["present"] == 4 and figures["absent"] == 2
    assert figures["results_missing"] == 1
    assert figures["recall_at_1"] == pytest.approx(1 / 4)
    assert figures["recall_at_5"] == pytest.approx(2 / 4)
    assert figures["recall_at_10"] == pytest.approx(3 / 4)


def test_verdict_figures(figures):
    # Match verdicts: Q1/R1 (right), Q2/R7 (wrong), Q4/R4 (absent: wrong).
    assert figures["match_verdicts"] == 3
    assert figures["match_precision"] == pytest.approx(1 / 3)
    assert figures["false_match_rate"] == pytest.approx(1 / 2)
    assert figures["true_person_match"] == pytest.approx(1 / 4)
    assert figures["true_person_match_or_possible"] == pytest.approx(2 / 4)
    assert figures["present_with_wrong_match"] == pytest.approx(1 / 4)
    assert figures["targets"] == {"recall_at_5": False, "match_precision": False, "false_match_rate": False}


def test_latency(figures):
    lat = figures["latency_ms"]
    assert lat["n"] == 5
    assert lat["p50"] == 3.0
    assert lat["p95"] == 10.0 and lat["p99"] == 10.0 and lat["max"] == 10.0
    assert lat["mean"] == pytest.approx(4.0)


def test_breakdown(figures):
    roep = figures["by_variation"]["given_roep"]
    assert roep["present"] == 3 and roep["recall_at_1"] == pytest.approx(1 / 3)
    assert figures["by_absent_kind"]["relative"]["false_match_rate"] == 1.0
    assert figures["by_absent_kind"]["namesake"]["false_match_rate"] == 0.0


def test_percentile_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert E.percentile(values, 50) == 50.0
    assert E.percentile(values, 95) == 95.0
    assert E.percentile(values, 100) == 100.0
    assert E.percentile([], 50) is None


def test_cli_json_and_check(tmp_path, capsys):
    truth = tmp_path / "truth.csv"
    truth.write_text("query_id,record_id\nQ1,R1\nQ2,\n", encoding="utf-8")
    results = tmp_path / "results.jsonl"
    results.write_text(
        json.dumps({"query_id": "Q1", "candidates": [_c("R1", "match")], "ms": 1.5})
        + "\n"
        + json.dumps({"query_id": "Q2", "candidates": [], "ms": 0.5})
        + "\n",
        encoding="utf-8",
    )
    assert E.main(["--results", str(results), "--truth", str(truth), "--json", "--check"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["recall_at_1"] == 1.0 and out["match_precision"] == 1.0 and out["false_match_rate"] == 0.0
    assert E.main(["--results", str(results), "--truth", str(truth)]) == 0
    assert "recall@5" in capsys.readouterr().out


def test_dedup_scores(tmp_path):
    truth = tmp_path / "dedup_truth.csv"
    truth.write_text("record_id_a,record_id_b\nD1,D2\nD1,D3\nD2,D3\nD7,D8\n", encoding="utf-8")
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "record_id_a,record_id_b,score\n"
        "D2,D1,0.9\n"  # reversed order still counts
        "D1,D2,0.8\n"  # repeated pair counts once
        "D3,D1,0.7\n"
        "D4,D5,0.6\n"  # wrong
        "D6,D6,0.99\n",  # self-pair ignored
        encoding="utf-8",
    )
    fig = ED.evaluate(ED.read_pairs(str(pairs)), ED.read_truth(str(truth)))
    assert (fig["true_positives"], fig["false_positives"], fig["false_negatives"]) == (2, 1, 2)
    assert fig["precision"] == pytest.approx(2 / 3)
    assert fig["recall"] == pytest.approx(2 / 4)
    assert fig["f1"] == pytest.approx(2 * 2 / (3 + 4))
    # Best threshold: 0.7 keeps both true pairs and drops the wrong one.
    assert fig["best"]["threshold"] == 0.7 and fig["best"]["f1"] == pytest.approx(2 * 2 / (2 + 4))
    high = ED.evaluate(ED.read_pairs(str(pairs)), ED.read_truth(str(truth)), threshold=0.75)
    assert (high["proposed_pairs"], high["true_positives"]) == (1, 1)


def test_recall_split_by_identifying_field(tmp_path):
    queries = tmp_path / "queries.csv"
    queries.write_text(
        "query_id,given_names,surname_prefix,surname,sex,date_of_birth,approx_age,bsn,street,house_number,"
        "postcode,city,phone,place_description\n"
        "Q1,Jan,,Bakker,M,,,,,,,,,\n"  # surname: identifying
        "Q2,Sem,,,M,,,,,,,Hoorn,,\n"  # first name and town only
        'Q3,,,,V,,,,,,,,,"vrouw, ~75, zwerft rond de haven"\n'  # the age only in the description
        "Q4,Sem,,,M,1999-05-01,25,,,,,Hoorn,,\n",  # a date of birth counts (an estimated age alone does not)
        encoding="utf-8",
    )
    truth = tmp_path / "truth.csv"
    truth.write_text("query_id,record_id\nQ1,R1\nQ2,R2\nQ3,R3\nQ4,R4\n", encoding="utf-8")
    results = {
        "Q1": {"query_id": "Q1", "candidates": [_c("R1", "match")]},
        "Q2": {"query_id": "Q2", "candidates": [_c("R2", "possible")]},
        "Q3": {"query_id": "Q3", "candidates": []},
        "Q4": {"query_id": "Q4", "candidates": [_c("R4", "possible")]},
    }
    fig = E.evaluate(results, E.read_truth(str(truth)), None, E.read_identifiable(str(queries)))
    assert fig["identifiable"]["present"] == 2 and fig["identifiable"]["recall_at_5"] == 1.0
    assert fig["not_identifiable"]["present"] == 2 and fig["not_identifiable"]["recall_at_5"] == 0.5
    assert "recall@5 without an identifying field: 50.00 %" in E.format_text(fig)


def test_too_little_flag_splits_recall_and_the_target_is_over_the_rest(tmp_path):
    """Issue 14: the results' own ``too_little`` flag splits the queries; recall@5 is checked
    over those with an identifying field, and the too-little ones are counted."""
    truth = tmp_path / "truth.csv"
    truth.write_text("query_id,record_id\nQ1,R1\nQ2,R2\nQ3,R3\nQ4,\nQ5,R5\n", encoding="utf-8")
    lines = [
        {"query_id": "Q1", "candidates": [_c("R1", "match")], "too_little": False, "ms": 1.0},
        {"query_id": "Q2", "candidates": [_c("X", "none"), _c("R2", "possible")], "too_little": False, "ms": 1.0},
        {"query_id": "Q3", "candidates": [], "too_little": True, "ms": 0.1},
        {"query_id": "Q4", "candidates": [], "too_little": True, "ms": 0.1},
        {"query_id": "Q5", "candidates": [_c("R5", "possible")], "too_little": True, "ms": 0.1},  # breaks the contract
    ]
    path = tmp_path / "results.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    fig = E.evaluate(E.read_results(str(path)), E.read_truth(str(truth)))
    assert fig["recall_at_5"] == pytest.approx(3 / 4)  # all present queries
    assert fig["identifiable"]["present"] == 2 and fig["identifiable"]["recall_at_5"] == 1.0
    assert fig["not_identifiable"]["present"] == 2 and fig["not_identifiable"]["absent"] == 1
    assert fig["too_little"] == {"queries": 3, "present": 2, "absent": 1, "with_match_or_possible": 1}
    assert fig["targets"]["recall_at_5"] is True  # 100 % over the queries with an identifying field
    text = E.format_text(fig)
    assert (
        "too little to search on: 3 queries (2 with a true person, 1 absent); with a match or possible candidate: 1"
        in text
    )
    assert "recall@5 with an identifying field: 100.00 % (of 2 present queries" in text
    # Without the flag (an older results file) and without --queries: no split, target over all.
    for line in lines:
        del line["too_little"]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    old = E.evaluate(E.read_results(str(path)), E.read_truth(str(truth)))
    assert "too_little" not in old and old["targets"]["recall_at_5"] is False
