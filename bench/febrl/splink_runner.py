"""Splink 4 (DuckDB backend) on the mapped FEBRL data: a standard probabilistic model.

Model (the same for linking and deduplication):
* comparisons: given_names and surname (exact / Jaro-Winkler >= 0.92, 0.88, 0.7, with term
  frequency adjustment on the exact level), date_of_birth (exact / one character off / within a
  month / a year / ten years), street (Jaro-Winkler 0.9, 0.7), house_number (exact), postcode
  (Levenshtein 1, 2), city (exact, term frequencies) and, in the ``ssid`` variant only,
  soc_sec_id (exact / Levenshtein 1, 2).
* prediction blocking: any of given_names, surname, date_of_birth, postcode+house_number,
  street+house_number (+ soc_sec_id in the ssid variant).
* training: lambda from deterministic rules (name+dob, name+postcode) at assumed recall 0.7; u by
  random sampling (1e6 pairs); m by EM on two blocking passes (name pair, then date_of_birth).
"""

from __future__ import annotations

import logging
import time
from typing import Any, Literal

FIELDS = ["given_names", "surname", "date_of_birth", "street", "house_number", "postcode", "city"]


def _frame(rows: list[dict], id_key: str, ssid: dict[str, str] | None):
    import pandas as pd

    records = []
    for r in rows:
        rec = {"unique_id": r[id_key]}
        for f in FIELDS:
            rec[f] = r.get(f) or None
        if ssid is not None:
            rec["soc_sec_id"] = ssid.get(r[id_key]) or None
        records.append(rec)
    return pd.DataFrame.from_records(records)


def _settings(link_type: Literal["link_only", "dedupe_only"], use_ssid: bool):
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    # list[Any]: Splink's annotation wants a list of creators *or* dicts (lists are invariant).
    comparisons: list[Any] = [
        cl.NameComparison("given_names").configure(term_frequency_adjustments=True),
        cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y-%m-%d"),
        cl.JaroWinklerAtThresholds("street", [0.9, 0.7]),
        cl.ExactMatch("house_number"),
        cl.LevenshteinAtThresholds("postcode", [1, 2]),
        cl.ExactMatch("city").configure(term_frequency_adjustments=True),
    ]
    blocking: list[Any] = [
        block_on("given_names"),
        block_on("surname"),
        block_on("date_of_birth"),
        block_on("postcode", "house_number"),
        block_on("street", "house_number"),
    ]
    if use_ssid:
        comparisons.append(cl.LevenshteinAtThresholds("soc_sec_id", [1, 2]))
        blocking.append(block_on("soc_sec_id"))
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _train(linker) -> None:
    from splink import block_on

    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_names", "surname", "date_of_birth"), block_on("given_names", "surname", "postcode")],
        recall=0.7,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_names", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))


def _quiet() -> None:
    for name in ("splink", "splink.internals"):
        logging.getLogger(name).setLevel(logging.ERROR)


def run_link(
    registry: list[dict], queries: list[dict], ssid: dict[str, str] | None = None, floor: float = 0.001
) -> dict:
    """Link queries (B) to registry (A). Returns {"pairs": [(record_id, query_id, p)], "seconds"}."""
    from splink import DuckDBAPI, Linker

    _quiet()
    use_ssid = ssid is not None
    t0 = time.perf_counter()
    df_a = _frame(registry, "record_id", ssid)
    df_b = _frame(queries, "query_id", ssid)
    linker = Linker(
        [df_a, df_b],
        _settings("link_only", use_ssid),
        db_api=DuckDBAPI(),
        input_table_aliases=["reg", "qry"],
        set_up_basic_logging=False,
    )
    _train(linker)
    pred = linker.inference.predict(threshold_match_probability=floor).as_pandas_dataframe()
    seconds = time.perf_counter() - t0
    pairs = []
    for sl, il, sr, ir, p in zip(
        pred["source_dataset_l"],
        pred["unique_id_l"],
        pred["source_dataset_r"],
        pred["unique_id_r"],
        pred["match_probability"],
        strict=True,
    ):
        if sl == "reg" and sr == "qry":
            pairs.append((str(il), str(ir), float(p)))
        elif sl == "qry" and sr == "reg":
            pairs.append((str(ir), str(il), float(p)))
    return {"pairs": pairs, "seconds": seconds}


def run_dedup(registry: list[dict], ssid: dict[str, str] | None = None, floor: float = 0.001) -> dict:
    """Deduplicate one file. Returns {"pairs": [(id_a, id_b, p)], "seconds"}."""
    from splink import DuckDBAPI, Linker

    _quiet()
    use_ssid = ssid is not None
    t0 = time.perf_counter()
    df = _frame(registry, "record_id", ssid)
    linker = Linker(df, _settings("dedupe_only", use_ssid), db_api=DuckDBAPI(), set_up_basic_logging=False)
    _train(linker)
    pred = linker.inference.predict(threshold_match_probability=floor).as_pandas_dataframe()
    seconds = time.perf_counter() - t0
    pairs = [
        (str(a), str(b), float(p))
        for a, b, p in zip(pred["unique_id_l"], pred["unique_id_r"], pred["match_probability"], strict=True)
    ]
    return {"pairs": pairs, "seconds": seconds}
