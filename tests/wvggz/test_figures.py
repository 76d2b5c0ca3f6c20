import csv
import datetime
import io
import re

import time_machine
from django.urls import reverse

from tests.factories import MeldingFactory
from vangnet.audit.models import AccessLog
from vangnet.wvggz import services
from vangnet.wvggz.models import Outcome

from .helpers import answer_all, local, make_onderzoek

D = datetime.date


def _dataset(ggd, other_org, users):
    """Melding 1 March (deadline 15 March):
    a: aanvraag on 10 March (9 days, in time)
    b: geen aanvraag, bemoeizorg, on 15 March (14 days, in time: deadline day)
    c: geen aanvraag, geen actie, on 20 March (19 days, late)
    d: open, past its deadline (late)
    e: open, melding 25 March (not due yet)
    plus a flagged melding not (yet) triaged, one of another year and one of another organisation."""
    by, bz = users["meldpunt"], users["bemoeizorger"]
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        a, b, c, d = (make_onderzoek(ggd, by, received_at=local(2026, 3, 1, 10, 0), lead=bz) for _ in range(4))
    with time_machine.travel(local(2026, 3, 10, 9, 0), tick=False):
        answer_all(a, bz)
        services.decide(a, by=bz, outcome=Outcome.AANVRAAG)
    with time_machine.travel(local(2026, 3, 15, 23, 0), tick=False):
        services.decide(
            b, by=bz, outcome=Outcome.GEEN_AANVRAAG, alternative="bemoeizorg_casus", reason="x", casusregisseur=bz
        )
    with time_machine.travel(local(2026, 3, 20, 9, 0), tick=False):
        services.decide(c, by=bz, outcome=Outcome.GEEN_AANVRAAG, alternative="geen_actie", reason="x")
    with time_machine.travel(local(2026, 3, 25, 9, 0), tick=False):
        make_onderzoek(ggd, by, received_at=local(2026, 3, 25, 8, 0))
    MeldingFactory(meldpunt=ggd, created_by=by, is_wvggz=True, received_at=local(2026, 3, 26, 8, 0))
    MeldingFactory(meldpunt=ggd, created_by=by, is_wvggz=False, received_at=local(2026, 3, 26, 8, 0))
    with time_machine.travel(local(2025, 6, 2, 9, 0), tick=False):
        make_onderzoek(ggd, by, received_at=local(2025, 6, 1, 10, 0))
    make_onderzoek(other_org, users["other_meldpunt"], received_at=local(2026, 3, 1, 10, 0))


def test_figures_on_a_known_dataset(ggd, other_org, users):
    _dataset(ggd, other_org, users)
    data = services.figures(ggd.pk, D(2026, 1, 1), D(2026, 12, 31), today=D(2026, 3, 28))
    assert data["meldingen"] == 6  # 5 onderzoeken + 1 flagged melding
    assert data["onderzoeken"] == 5
    assert data["open"] == 2 and data["open_overdue"] == 1
    assert data["decided"] == 3 and data["decided_in_time"] == 2
    assert data["due"] == 4
    assert data["within_term_pct"] == 50.0  # 2 of 4 (a, b in time; c late; d open and late)
    assert data["median_days"] == 14  # 9, 14, 19
    assert data["outcomes"]["aanvraag"] == 1 and data["outcomes"]["geen_aanvraag"] == 2
    assert data["outcomes"]["geen_aanvraag_bemoeizorg_casus"] == 1
    assert data["outcomes"]["geen_aanvraag_geen_actie"] == 1
    assert data["outcomes"]["geen_aanvraag_doorverwijzing"] == 0
    other_year = services.figures(ggd.pk, D(2025, 1, 1), D(2025, 12, 31), today=D(2026, 3, 28))
    assert other_year["onderzoeken"] == 1 and other_year["within_term_pct"] == 0.0 and other_year["median_days"] is None


def test_figures_page_and_csv_for_teamleider_only(login, ggd, other_org, users):
    _dataset(ggd, other_org, users)
    client = login(users["teamleider"])
    with time_machine.travel(local(2026, 3, 28, 12, 0), tick=False):
        html = client.get(reverse("wvggz:figures"), {"van": "2026-01-01", "tot": "2026-12-31"}).content.decode()
    assert "50,0" in html and "50.0" not in html  # Dutch notation (issue 12, item 6)
    client = login(users["teamleider"])  # a fresh session after the time travel
    response = client.get(reverse("wvggz:figures_csv"), {"van": "2026-01-01", "tot": "2026-12-31"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    values = dict(rows[1:])
    assert values["Wvggz-meldingen"] == "6" and values["Verkennende onderzoeken"] == "5"
    assert values["Aanvraag bij de officier van justitie"] == "1"
    # Asked today (not on 28 March), so the share depends on the day: its notation does not.
    assert re.fullmatch(r"\d+,\d", values["Percentage binnen 14 dagen"])  # a decimal comma for Dutch Excel
    body = response.content.decode()
    assert "Visser" not in body and "M-TEST" not in body and "W-" not in body  # aggregates only
    before = AccessLog.objects.exclude(action="G").count()
    for name in ("bemoeizorger", "meldpunt", "beheerder", "partner", "consultant"):
        assert login(users[name]).get(reverse("wvggz:figures")).status_code == 403
        assert login(users[name]).get(reverse("wvggz:figures_csv")).status_code == 403
    # Nothing read; each refusal is one REFUSED row.
    assert AccessLog.objects.exclude(action="G").count() == before
    assert AccessLog.objects.filter(action="G").count() == 10
    bad = client.get(reverse("wvggz:figures"), {"van": "2026-12-31", "tot": "2026-01-01"})
    assert bad.status_code == 200 and "De einddatum ligt vóór de begindatum." in bad.content.decode()
    garbage = client.get(reverse("wvggz:figures"), {"van": "gisteren"})
    assert garbage.status_code == 200


def test_a_wvggz_melding_is_counted_once_whichever_ways_it_is_one(ggd, users):
    """Flagged, triaged as Wvggz, with an onderzoek, or several at once: one melding each
    (the count is a UNION of the three since issue 17, not an OR over outer joins)."""
    from vangnet.triage.models import TriageDecision

    by = users["meldpunt"]
    day = local(2026, 3, 1, 10, 0)

    def triage(melding, outcome):
        TriageDecision.objects.create(
            melding=melding,
            acute_danger="nee",
            already_in_care="nee",
            known_to_partners="nee",
            outcome=outcome,
            decided_by=by,
            decided_at=day + datetime.timedelta(hours=1),
        )

    MeldingFactory(meldpunt=ggd, created_by=by, is_wvggz=True, received_at=day)  # flagged only
    triage(MeldingFactory(meldpunt=ggd, created_by=by, received_at=day), "wvggz")  # triaged only
    make_onderzoek(ggd, by, received_at=day)  # onderzoek only
    both = make_onderzoek(ggd, by, received_at=day, is_wvggz=True)  # all three
    triage(both.melding, "wvggz")
    triage(MeldingFactory(meldpunt=ggd, created_by=by, is_wvggz=True, received_at=day), "wvggz")  # two
    triage(MeldingFactory(meldpunt=ggd, created_by=by, received_at=day), "geen_actie")  # none
    MeldingFactory(meldpunt=ggd, created_by=by, received_at=day)  # none
    data = services.figures(ggd.pk, D(2026, 3, 1), D(2026, 3, 1), today=D(2026, 3, 2))
    assert data["meldingen"] == 5 and data["onderzoeken"] == 2
    assert services.figures(ggd.pk, D(2026, 3, 2), D(2026, 3, 31), today=D(2026, 3, 2))["meldingen"] == 0
