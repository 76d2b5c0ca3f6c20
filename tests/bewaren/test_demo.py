"""The demo shows retention: old meldingen past their term in today's report, one held."""

import pytest

from vangnet.bewaren.models import Hold, RetentionReport, Soort
from vangnet.demo import builders

pytestmark = pytest.mark.django_db


def test_the_demo_report_is_not_empty_and_has_a_hold():
    builders.build_demo(background=False)
    report = RetentionReport.objects.get()
    items = list(report.items.filter(kind=Soort.MELDING))
    assert len(items) == 3 and sum(item.held for item in items) == 1
    assert Hold.objects.filter(lifted_at__isnull=True).count() == 1
    builders.wipe_demo()
    assert not RetentionReport.objects.exists() and not Hold.objects.exists()
