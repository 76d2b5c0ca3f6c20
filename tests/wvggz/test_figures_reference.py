"""Issue 17: the Wvggz figures are counted in the database. On seeded random worlds (moments
around local midnight and the summer-time changes, every status, outcome and alternative)
they equal the computation that read every onderzoek into Python (kept below as the
reference), and the number of queries does not grow with the onderzoeken."""

import datetime
import random
import statistics
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import MeldingFactory
from vangnet.intake.models import Melding
from vangnet.monitor.medians import median_of_counts
from vangnet.triage.models import TriageDecision
from vangnet.wvggz import services
from vangnet.wvggz.deadlines import deadline_for, melding_date
from vangnet.wvggz.models import Alternative, Onderzoek, Outcome, Status

from .helpers import local

pytestmark = pytest.mark.django_db

D = datetime.date


def reference_figures(organisation_id, start, end, today):
    """services.figures as it was before issue 17 (rows into Python)."""
    meldingen = (
        Melding.objects.filter(meldpunt_id=organisation_id)
        .filter(Q(is_wvggz=True) | Q(triage__outcome="wvggz") | Q(wvggz_onderzoek__isnull=False))
        .distinct()
    )
    onderzoeken = Onderzoek.objects.filter(organisation_id=organisation_id).select_related("melding")
    in_period = [m for m in meldingen.only("received_at") if start <= melding_date(m.received_at) <= end]
    items = [o for o in onderzoeken if start <= melding_date(o.melding.received_at) <= end]
    decided = [o for o in items if o.status == Status.AFGEROND and o.decided_at]
    in_time = [o for o in decided if timezone.localdate(o.decided_at) <= o.deadline]
    due = decided + [o for o in items if o.status == Status.OPEN and o.deadline < today]
    days = [(timezone.localdate(o.decided_at) - melding_date(o.melding.received_at)).days for o in decided]
    outcomes = {
        "aanvraag": sum(1 for o in decided if o.outcome == Outcome.AANVRAAG),
        "geen_aanvraag": sum(1 for o in decided if o.outcome == Outcome.GEEN_AANVRAAG),
    }
    for alt in Alternative.values:
        outcomes[f"geen_aanvraag_{alt}"] = sum(
            1 for o in decided if o.outcome == Outcome.GEEN_AANVRAAG and o.alternative == alt
        )
    return {
        "start": start,
        "end": end,
        "meldingen": len(in_period),
        "onderzoeken": len(items),
        "open": sum(1 for o in items if o.status == Status.OPEN),
        "open_overdue": sum(1 for o in items if o.status == Status.OPEN and o.deadline < today),
        "decided": len(decided),
        "decided_in_time": len(in_time),
        "due": len(due),
        "within_term_pct": round(100 * len(in_time) / len(due), 1) if due else None,
        "median_days": statistics.median(days) if days else None,
        "outcomes": outcomes,
    }


# Moments the local day is easy to get wrong at: midnight and the summer-time changes of 2025/2026.
EDGES = [
    local(2025, 3, 30, 1, 59),
    local(2025, 3, 30, 3, 0),
    local(2025, 10, 26, 2, 30),
    local(2026, 3, 29, 0, 0),
    local(2026, 1, 1, 0, 0),
    local(2025, 12, 31, 23, 59),
    local(2026, 3, 15, 23, 30),
]


def _moment(rng):
    if rng.random() < 0.4:
        return rng.choice(EDGES) + timedelta(minutes=rng.choice([-1, 0, 1, 30]))
    return local(2025, 1, 1, 0, 0) + timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))


def _world(seed, orgs, users, n=40):
    rng = random.Random(seed)
    by = users["meldpunt"]
    version = services.active_version()
    assert version is not None
    for i in range(n):
        org = rng.choice(orgs)
        received = _moment(rng)
        melding = MeldingFactory(
            meldpunt=org,
            created_by=by,
            received_at=received,
            status="getrieerd",
            is_wvggz=rng.random() < 0.3,
        )
        if rng.random() < 0.3:
            TriageDecision.objects.create(
                melding=melding,
                acute_danger="nee",
                already_in_care="nee",
                known_to_partners="nee",
                outcome=rng.choice(["wvggz", "geen_actie"]),
                decided_by=by,
                decided_at=received + timedelta(hours=1),
            )
        if rng.random() < 0.7:
            status = rng.choice([Status.OPEN, Status.AFGEROND, Status.AFGEROND])
            decided_at = None
            outcome = alternative = ""
            if status == Status.AFGEROND:
                decided_at = rng.choice(
                    [
                        received + timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 1440)),
                        # exactly on the deadline day, late in the evening (local)
                        datetime.datetime.combine(deadline_for(received), datetime.time(23, 30), received.tzinfo),
                    ]
                )
                decided_at = max(decided_at, received)
                outcome = rng.choice([Outcome.AANVRAAG, Outcome.GEEN_AANVRAAG])
                if outcome == Outcome.GEEN_AANVRAAG:
                    alternative = rng.choice(list(Alternative.values))
            Onderzoek.objects.create(
                reference=f"W-T-{seed}-{i}",
                melding=melding,
                organisation=org,
                questionnaire=version,
                started_at=received,
                started_by=by,
                deadline=deadline_for(received),
                status=status,
                outcome=outcome,
                alternative=alternative,
                decided_at=decided_at,
            )


PERIODS = [
    (D(2025, 1, 1), D(2026, 12, 31)),
    (D(2025, 3, 30), D(2025, 10, 26)),
    (D(2026, 1, 1), D(2026, 3, 29)),
    (D(2025, 12, 31), D(2025, 12, 31)),
    (D(2024, 1, 1), D(2024, 12, 31)),  # empty
]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_figures_equal_the_reference(seed, ggd, other_org, users):
    _world(seed, [ggd, other_org], users)
    rng = random.Random(seed)
    for start, end in PERIODS:
        today = D(2025, 1, 1) + timedelta(days=rng.randint(0, 800))
        for org in (ggd, other_org):
            assert services.figures(org.pk, start, end, today=today) == reference_figures(org.pk, start, end, today), (
                start,
                end,
                today,
            )


def test_median_of_counts_is_statistics_median():
    rng = random.Random(7)
    assert median_of_counts({}) is None
    for _ in range(300):
        values = [rng.randint(-3, 30) for _ in range(rng.randint(1, 12))]
        counts: dict[int, int] = {}
        for v in values:
            counts[v] = counts.get(v, 0) + 1
        got, want = median_of_counts(counts), statistics.median(values)
        assert got == want and type(got) is type(want), values


def _queries(org_id):
    with CaptureQueriesContext(connection) as ctx:
        services.figures(org_id, D(2025, 1, 1), D(2026, 12, 31), today=D(2026, 6, 1))
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_the_onderzoeken(ggd, other_org, users):
    _world(21, [ggd], users, n=3)
    few = _queries(ggd.pk)
    _world(22, [ggd], users, n=30)
    assert _queries(ggd.pk) == few <= 3
