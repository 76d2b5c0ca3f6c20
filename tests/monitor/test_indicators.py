"""Every indicator's value on the known world of conftest.py, worked out by hand."""

from datetime import date

import pytest

from vangnet.intake.models import Channel, MelderType
from vangnet.monitor.indicators import DEFINITIONS, Indicators, compute_indicators, weighted_median
from vangnet.triage.models import Outcome

from .conftest import local

pytestmark = pytest.mark.django_db

VAN, TOT = date(2026, 2, 1), date(2026, 3, 31)
LATER = local(2026, 4, 10, 12)  # every first-attempt deadline of the period has passed


def zeros(values: list[str], **counts: int) -> dict[str, int]:
    return {value: counts.get(value, 0) for value in values}


@pytest.fixture
def figures(world) -> Indicators:
    return compute_indicators(VAN, TOT, now=LATER)


def test_meldingen_ontvangen_with_both_boundaries(figures):
    # m1, m2, m3, m7 and m4 (23:30 on the last day); not m6 (23:30 the day before) nor m5 (00:30 after).
    assert figures.meldingen_ontvangen == 5
    assert figures.meldingen_per_bron == zeros(
        MelderType.values, buurtbewoner=1, huisarts=1, politie=1, naaste=1, wijkteam=1
    )
    assert figures.meldingen_per_kanaal == zeros(Channel.values, telefoon=1, web=1, politie=1, email=1, partner=1)
    per_zorg = figures.meldingen_per_zorg
    assert {code: n for code, n in per_zorg.items() if n} == {
        "psychisch": 3,
        "verslaving": 1,
        "overlast": 1,
        "schulden": 1,
    }
    assert per_zorg["dementie"] == 0  # every category is listed


def test_a_melding_at_0030_on_the_day_after_counts_in_the_next_period(world):
    april = compute_indicators(date(2026, 4, 1), date(2026, 4, 1), now=LATER)
    assert april.meldingen_ontvangen == 1
    assert april.meldingen_per_kanaal["email"] == 1


def test_triage(figures):
    # Decided in the period: m6, m1, m2, m3, m7; in the norm m6 (Sat -> Mon), m1 and m3 (Sat -> Mon).
    assert figures.meldingen_getrieerd == 5
    assert figures.triage_binnen_norm_pct == 60.0
    # Workdays 0, 0, 0, 1 (Fri -> Mon), 2 (Tue -> Thu).
    assert figures.mediaan_werkdagen_tot_triage == 0.0
    assert figures.triage_uitkomsten == zeros(Outcome.values, bemoeizorg=2, advies=1, geen_actie=1, doorverwijzen=1)


def test_casussen_in_and_out(figures):
    assert figures.casussen_gestart == 4  # c1, c2, c3, c5 (c4 started in 2025, c6 at 00:30 on 1 April)
    assert figures.casussen_afgesloten == 3  # c4 (5 Mar), c2 (20 Mar), c3 (25 Mar)
    assert figures.casussen_heropend == 2  # c4 on 20 Feb and 30 Mar
    assert figures.casussen_lopend_einde == 3  # c1, c4 (reopened), c5
    assert figures.instroom_uitstroom_per_maand == [
        {"maand": "2026-02", "gestart": 2, "afgesloten": 0},
        {"maand": "2026-03", "gestart": 2, "afgesloten": 3},
    ]


def test_phase_at_the_end_of_the_period_not_today(figures):
    # c1 is in toeleiding since 5 April; on 31 March it was in verkennen.
    assert figures.casussen_per_fase == {
        "contact_leggen": 2,
        "verkennen": 1,
        "toeleiding": 0,
        "overdracht": 0,
        "nazorg": 0,
        "uit_beeld": 0,
        "langdurig": 0,
    }


def test_first_attempt_and_contact(figures):
    # c1 (3 Feb, due 4 Feb) and c3 (13 Mar, due 16 Mar) in time; c2 (13 Feb, due 11 Feb) late;
    # c5 never tried and its term ended 2 April.
    assert figures.eerste_poging_binnen_norm_pct == 50.0
    # Reached: c1 after 3 days (2 -> 5 Feb) and 3 attempts, c2 after 4 days (9 -> 13 Feb) and 1 attempt.
    assert figures.mediaan_dagen_tot_eerste_contact == 3.5
    assert figures.mediaan_pogingen_tot_contact == 2.0


def test_a_running_first_attempt_term_does_not_count_yet(world):
    # On 1 April c5's term (to 2 April) still runs: 2 of c1, c2, c3 in time.
    figures = compute_indicators(VAN, TOT, now=local(2026, 4, 1, 12))
    assert figures.eerste_poging_binnen_norm_pct == 66.7


def test_voided_attempts_do_not_count(world):
    # c1's voided kort_contact on 2 Feb would otherwise be its first attempt and first contact.
    figures = compute_indicators(date(2026, 2, 2), date(2026, 2, 2), now=LATER)
    assert figures.casussen_gestart == 1
    assert figures.mediaan_dagen_tot_eerste_contact == 3.0
    assert figures.mediaan_pogingen_tot_contact == 3.0


def test_closings(figures):
    # c3 never had real contact; c2 had (13 Feb), c4 had (4 Nov 2025).
    assert figures.casussen_nooit_bereikt == 1
    assert figures.casussen_nooit_bereikt_pct == 33.3
    # c4 20 Feb -> 5 Mar (from its reopening) 13, c2 9 Feb -> 20 Mar 39, c3 12 -> 25 Mar 13.
    assert figures.mediaan_doorlooptijd_dagen == 13.0


