"""Nog in zorg na zes maanden (issue 13, item 4) on the known world of conftest.py.

Six-month vingers aan de pols (key "6m") of referrals of its casussen, by answered_at:
  r1  c1  ja        Tue 10 Feb 10:00    in the period
  r2  c2  ja        Tue 31 Mar 23:30    in (the last evening)
  r3  c3  nee       Sun 15 Mar 12:00    in
  r4  c4  onbekend  Fri 20 Feb 10:00    in the period, but not counted
  r5  c4  ja        Wed  1 Apr 00:30    after the period
  r6  c1  ja        Sat 31 Jan 23:30    before the period
  r7  c5  ja, but the three-month check ("3m"), 1 Mar: not counted
  r8  c6  not answered yet
In the period: 3 answered ja or nee, 2 ja: 66,7 %. Amstelveen (c1, c2, c4, c5): r1, r2 ja
and r4 onbekend: 2, 2, 100,0 %. Bussum (c1 via m3, c3): r1 ja, r3 nee: 2, 1, 50,0 %."""

import json
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import verified_client
from tests.network.factories import ServiceFactory
from vangnet.cases.models import Casus
from vangnet.monitor import report
from vangnet.monitor.indicators import DEFINITIONS, compute_indicators
from vangnet.monitor.privacy import HIDDEN, SMALL
from vangnet.network.models import FollowUp, Referral

from .conftest import World, local
from .test_indicators import LATER, TOT, VAN
from .test_monitor_exports import PERIOD, _csv, _xlsx

pytestmark = pytest.mark.django_db

KEYS = ("zes_maanden_nagevraagd", "nog_in_zorg_na_zes_maanden", "nog_in_zorg_na_zes_maanden_pct")


def _check(casus: Casus, answer: str, answered_at: datetime | None, key: str = "6m") -> FollowUp:
    proposed = local(2025, 6, 1, 10)
    referral = Referral.objects.create(
        casus=casus,
        service=ServiceFactory(),
        status=Referral.Status.IN_CARE,
        legal_ground="toestemming",
        legal_ground_text="Mondelinge toestemming",
        proposed_by=casus.casusregisseur,
        proposed_at=proposed,
        in_care_on=proposed.date(),
    )
    return FollowUp.objects.create(
        referral=referral,
        key=key,
        due_date=proposed.date(),
        answer=answer,
        answered_at=answered_at,
        checked_on=answered_at.date() if answered_at else None,
        answered_by=casus.casusregisseur if answered_at else None,
    )


@pytest.fixture
def checks(world: World) -> World:
    c = world.casussen
    _check(c["c1"], "ja", local(2026, 2, 10, 10))
    _check(c["c2"], "ja", local(2026, 3, 31, 23, 30))
    _check(c["c3"], "nee", local(2026, 3, 15, 12))
    _check(c["c4"], "onbekend", local(2026, 2, 20, 10))
    _check(c["c4"], "ja", local(2026, 4, 1, 0, 30))
    _check(c["c1"], "ja", local(2026, 1, 31, 23, 30))
    _check(c["c5"], "ja", local(2026, 3, 1, 10), key="3m")
    _check(c["c6"], "", None)
    return world


def _values(figures) -> tuple:
    return tuple(getattr(figures, key) for key in KEYS)


def test_the_six_month_checks_answered_in_the_period(checks):
    assert _values(compute_indicators(VAN, TOT, now=LATER)) == (3, 2, 66.7)


def test_per_gemeente_through_the_casussen(checks):
    assert _values(compute_indicators(VAN, TOT, checks.amstelveen, now=LATER)) == (2, 2, 100.0)
    assert _values(compute_indicators(VAN, TOT, checks.bussum, now=LATER)) == (2, 1, 50.0)


def test_only_onbekend_or_nothing_is_no_share(checks):
    # February: r1 ja and r4 onbekend; with every answer onbekend: none asked; June 2024: nothing.
    feb = compute_indicators(VAN, VAN.replace(day=28), now=LATER)
    assert _values(feb) == (1, 1, 100.0)
    FollowUp.objects.exclude(answer="").update(answer="onbekend")
    assert _values(compute_indicators(VAN, TOT, now=LATER)) == (0, 0, None)
    empty = compute_indicators(VAN.replace(year=2024), TOT.replace(year=2024), now=LATER)
    assert _values(empty) == (0, 0, None)


def test_definitions_say_onbekend_does_not_count():
    for key in KEYS:
        assert DEFINITIONS[key]
    assert "onbekend" in str(DEFINITIONS["nog_in_zorg_na_zes_maanden_pct"])
    assert "onbekend" in str(DEFINITIONS["zes_maanden_nagevraagd"])


def _command() -> dict:
    out = StringIO()
    call_command("figures", "--from", VAN.isoformat(), "--to", TOT.isoformat(), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_command_web_and_exports_agree_small_cells_suppressed(checks, users):
    command = _command()
    assert [command[key] for key in KEYS] == [3, 2, 66.7]
    client = verified_client(users["teamleider"])
    page = client.get(reverse("monitor:home") + PERIOD)
    sections = {s.key: s for s in page.context["sections"]}
    assert [sections[key].value for key in KEYS] == ["3", "2", "66,7 %"]  # the team sees the real numbers
    from_csv, from_xlsx = _csv(client), _xlsx(client)
    assert [from_csv[key] for key in KEYS] == [SMALL, SMALL, HIDDEN]
    assert [from_xlsx[key] for key in KEYS] == [SMALL, SMALL, HIDDEN]


def _more(world: World, answers: list[str]) -> None:
    for n, answer in enumerate(answers):
        _check(world.casussen["c2"], answer, local(2026, 3, 2 + n, 11))


def test_large_enough_figures_leave_the_team(checks, users):
    _more(checks, ["ja"] * 4 + ["nee"] * 5)  # ja 6, nee 6: 12 asked, 50,0 %
    command = _command()
    assert [command[key] for key in KEYS] == [12, 6, 50.0]
    from_csv = _csv(verified_client(users["teamleider"]))
    assert [from_csv[key] for key in KEYS] == ["12", "6", "50,0"]


def test_the_share_is_hidden_when_the_ja_are_few_though_the_asked_are_many(checks, users):
    _more(checks, ["nee"] * 5)  # ja 2, nee 6: 8 asked; 25 % of 8 would give the 2 back
    assert [_command()[key] for key in KEYS] == [8, 2, 25.0]
    from_csv = _csv(verified_client(users["teamleider"]))
    assert [from_csv[key] for key in KEYS] == ["8", SMALL, HIDDEN]


def test_the_research_line_of_roeg_2012_stands_next_to_the_share(checks, users):
    data = compute_indicators(VAN, TOT, now=LATER).as_dict()
    sections = {s.key: s for s in report.sections(data)}
    assert [str(r.text) for r in sections["nog_in_zorg_na_zes_maanden_pct"].research] == [
        "Onderzoek (Roeg e.a. 2012): een half jaar na afsluiten ruim 60 % nog in zorg."
    ]
    assert sections["nog_in_zorg_na_zes_maanden"].research == []
    assert sections["zes_maanden_nagevraagd"].research == []
