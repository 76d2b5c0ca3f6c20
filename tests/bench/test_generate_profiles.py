"""Generator profiles (issue 14): the standard data set is unchanged, the independent one really differs."""

import csv
import hashlib
import random
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from bench.persons import data as D
from bench.persons import generate as G
from bench.persons.settings import INDEPENDENT, PROFILES, STANDARD, GeneratorSettings

# sha256 of `--records 3000 --queries 500 --seed 42 --dedup-records 1500` with the generator as it
# was before profiles existed. Change them only when the standard data set is meant to change
# (and say in bench/persons/README.md that earlier figures are not comparable).
STANDARD_3000_42 = {
    "dedup_registry.csv": "73b1125e8addb22ef22b94f76d0a483c1b7c7e96fff2d337b134cd780b06b83c",
    "dedup_truth.csv": "16e7c67870851fd103d494a5fe34689dbf0b1a97a1313be684fd80b08fc92581",
    "queries.csv": "4101e41b0c0a267a89453aff5c465b306ad996e91c50ea6d7f9f28d5e11ab024",
    "query_meta.csv": "42bfb4153b1bbd08d14c657038d104f9a12fd8f0af038e047710638b7b79ad9c",
    "registry.csv": "1571335d9ba203c298e7faae2bb56654b57ad9360293df0395266b762f9fb39c",
    "truth.csv": "b12a8bcda8f0119605ed523c9a7fe3892b76cd77cc01482d604e69011d5223a9",
}

RECORDS, QUERIES = 6000, 2000


def _generate(out: Path, seed: int, profile: str | None, records=RECORDS, queries=QUERIES, dedup=0) -> Path:
    argv = ["--records", str(records), "--queries", str(queries), "--seed", str(seed), "--out-dir", str(out)]
    if dedup:
        argv += ["--dedup-records", str(dedup)]
    if profile is not None:
        argv += ["--profile", profile]
    assert G.main(argv) == 0
    return out