def test_repeated_persons(figures):
    # P1 (m3 after m1) and P2 (m2 after m6, which is before the period); P4's m8 is 374 days before m7.
    assert figures.herhaalde_personen == 2


def test_caseload(figures):
    # Running at the end: c1 (Anna, Noord), c4 (Bram, Zuid), c5 (Bram, no team).
    assert figures.caseload_per_medewerker == [
        {"medewerker": "Bram de Vries", "casussen": 2},
        {"medewerker": "Anna Jansen", "casussen": 1},
    ]
    assert figures.caseload_per_team == [
        {"team": "Team Noord", "casussen": 1},
        {"team": "Team Zuid", "casussen": 1},
        {"team": "Zonder team", "casussen": 1},
    ]


def test_one_gemeente(world):
    # Amstelveen: meldingen m1, m2, m4 (and m9, m5 outside); casussen c1, c2, c4, c5.
    figures = compute_indicators(VAN, TOT, world.amstelveen, now=LATER)
    assert figures.gemeente == "Amstelveen"
    assert figures.meldingen_ontvangen == 3
    assert {k: n for k, n in figures.meldingen_per_bron.items() if n} == {"buurtbewoner": 1, "huisarts": 1, "naaste": 1}
    assert {k: n for k, n in figures.meldingen_per_zorg.items() if n} == {
        "psychisch": 2,
        "verslaving": 1,
        "schulden": 1,
    }
    assert figures.meldingen_getrieerd == 2  # m1 in norm (0 wd), m2 late (1 wd)
    assert figures.triage_binnen_norm_pct == 50.0
    assert figures.mediaan_werkdagen_tot_triage == 0.5
    assert figures.triage_uitkomsten["bemoeizorg"] == 1
    assert figures.triage_uitkomsten["advies"] == 1
    assert figures.casussen_gestart == 3  # c1, c2, c5
    assert figures.casussen_afgesloten == 2  # c4, c2
    assert figures.casussen_heropend == 2
    assert figures.casussen_lopend_einde == 3  # c1, c4, c5
    assert figures.eerste_poging_binnen_norm_pct == 33.3  # c1 of c1, c2, c5
    assert figures.mediaan_dagen_tot_eerste_contact == 3.5
    assert figures.mediaan_pogingen_tot_contact == 2.0
    assert figures.casussen_nooit_bereikt == 0
    assert figures.casussen_nooit_bereikt_pct == 0.0
    assert figures.mediaan_doorlooptijd_dagen == 26.0  # 13 and 39
    assert figures.herhaalde_personen == 1  # P2 (its earlier melding m6 is in Bussum)
    assert figures.instroom_uitstroom_per_maand == [
        {"maand": "2026-02", "gestart": 2, "afgesloten": 0},
        {"maand": "2026-03", "gestart": 1, "afgesloten": 2},
    ]


def test_other_gemeente(world):
    # Bussum: meldingen m3, m7; casussen c1 (via m3) and c3.
    figures = compute_indicators(VAN, TOT, world.bussum, now=LATER)
    assert figures.meldingen_ontvangen == 2
    assert figures.meldingen_getrieerd == 3  # m6, m3 in norm, m7 late
    assert figures.triage_binnen_norm_pct == 66.7
    assert figures.casussen_gestart == 2
    assert figures.casussen_afgesloten == 1
    assert figures.casussen_nooit_bereikt_pct == 100.0
    assert figures.casussen_lopend_einde == 1
    assert figures.caseload_per_team == [{"team": "Team Noord", "casussen": 1}]
    assert figures.herhaalde_personen == 1  # P1


def test_an_empty_period_has_zeros_and_no_shares(world):
    figures = compute_indicators(date(2024, 6, 1), date(2024, 6, 30), now=LATER)
    assert figures.meldingen_ontvangen == 0
    assert figures.meldingen_getrieerd == 0
    assert figures.triage_binnen_norm_pct is None
    assert figures.mediaan_werkdagen_tot_triage is None
    assert figures.eerste_poging_binnen_norm_pct is None
    assert figures.mediaan_dagen_tot_eerste_contact is None
    assert figures.mediaan_pogingen_tot_contact is None
    assert figures.casussen_nooit_bereikt_pct is None
    assert figures.mediaan_doorlooptijd_dagen is None
    assert figures.casussen_lopend_einde == 0
    assert figures.instroom_uitstroom_per_maand == [{"maand": "2024-06", "gestart": 0, "afgesloten": 0}]


def test_van_after_tot_is_refused():
    with pytest.raises(ValueError):
        compute_indicators(date(2026, 3, 1), date(2026, 2, 1))


def test_every_indicator_has_a_definition(figures):
    keys = set(figures.as_dict()) - {"van", "tot", "gemeente", "team", "bron"}
    assert keys == set(DEFINITIONS)
    assert all(str(text) for text in DEFINITIONS.values())


@pytest.mark.parametrize(
    ("counts", "median"),
    [([], None), ([(4, 1)], 4.0), ([(1, 1), (3, 1)], 2.0), ([(5, 2), (1, 1)], 5.0), ([(0, 3), (1, 1), (2, 2)], 0.5)],
)
def test_weighted_median(counts, median):
    assert weighted_median(counts) == median
