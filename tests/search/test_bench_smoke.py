"""The scale generator and the search benchmark run (on 50 rows; the figures come from bench/)."""

import pytest

from bench.scale.build import build
from bench.search.run import KINDS, format_table, run
from vangnet.cases.models import Casus, ContactAttempt
from vangnet.intake.models import Melding, urgency_rank_for
from vangnet.search.models import SearchToken

pytestmark = pytest.mark.django_db


def test_generator_and_benchmark_on_50_rows():
    res = build(persons=50, meldingen=50, seed=3, casus_share=0.2)
    assert res.persons == 50 and res.meldingen == 50 and not res.reused
    assert Casus.objects.count() == res.casussen == 10
    for casus in Casus.objects.all():
        assert 5 <= casus.attempts.count() <= 30 and casus.members.exists()
    assert ContactAttempt.objects.count() == res.attempts
    for m in Melding.objects.all():
        assert m.reference.endswith(f"-{m.pk:05d}") and m.reference.startswith("M-")
        assert m.urgency_rank == urgency_rank_for(m.urgency_indicators)
        assert m.categories.exists()
    assert SearchToken.objects.exists()
    assert build(persons=50, meldingen=50, seed=3).reused
    figures = run(persons=50, meldingen=50, seed=3, common_surnames=0.0, per_kind=2, say=lambda m: None)
    assert {kind for _role, kind in figures} <= set(KINDS)
    assert "worst p95" in format_table(figures, "test")