def _digest(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.csv"))}


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _share(rows, test) -> float:
    return sum(1 for r in rows if test(r)) / len(rows)


@pytest.fixture(scope="module")
def sets(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("profiles")
    return {name: _generate(base / name, 7, name) for name in ("standard", "independent")}


# -- the standard profile is the generator from before profiles ---------------------------------


@pytest.mark.parametrize("profile", [None, "standard"])
def test_standard_profile_gives_the_data_set_from_before_profiles(tmp_path, profile):
    out = _generate(tmp_path / "std", 42, profile, records=3000, queries=500, dedup=1500)
    assert _digest(out) == STANDARD_3000_42


def test_standard_is_the_default_and_the_defaults_of_the_settings():
    assert PROFILES["standard"] is STANDARD
    assert GeneratorSettings() == STANDARD
    assert G.STANDARD_TABLES.s is STANDARD
    # A few of the old constants, spelled out: a change here changes the tuning set.
    assert STANDARD.seed_label == "vangnet-persons"
    assert STANDARD.surname_top_share == 0.27
    assert STANDARD.bsn_share_other == 0.95
    assert dict(STANDARD.source_fields)["huisarts"] == (0.95, 0.03, 0.85, 0.62, 0.95, 0.25)
    assert G.STANDARD_TABLES.dob_errors == (0.035, 0.05, 0.065, 0.07)


# -- both profiles: contract and determinism -----------------------------------------------------


def test_both_profiles_cover_the_same_sources_and_origins():
    for s in PROFILES.values():
        sources = {name for name, _ in s.query_sources}
        assert {name for name, _ in s.query_sources_homeless} == sources
        assert {name for name, _ in s.source_fields} == sources
        assert {name for name, _ in s.given_styles} == sources
        assert {name for name, _ in s.origin_weights} == {"NL", *D.FOREIGN_SURNAMES}
        assert s.given_name_eras[-1][0] > 2100  # the last era covers everyone born later


def test_independent_profile_keeps_the_csv_contract(sets):
    for name in ("registry.csv", "queries.csv", "truth.csv", "query_meta.csv"):
        with (
            open(sets["standard"] / name, encoding="utf-8") as a,
            open(sets["independent"] / name, encoding="utf-8") as b,
        ):
            assert a.readline() == b.readline(), name
    registry = _rows(sets["independent"] / "registry.csv")
    assert len(registry) == RECORDS
    assert all(G.bsn_check_ok(r["bsn"]) for r in registry if r["bsn"])
    ids = {r["record_id"] for r in registry}
    truth = _rows(sets["independent"] / "truth.csv")
    assert len(truth) == QUERIES
    assert all(t["record_id"] in ids for t in truth if t["record_id"])


def test_independent_profile_is_deterministic_per_seed_and_has_its_own_streams(sets, tmp_path):
    again = _generate(tmp_path / "again", 7, "independent")
    assert _digest(again) == _digest(sets["independent"])
    other_seed = _generate(tmp_path / "other", 8, "independent")
    assert _digest(other_seed)["registry.csv"] != _digest(sets["independent"])["registry.csv"]
    # Not the standard set with other noise: other people, whatever the seed.
    std = {r["given_names"] + r["surname"] + r["date_of_birth"] for r in _rows(sets["standard"] / "registry.csv")}
    ind = {r["given_names"] + r["surname"] + r["date_of_birth"] for r in _rows(sets["independent"] / "registry.csv")}
    assert len(std & ind) < 0.02 * RECORDS


def test_unknown_profile_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        _generate(tmp_path / "x", 7, "tuned")


# -- the independent profile differs in the documented ways -------------------------------------


def _population_stats(settings: GeneratorSettings, households: int = 20000) -> dict[str, float]:
    tables = G.Tables(settings)
    pop = G.Population(random.Random("profile-test"), G.DEFAULT_REFERENCE_DATE, tables)
    people = [p for _ in range(households) for p in pop.household()]
    return {
        "homeless": _share(people, lambda p: p.homeless),
        "eu": _share(people, lambda p: p.origin in ("PL", "RO", "EU")),
        "bsn": _share(people, lambda p: bool(p.bsn)),
    }


def test_independent_population_has_more_homeless_people_and_eu_citizens_and_fewer_bsns():
    std, ind = _population_stats(STANDARD), _population_stats(INDEPENDENT)
    assert ind["homeless"] > 1.4 * std["homeless"]
    assert ind["eu"] > 1.8 * std["eu"]
    assert ind["bsn"] < std["bsn"] - 0.04


def test_independent_data_set_has_fewer_bsns_and_more_homeless_people(sets):
    def measured(name):
        registry = _rows(sets[name] / "registry.csv")
        queries = _rows(sets[name] / "queries.csv")
        return {
            "registry_bsn": _share(registry, lambda r: bool(r["bsn"])),
            "registry_homeless": _share(registry, lambda r: not r["street"] or r["street"] in D.SHELTER_STREETS),
            "query_bsn": _share(queries, lambda q: bool(q["bsn"])),
        }

    std, ind = measured("standard"), measured("independent")
    assert ind["registry_bsn"] < std["registry_bsn"] - 0.04
    assert ind["query_bsn"] < 0.7 * std["query_bsn"]
    assert ind["registry_homeless"] > 1.3 * std["registry_homeless"]


def test_independent_queries_have_other_error_rates_and_sources(sets):
    def tags_and_sources(name):
        meta = _rows(sets[name] / "query_meta.csv")
        tags = Counter(t for m in meta for t in m["variations"].split(";") if t)
        return tags, Counter(m["source"] for m in meta)

    (std_tags, std_src), (ind_tags, ind_src) = tags_and_sources("standard"), tags_and_sources("independent")
    # Up: old addresses, nicknames, spelling confusions, missing surnames.
    for tag in ("old_address", "given_nick", "surname_spelling", "no_surname"):
        assert ind_tags[tag] > 1.2 * std_tags[tag], tag
    # Down: surname typos.
    assert ind_tags["surname_typo"] < 0.85 * std_tags["surname_typo"]
    # More street outreach and housing corporation, fewer neighbours and GPs.
    assert ind_src["straat"] > 1.5 * std_src["straat"]
    assert ind_src["woningcorporatie"] > std_src["woningcorporatie"]
    assert ind_src["buren"] < std_src["buren"] and ind_src["huisarts"] < std_src["huisarts"]


def test_independent_date_errors_go_up_and_down():
    def errors(settings):
        tables, rng = G.Tables(settings), random.Random(3)
        tags: list[str] = []
        dob = date(1970, 3, 9).toordinal()  # day <= 12: a day/month swap shows
        for _ in range(20000):
            G._date_variant(dob, rng, tags, tables)
        return Counter(tags)

    std, ind = errors(STANDARD), errors(INDEPENDENT)
    assert ind["dob_day_month_swap"] < 0.85 * std["dob_day_month_swap"]
    assert ind["dob_year_error"] > 1.3 * std["dob_year_error"]
    assert ind["dob_wrong"] > 1.5 * std["dob_wrong"]


def test_independent_profile_has_another_surname_curve_and_order():
    std, ind = G.Tables(STANDARD), G.Tables(INDEPENDENT)

    def weights(sampler):
        return [b - a for a, b in zip([0.0, *sampler.cum], sampler.cum, strict=False)]

    std_w, ind_w = weights(std.top_surname), weights(ind.top_surname)
    # Flatter: the most common name weighs less against the 100th.
    assert max(ind_w) / sorted(ind_w)[-100] < 0.8 * (max(std_w) / sorted(std_w)[-100])
    # Another order of the common names, not only other weights.
    assert std.top_surname.items[:10] == [(p, b) for p, b, _ in D.TOP_SURNAMES[:10]]
    assert ind.top_surname.items[:10] != std.top_surname.items[:10]
    assert len(set(ind.top_surname.items[:20]) & set(std.top_surname.items[:20])) < 18
    assert ind.top_surname_set != std.top_surname_set
    assert INDEPENDENT.surname_top_share < STANDARD.surname_top_share


def test_independent_profile_has_another_given_name_era_mix(sets):
    classic = set(G._CLASSIC_M_WEIGHTS) | set(G._CLASSIC_V_WEIGHTS)

    def classic_share_born_1970s(name):
        rows = [
            r
            for r in _rows(sets[name] / "registry.csv")
            if r["date_of_birth"][:3] == "197" and r["given_names"] and r["surname"].isascii()
        ]
        return _share(rows, lambda r: r["given_names"].split()[0] in classic)

    assert STANDARD.given_name_eras != INDEPENDENT.given_name_eras
    # Born 1970-1977: in the classic era of the standard profile, the modern one of the independent.
    assert classic_share_born_1970s("independent") < 0.8 * classic_share_born_1970s("standard")
