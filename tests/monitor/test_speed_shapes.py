"""The query shapes of the monitor's speed work (issue 13, item 7) at their edges: the window
for "herhaald" on SQLite (ties, the 365-day boundary, an earlier melding outside the gemeente),
attempts up to a first contact at the same moment, the phase at the end with changes at one
moment, and the derived-table grouping giving what the ORM gives."""

from datetime import date, timedelta

import pytest
from django.db.models import Count, Exists, OuterRef

from tests.factories import CasusFactory, GemeenteFactory, MeldingFactory, PersonFactory, TeamFactory, UserFactory
from vangnet.cases.models import Casus, ContactAttempt, Phase, PhaseChange
from vangnet.monitor.indicators import _grouped_counts, _local_day, compute_indicators

from .conftest import local

pytestmark = pytest.mark.django_db

VAN, TOT = date(2026, 2, 1), date(2026, 3, 31)
LATER = local(2026, 4, 10, 12)


@pytest.fixture
def gemeenten():
    return GemeenteFactory(name="Amstelveen"), GemeenteFactory(name="Bussum")


def melding(ggd, at, person, gemeente):
    return MeldingFactory(meldpunt=ggd, received_at=at, person=person, gemeente=gemeente, categories=[])


def test_repeated_persons_at_the_edges(ggd, gemeenten):
    amstelveen, bussum = gemeenten
    same_moment, boundary, just_over, tie_and_earlier, elsewhere, twice, once = (
        PersonFactory(given_names="Persoon", surname=name) for name in "ABCDEFG"
    )
    at = local(2026, 3, 2, 10)
    # Two meldingen at one moment, nothing earlier: the same moment is not "earlier".
    melding(ggd, at, same_moment, amstelveen)
    melding(ggd, at, same_moment, amstelveen)
    # Exactly 365 days before: still in the window (>=).
    melding(ggd, at, boundary, amstelveen)
    melding(ggd, at - timedelta(days=365), boundary, amstelveen)
    # 365 days and a minute before: outside.
    melding(ggd, at, just_over, amstelveen)
    melding(ggd, at - timedelta(days=365, minutes=1), just_over, amstelveen)
    # A tie in the period and an earlier one ten days before: counted once.
    melding(ggd, at, tie_and_earlier, amstelveen)
    melding(ggd, at, tie_and_earlier, amstelveen)
    melding(ggd, at - timedelta(days=10), tie_and_earlier, amstelveen)
    # The earlier melding is from another gemeente: it still counts for Amstelveen.
    melding(ggd, at, elsewhere, amstelveen)
    melding(ggd, at - timedelta(days=40), elsewhere, bussum)
    # Both in the period, five days apart: the later one is a repeat.
    melding(ggd, local(2026, 2, 3, 9), twice, bussum)
    melding(ggd, local(2026, 2, 8, 9), twice, bussum)
    # One melding only; and meldingen without a person never count.
    melding(ggd, at, once, amstelveen)
    melding(ggd, at, None, amstelveen)
    melding(ggd, at - timedelta(days=1), None, amstelveen)

    assert compute_indicators(VAN, TOT, now=LATER).herhaalde_personen == 4  # boundary, tie, elsewhere, twice
    assert compute_indicators(VAN, TOT, amstelveen, now=LATER).herhaalde_personen == 3
    assert compute_indicators(VAN, TOT, bussum, now=LATER).herhaalde_personen == 1  # twice
    # A period after all of it: nobody.
    assert compute_indicators(date(2026, 5, 1), date(2026, 5, 31), now=LATER).herhaalde_personen == 0


@pytest.fixture
def worker(ggd):
    return UserFactory(username="anna", first_name="Anna", last_name="Jansen", organisation=ggd)


def casus(ggd, worker, opened, phase=Phase.CONTACT_LEGGEN, team=None):
    c = CasusFactory(
        person=PersonFactory(), organisation=ggd, team=team, casusregisseur=worker, opened_at=opened, phase=phase
    )
    PhaseChange.objects.create(
        casus=c, from_phase="", to_phase=Phase.CONTACT_LEGGEN, changed_by=worker, changed_at=opened
    )
    return c


def attempt(c, at, result, voided=None):
    ContactAttempt.objects.create(
        casus=c, at=at, type="huisbezoek", result=result, created_by=c.casusregisseur, voided_at=voided
    )


