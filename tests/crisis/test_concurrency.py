"""Two workers save the crisis card of the same person at the same moment (a new card
twice, or a change of the same version twice): one save is stored, the other gets the
edit conflict; never two cards, never a 500. Real threads, on both databases."""

import pytest

from tests.core.concurrent_db import ensure_reference_data, in_thread, run_together, shared_database
from vangnet.cases.models import Casus
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.crisis import services
from vangnet.crisis.models import CrisisCard, CrisisCardVersion

from .conftest import CARD


@pytest.fixture
def reference_rows(transactional_db):
    ensure_reference_data()


def _save(casus, by, version, what_helps):
    def go():
        fresh = Casus.objects.select_related("person").get(pk=casus.pk)
        return services.save_card(fresh, expected_version=version, values={**CARD, "what_helps": what_helps}, by=by)

    return go


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("existing", [False, True])
def test_two_saves_at_once_one_is_stored(reference_rows, casus, users, existing):
    version = 0
    if existing:
        version = services.save_card(casus, expected_version=0, values=CARD, by=users["duo"]).version
    with shared_database():
        results = run_together(
            _save(casus, users["bemoeizorger"], version, "Eerste"), _save(casus, users["duo"], version, "Tweede")
        )
        stored = in_thread(lambda: (CrisisCard.objects.count(), CrisisCardVersion.objects.count()))
    won = [r for r in results if isinstance(r, CrisisCard)]
    told = [r for r in results if isinstance(r, ConcurrentEditError)]
    assert (len(won), len(told)) == (1, 1), results
    assert stored == (1, version + 1)
