"""A realistic trained model in the stored form of ``vangnet.persons.matching.model``
(format "fs-1"), for the tests of storing and showing it. Made up by hand: the numbers
are of the size a registry of 12.000 persons gives, nothing is estimated here."""

import copy
import math

LEVELS = {
    "surname": (
        "Achternaam",
        [
            ("exact", "achternaam gelijk", 0.91, 0.0012),
            ("phonetic", "achternaam klinkt gelijk", 0.04, 0.0031),
            ("typo", "achternaam bijna gelijk (tikfout?)", 0.03, 0.0104),
            ("other", "achternaam anders", 0.02, 0.9853),
        ],
    ),
    "given_names": (
        "Voornamen",
        [
            ("exact", "voornaam gelijk", 0.83, 0.0087),
            ("roepnaam", "roepnaam past bij voornaam", 0.09, 0.0021),
            ("initial", "alleen de voorletter gelijk", 0.05, 0.0612),
            ("other", "voornaam anders", 0.03, 0.928),
        ],
    ),
    "date_of_birth": (
        "Geboortedatum",
        [
            ("exact", "geboortedatum gelijk", 0.88, 0.0000412),
            ("one_digit", "geboortedatum één cijfer anders", 0.06, 0.00093),
            ("year", "geboortejaar gelijk", 0.03, 0.0119),
            ("other", "geboortedatum anders", 0.03, 0.98767),
        ],
    ),
}


def level(code, label, m, u):
    return {"code": code, "label": label, "m": m, "u": u, "weight": math.log2(m / u)}


PARAMS = {
    "format": "fs-1",
    "trained_at": "2026-11-30T03:15:00+00:00",
    "record_count": 12345,
    "pair_count": 2_345_678,
    "query_count": 20000,
    "iterations": 14,
    "prior_match": 0.000412,
    "comparisons": {
        name: {"label": label, "levels": [level(*lv) for lv in levels]} for name, (label, levels) in LEVELS.items()
    },
    "family": [
        {
            "code": "same_house_other_given",
            "label": "zelfde adres en geboortedatum, andere voornaam",
            "observed": 37,
            "expected": 2.4,
            "u": 7.4e-7,
            "weight": -3.95,
        },
        {
            "code": "generation_apart",
            "label": "zelfde namen, een generatie ertussen",
            "observed": 112,
            "expected": 8.75,
            "u": 2.2e-6,
            "weight": -3.68,
        },
    ],
    "thresholds": {"match": 0.99, "possible": 0.5},
}


def params(**changes):
    """A fresh copy (the store keeps what it is given), with top-level keys changed."""
    result = copy.deepcopy(PARAMS)
    result.update(changes)
    return result


def active():
    """The active stored version (there must be one)."""
    from vangnet.persons.matching import trained

    version = trained.active_version()
    assert version is not None
    return version


def active_params():
    """The active version's params (there must be one)."""
    from vangnet.persons.matching import trained

    stored = trained.active_params()
    assert stored is not None
    return stored
