"""The monitor benchmark's code path on a tiny data set (the figures come from bench/monitor)."""

from itertools import pairwise

import pytest

from bench.monitor.run import GROUPS, measure, monitor_page, table
from bench.scale.build import build
from vangnet.cases.models import Casus, Phase, PhaseChange
from vangnet.intake.models import Melding
from vangnet.triage.models import Outcome, TriageDecision

pytestmark = pytest.mark.django_db


def test_history_data_set_and_benchmark():
    res = build(
        persons=60, meldingen=80, seed=4, casus_share=0.3, span_days=365, attempts_per_casus=(2, 4), history=True
    )
    assert res.casussen == 18 and res.phase_changes == PhaseChange.objects.count()
    for casus in Casus.objects.all():
        changes = list(casus.phase_changes.order_by("changed_at", "pk"))
        assert (changes[0].from_phase, changes[0].to_phase) == ("", Phase.CONTACT_LEGGEN)
        assert changes[0].changed_at == casus.opened_at and changes[-1].to_phase == casus.phase
        assert all(a.to_phase == b.from_phase for a, b in pairwise(changes))
        assert 2 <= casus.attempts.count() <= 4
        if casus.phase == Phase.AFGESLOTEN:
            assert casus.closed_at == changes[-1].changed_at
    decided = Melding.objects.filter(status=Melding.Status.GETRIEERD)
    assert TriageDecision.objects.count() == res.triage_decisions == decided.count() > 0
    for d in TriageDecision.objects.select_related("melding"):
        assert d.decided_at >= d.melding.received_at
        assert (d.outcome == Outcome.BEMOEIZORG) == (d.melding.casus_id is not None)

    figures = measure(iterations=1)
    assert figures["meldingen"] == 80 and figures["casussen"] == 18
    assert figures["getrieerd"] == decided.count()
    assert figures["rows"][0]["queries"] > 0
    # the region, one gemeente and, once it exists, the page
    assert len(figures["rows"]) == (3 if monitor_page() else 2)
    assert set(figures["groups"]) == set(GROUPS)
    assert "| compute_indicators: jaar, hele regio |" in table(figures)


def test_default_build_makes_no_history():
    res = build(persons=20, meldingen=20, seed=5, casus_share=0.2)
    assert res.phase_changes == res.triage_decisions == 0
    assert not PhaseChange.objects.exists() and not TriageDecision.objects.exists()