def test_attempts_up_to_a_first_contact_at_the_same_moment(ggd, worker):
    a = casus(ggd, worker, local(2026, 2, 2, 9))
    attempt(a, local(2026, 2, 2, 10), "geen_gehoor")
    attempt(a, local(2026, 2, 3, 10), "geen_gehoor")  # the same moment as the contact: counts
    attempt(a, local(2026, 2, 3, 10), "gesprek")
    attempt(a, local(2026, 2, 2, 11), "geweigerd", voided=local(2026, 2, 2, 12))  # voided: not
    attempt(a, local(2026, 2, 4, 10), "geen_gehoor")  # after the contact: not
    b = casus(ggd, worker, local(2026, 2, 9, 9))
    attempt(b, local(2026, 2, 16, 9), "kort_contact")
    c = casus(ggd, worker, local(2026, 2, 9, 9))  # no contact: not in the tries, late for the norm
    attempt(c, local(2026, 2, 20, 9), "geen_gehoor")

    figures = compute_indicators(VAN, TOT, now=LATER)
    assert figures.mediaan_pogingen_tot_contact == 2.0  # a: 3, b: 1
    assert figures.mediaan_dagen_tot_eerste_contact == 4.0  # a: 1 day, b: 7 days
    assert figures.eerste_poging_binnen_norm_pct == 33.3  # a on time; b and c late


def test_phase_at_the_end_with_two_changes_at_one_moment(ggd, worker):
    team = TeamFactory(organisation=ggd, name="Team Noord")
    a = casus(ggd, worker, local(2026, 2, 2, 9), phase=Phase.VERKENNEN, team=team)
    moment = local(2026, 3, 1, 9)
    for from_phase, to_phase in ((Phase.CONTACT_LEGGEN, Phase.AFGESLOTEN), (Phase.AFGESLOTEN, Phase.VERKENNEN)):
        PhaseChange.objects.create(
            casus=a, from_phase=from_phase, to_phase=to_phase, changed_by=worker, changed_at=moment
        )
    b = casus(ggd, worker, local(2026, 2, 3, 9), phase=Phase.AFGESLOTEN, team=team)
    for from_phase, to_phase in ((Phase.CONTACT_LEGGEN, Phase.VERKENNEN), (Phase.VERKENNEN, Phase.AFGESLOTEN)):
        PhaseChange.objects.create(
            casus=b, from_phase=from_phase, to_phase=to_phase, changed_by=worker, changed_at=moment
        )

    figures = compute_indicators(VAN, TOT, now=LATER)
    # The later row of one moment decides: a runs (verkennen), b is closed.
    assert figures.casussen_lopend_einde == 1
    assert figures.casussen_per_fase["verkennen"] == 1
    assert figures.caseload_per_medewerker == [{"medewerker": "Anna Jansen", "casussen": 1}]
    assert figures.caseload_per_team == [{"team": "Team Noord", "casussen": 1}]
    assert figures.casussen_afgesloten == 2  # a's and b's closings at that moment
    assert figures.casussen_heropend == 1  # a
    assert figures.casussen_nooit_bereikt == 2


def test_grouped_counts_give_what_the_orm_gives(ggd, worker):
    for day, result in ((2, "gesprek"), (2, "geen_gehoor"), (3, None), (3, "kort_contact")):
        c = casus(ggd, worker, local(2026, 2, day, 9))
        if result:
            attempt(c, local(2026, 2, day + 1, 9), result)
    years = range(2025, 2028)
    rows = Casus.objects.order_by().annotate(
        opened_day=_local_day("opened_at", years),
        reached=Exists(ContactAttempt.objects.filter(casus=OuterRef("pk"), result="gesprek")),
    )
    expected = sorted(rows.values_list("opened_day", "reached", "phase").annotate(n=Count("pk")))
    got = sorted(_grouped_counts(rows, "opened_day", "reached", "phase"))
    assert got == expected
    assert got == [
        (date(2026, 2, 2), False, "contact_leggen", 1),
        (date(2026, 2, 2), True, "contact_leggen", 1),
        (date(2026, 2, 3), False, "contact_leggen", 2),
    ]
    assert all(type(row[1]) is bool for row in got)


def test_grouped_counts_of_an_empty_scope(ggd, worker):
    casus(ggd, worker, local(2026, 2, 2, 9))
    rows = (
        Casus.objects.order_by()
        .filter(organisation_id__in=[])
        .annotate(opened_day=_local_day("opened_at", range(2025, 2028)))
    )
    assert _grouped_counts(rows, "opened_day", "phase") == []
