"""The small-cell rule (issue 13, item 6) on hand-made results."""

from decimal import Decimal

import pytest

from vangnet.monitor import privacy
from vangnet.monitor.privacy import HIDDEN, SMALL


@pytest.mark.parametrize(
    ("count", "small"), [(None, False), (0, False), (1, True), (4, True), (5, False), (120, False)]
)
def test_a_count_of_one_to_four_is_small(count, small):
    assert privacy.is_small(count) is small


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, SMALL), (3, SMALL), (4, SMALL), (5, 5), (37, 37), (None, None)]
)
def test_a_small_count_is_shown_as_less_than_five_and_zero_as_zero(count, shown):
    assert privacy.show_count(count) == shown


def test_a_share_computed_from_a_small_count_is_not_shown():
    assert privacy.show_derived(75.0, 3, 4) is None
    assert privacy.show_derived(37.5, 3, 8) is None  # a small numerator is enough
    assert privacy.show_derived(Decimal("62.5"), 5, 8) == Decimal("62.5")
    assert privacy.show_derived(0.0, 0, 12) == 0.0  # nobody of twelve: shown


RESULT = {
    "periode_van": "2026-01-01",
    "meldingen_ontvangen": 23,
    "meldingen_per_bron": {"politie": 12, "buren": 3, "huisarts": 8, "ggd": 0},
    "meldingen_getrieerd": 4,
    "triage_binnen_norm_pct": 75.0,
    "mediaan_werkdagen_tot_triage": 2.0,
    "casussen_afgesloten": 17,
    "uitkomst": {"toegeleid": 11, "uit_beeld": 2, "verhuisd": 1, "overleden": 0, "anders": 3},
    "uitkomst_pct": {"toegeleid": 64.7, "uit_beeld": 11.8, "verhuisd": 5.9, "overleden": 0.0, "anders": 17.6},
    "casussen_lopend_einde": 40,
    "eerste_poging_binnen_norm_pct": 80.0,
    "casussen_gestart": 20,
}
COUNTS = [
    "meldingen_ontvangen",
    "meldingen_per_bron",
    "meldingen_getrieerd",
    "casussen_afgesloten",
    "uitkomst",
    "casussen_lopend_einde",
    "casussen_gestart",
]
DERIVED = {
    "triage_binnen_norm_pct": ["meldingen_getrieerd"],
    "mediaan_werkdagen_tot_triage": ["meldingen_getrieerd"],
    "uitkomst_pct": ["uitkomst", "casussen_afgesloten"],
    "eerste_poging_binnen_norm_pct": ["casussen_gestart"],
}


def _shown(result=RESULT):
    return privacy.suppress_small_cells(result, counts=COUNTS, derived=DERIVED, other=["periode_van"])


def test_large_counts_and_their_shares_pass_unchanged():
    shown = _shown()
    assert shown["meldingen_ontvangen"] == 23
    assert shown["casussen_lopend_einde"] == 40
    assert shown["eerste_poging_binnen_norm_pct"] == 80.0
    assert shown["periode_van"] == "2026-01-01"


def test_a_small_count_hides_every_figure_derived_from_it():
    shown = _shown()
    assert shown["meldingen_getrieerd"] == SMALL
    assert shown["triage_binnen_norm_pct"] is None
    assert shown["mediaan_werkdagen_tot_triage"] is None


def test_a_split_with_one_small_cell_hides_the_next_smallest_so_the_total_does_not_give_it_back():
    split = _shown()["meldingen_per_bron"]
    assert split == {"politie": 12, "buren": SMALL, "huisarts": HIDDEN, "ggd": 0}


def test_a_split_with_two_small_cells_needs_no_extra_hiding():
    split = _shown()["uitkomst"]
    assert split == {"toegeleid": 11, "uit_beeld": SMALL, "verhuisd": SMALL, "overleden": 0, "anders": SMALL}


def test_shares_in_a_split_follow_their_own_cell():
    shares = _shown()["uitkomst_pct"]
    assert shares == {"toegeleid": 64.7, "uit_beeld": None, "verhuisd": None, "overleden": 0.0, "anders": None}


def test_a_share_of_a_complementary_hidden_cell_is_hidden_too():
    result = {
        "per_bron": {"politie": 12, "buren": 3, "huisarts": 8},
        "per_bron_pct": {"politie": 52.2, "buren": 13.0, "huisarts": 34.8},
    }
    shown = privacy.suppress_small_cells(result, counts=["per_bron"], derived={"per_bron_pct": ["per_bron"]})
    assert shown["per_bron_pct"] == {"politie": 52.2, "buren": None, "huisarts": None}


def test_a_small_total_hides_every_share_of_its_split():
    result = dict(RESULT, casussen_afgesloten=4)
    assert set(_shown(result)["uitkomst_pct"].values()) == {None}


def test_the_keys_keep_their_order():
    assert list(_shown()) == list(RESULT)


def test_an_unclassified_indicator_cannot_leave_the_team():
    with pytest.raises(ValueError, match="nieuw_cijfer"):
        privacy.suppress_small_cells({"nieuw_cijfer": 3}, counts=[], derived={})


def test_a_share_derived_from_an_unknown_count_is_refused():
    with pytest.raises(ValueError, match="bestaat_niet"):
        privacy.suppress_small_cells({"pct": 50.0}, counts=[], derived={"pct": ["bestaat_niet"]})


def test_the_input_is_not_changed():
    result = {"per_bron": {"politie": 12, "buren": 3, "huisarts": 8}}
    privacy.suppress_small_cells(result, counts=["per_bron"], derived={})
    assert result == {"per_bron": {"politie": 12, "buren": 3, "huisarts": 8}}


def test_an_undefined_share_stays_undefined():
    result = {"n": 0, "pct": None}
    assert privacy.suppress_small_cells(result, counts=["n"], derived={"pct": ["n"]}) == {"n": 0, "pct": None}


def test_a_single_figure_derived_from_a_whole_split_is_hidden_when_any_cell_is():
    result = {"uitkomst": {"toegeleid": 11, "uit_beeld": 2, "anders": 9}, "toegeleid_pct": 50.0}
    shown = privacy.suppress_small_cells(result, counts=["uitkomst"], derived={"toegeleid_pct": ["uitkomst"]})
    assert shown["toegeleid_pct"] is None
    result = {"uitkomst": {"toegeleid": 11, "uit_beeld": 7, "anders": 9}, "toegeleid_pct": 40.7}
    shown = privacy.suppress_small_cells(result, counts=["uitkomst"], derived={"toegeleid_pct": ["uitkomst"]})
    assert shown["toegeleid_pct"] == 40.7
