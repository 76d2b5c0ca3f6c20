"""A small known world for the monitor's indicators (issue 13).

Period: 1 February - 31 March 2026 (Europe/Amsterdam), default norms (triage the same
workday, first attempt within 2 workdays), no holidays in it. The expected values in
test_indicators.py are worked out by hand from the list below.

Meldingen (received, gemeente, bron, kanaal, zorgen, person, triage decided -> outcome):
  m6  Sat 31 Jan 23:30  Bussum     buurtbewoner telefoon            P2  Mon 2 Feb 09:00 geen_actie (in norm, 0 wd)
  m1  Mon  2 Feb 10:00  Amstelveen buurtbewoner telefoon psychisch  P1  Mon 2 Feb 15:00 bemoeizorg (in norm, 0 wd)
  m2  Fri  6 Feb 16:00  Amstelveen huisarts     web      psy+versl  P2  Mon 9 Feb 09:00 advies     (late, 1 wd)
  m3  Sat  7 Feb 11:00  Bussum     politie      politie  overlast   P1  Mon 9 Feb 10:00 bemoeizorg (in norm, 0 wd)
  m7  Tue 10 Mar 09:00  Bussum     wijkteam     partner  psychisch  P4  Thu 12 Mar 12:00 doorverwijzen (late, 2 wd)
  m4  Tue 31 Mar 23:30  Amstelveen naaste       email    schulden   P3  (not triaged)
  m5  Wed  1 Apr 00:30  Amstelveen naaste       email    schulden   P3  (outside the period)
  m8  Sat  1 Mar 2025   Bussum     (P4, 374 days before m7: not a repeat)
  m9  Mon  3 Nov 2025   Amstelveen (P5, the melding of c4)

Casussen (opened, team, casusregisseur, meldingen, counting attempts, phases):
  c1  Mon  2 Feb 16:00  Noord  Anna  m1,m3  3 Feb geen_gehoor, 4 Feb geen_gehoor, 5 Feb gesprek
                                           (+ a VOIDED kort_contact on 2 Feb 17:00); verkennen 5 Feb,
                                           toeleiding 5 Apr (after the period)
  c2  Mon  9 Feb 10:00  Noord  Bram  m2     13 Feb kort_contact (late: due 11 Feb); closed 20 Mar 12:00
  c3  Thu 12 Mar 13:00  Zuid   Anna  m7     13 Mar geen_gehoor, 16 Mar geweigerd; closed 25 Mar (never reached)
  c4  Mon  3 Nov 2025   Zuid   Bram  m9     4 Nov 2025 gesprek; closed 15 Jan, reopened 20 Feb 10:00,
                                           closed 5 Mar 10:00, reopened 30 Mar 09:00
  c5  Tue 31 Mar 22:00  -      Bram  m4     none (due Thu 2 Apr)
  c6  Wed  1 Apr 00:30  Noord  Anna  m5     (outside the period)
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from tests.factories import CasusFactory, GemeenteFactory, MeldingFactory, PersonFactory, TeamFactory, UserFactory
from tests.factories import category as cat
from vangnet.accounts.models import Role
from vangnet.cases.models import Casus, ContactAttempt, Phase, PhaseChange
from vangnet.organisations.models import Gemeente
from vangnet.triage.models import TriageDecision

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """The source language: a request of an earlier test (tests/i18n) leaves English active in the thread."""
    with translation.override("nl"):
        yield


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


@dataclass
class World:
    amstelveen: Gemeente
    bussum: Gemeente
    casussen: dict[str, Casus]


@pytest.fixture
def world(ggd, users) -> World:
    amstelveen = GemeenteFactory(name="Amstelveen")
    bussum = GemeenteFactory(name="Bussum")
    noord = TeamFactory(organisation=ggd, name="Team Noord")
    zuid = TeamFactory(organisation=ggd, name="Team Zuid")
    anna = UserFactory(username="anna", first_name="Anna", last_name="Jansen", organisation=ggd)
    bram = UserFactory(username="bram", first_name="Bram", last_name="de Vries", organisation=ggd)
    meldpunt = users["meldpunt"]
    p1, p2, p3, p4, p5 = (PersonFactory(given_names="Persoon", surname=f"Nummer {n}") for n in range(1, 6))

    def history(casus: Casus, *changes: tuple[str, str, datetime]) -> None:
        for from_phase, to_phase, at in changes:
            PhaseChange.objects.create(
                casus=casus, from_phase=from_phase, to_phase=to_phase, changed_by=bram, changed_at=at, reason="x"
            )

    def casus(person, opened, team, regisseur, phase, closed=None) -> Casus:
        c = CasusFactory(
            person=person,
            organisation=ggd,
            team=team,
            casusregisseur=regisseur,
            opened_at=opened,
            phase=phase,
            closed_at=closed,
        )
        history(c, ("", Phase.CONTACT_LEGGEN, opened))
        return c

    c1 = casus(p1, local(2026, 2, 2, 16), noord, anna, Phase.TOELEIDING)
    history(c1, (Phase.CONTACT_LEGGEN, Phase.VERKENNEN, local(2026, 2, 5, 12)))
    history(c1, (Phase.VERKENNEN, Phase.TOELEIDING, local(2026, 4, 5, 12)))
    c2 = casus(p2, local(2026, 2, 9, 10), noord, bram, Phase.AFGESLOTEN, closed=local(2026, 3, 20, 12))
    history(c2, (Phase.CONTACT_LEGGEN, Phase.AFGESLOTEN, local(2026, 3, 20, 12)))
    c3 = casus(p4, local(2026, 3, 12, 13), zuid, anna, Phase.AFGESLOTEN, closed=local(2026, 3, 25, 10))
    history(c3, (Phase.CONTACT_LEGGEN, Phase.AFGESLOTEN, local(2026, 3, 25, 10)))
    c4 = casus(p5, local(2025, 11, 3, 10), zuid, bram, Phase.CONTACT_LEGGEN)
    history(
        c4,
        (Phase.CONTACT_LEGGEN, Phase.AFGESLOTEN, local(2026, 1, 15, 10)),
        (Phase.AFGESLOTEN, Phase.CONTACT_LEGGEN, local(2026, 2, 20, 10)),
        (Phase.CONTACT_LEGGEN, Phase.AFGESLOTEN, local(2026, 3, 5, 10)),
        (Phase.AFGESLOTEN, Phase.CONTACT_LEGGEN, local(2026, 3, 30, 9)),
    )
    c5 = casus(p3, local(2026, 3, 31, 22), None, bram, Phase.CONTACT_LEGGEN)
    c6 = casus(p3, local(2026, 4, 1, 0, 30), noord, anna, Phase.CONTACT_LEGGEN)

    def attempt(c: Casus, at: datetime, result: str, voided: datetime | None = None) -> None:
        ContactAttempt.objects.create(
            casus=c, at=at, type="huisbezoek", result=result, created_by=c.casusregisseur, voided_at=voided
        )

    attempt(c1, local(2026, 2, 2, 17), "kort_contact", voided=local(2026, 2, 3, 9))
    attempt(c1, local(2026, 2, 3, 10), "geen_gehoor")
    attempt(c1, local(2026, 2, 4, 10), "geen_gehoor")
    attempt(c1, local(2026, 2, 5, 11), "gesprek")
    attempt(c2, local(2026, 2, 13, 10), "kort_contact")
    attempt(c3, local(2026, 3, 13, 10), "geen_gehoor")
    attempt(c3, local(2026, 3, 16, 10), "geweigerd")
    attempt(c4, local(2025, 11, 4, 10), "gesprek")

    def melding(received, gemeente, bron, kanaal, zorgen, person, c=None, decided=None, outcome=""):
        m = MeldingFactory(
            meldpunt=ggd,
            received_at=received,
            gemeente=gemeente,
            melder_type=bron,
            channel=kanaal,
            categories=[cat(code) for code in zorgen],
            person=person,
            casus=c,
            status="getrieerd" if decided else "te_trieren",
        )
        if decided:
            TriageDecision.objects.create(
                melding=m,
                acute_danger="nee",
                already_in_care="nee",
                known_to_partners="nee",
                outcome=outcome,
                decided_by=meldpunt,
                decided_at=decided,
            )

    melding(local(2026, 1, 31, 23, 30), bussum, "buurtbewoner", "telefoon", ["psychisch"], p2, None, local(2026, 2, 2, 9), "geen_actie")  # fmt: skip
    melding(local(2026, 2, 2, 10), amstelveen, "buurtbewoner", "telefoon", ["psychisch"], p1, c1, local(2026, 2, 2, 15), "bemoeizorg")  # fmt: skip
    melding(local(2026, 2, 6, 16), amstelveen, "huisarts", "web", ["psychisch", "verslaving"], p2, c2, local(2026, 2, 9, 9), "advies")  # fmt: skip
    melding(local(2026, 2, 7, 11), bussum, "politie", "politie", ["overlast"], p1, c1, local(2026, 2, 9, 10), "bemoeizorg")  # fmt: skip
    melding(local(2026, 3, 10, 9), bussum, "wijkteam", "partner", ["psychisch"], p4, c3, local(2026, 3, 12, 12), "doorverwijzen")  # fmt: skip
    melding(local(2026, 3, 31, 23, 30), amstelveen, "naaste", "email", ["schulden"], p3, c5)
    melding(local(2026, 4, 1, 0, 30), amstelveen, "naaste", "email", ["schulden"], p3, c6)
    melding(local(2025, 3, 1, 10), bussum, "buurtbewoner", "telefoon", ["psychisch"], p4)
    melding(local(2025, 11, 3, 9), amstelveen, "buurtbewoner", "telefoon", ["psychisch"], p5, c4)
    assert users["meldpunt"].role == Role.MELDPUNT
    return World(amstelveen, bussum, {"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5, "c6": c6})
