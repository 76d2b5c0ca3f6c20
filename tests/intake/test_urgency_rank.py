"""Urgency rank: derived from the signals on every save, so lists can sort urgent-first in SQL."""

import pytest

from tests.factories import MeldingFactory
from vangnet.intake.models import Melding, UrgencyRank, urgency_rank_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("signals", "rank"),
    [
        ([], UrgencyRank.GEEN),
        (["dieren"], UrgencyRank.SIGNAAL),
        (["huisuitzetting", "kinderen"], UrgencyRank.SIGNAAL),
        (["gevaar_anderen"], UrgencyRank.GEVAAR),
        (["huisuitzetting", "gevaar_zelf"], UrgencyRank.GEVAAR),
    ],
)
def test_rank_follows_the_signals(signals, rank):
    assert urgency_rank_for(signals) == rank
    melding = MeldingFactory(urgency_indicators=signals)
    assert Melding.objects.get(pk=melding.pk).urgency_rank == rank


def test_rank_is_kept_in_step_on_a_partial_save():
    melding = MeldingFactory(urgency_indicators=[])
    melding.urgency_indicators = ["gevaar_anderen"]
    melding.save(update_fields=["urgency_indicators"])
    assert Melding.objects.get(pk=melding.pk).urgency_rank == UrgencyRank.GEVAAR
