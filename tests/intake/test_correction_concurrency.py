"""Two people correcting the same melding at the same moment (real threads, both
databases): one correction is stored, the other gets the conflict; never both,
never a lost update."""

import pytest

from tests.core.concurrent_db import ensure_reference_data, in_thread, run_together, shared_database
from tests.factories import MeldingFactory
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.intake import services
from vangnet.intake.models import Melding, MeldingRevision

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_corrections_store_one_and_refuse_the_other(ggd, users):
    ensure_reference_data()
    melding = MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], melder_phone="06 12345678")
    version = melding.version

    def correct(user, phone):
        def run():
            stale = Melding.objects.get(pk=melding.pk)
            return services.correct_melding(
                stale,
                values={"melder_phone": phone},
                categories=None,
                reason="Nummer verkeerd overgenomen",
                by=user,
                expected_version=version,
            )

        return run

    with shared_database():
        results = run_together(correct(users["meldpunt"], "06 11111111"), correct(users["teamleider"], "06 22222222"))
        # Read back in a thread too: it connects to the shared copy of the database.
        stored, phone = in_thread(
            lambda: (
                list(MeldingRevision.objects.values_list("earlier", flat=True)),
                Melding.objects.get(pk=melding.pk).melder_phone,
            )
        )

    conflicts = [r for r in results if isinstance(r, ConcurrentEditError)]
    saved = [r for r in results if isinstance(r, MeldingRevision)]
    assert len(conflicts) == 1 and len(saved) == 1, results
    assert stored == [{"melder_phone": "06 12345678"}]
    assert phone in ("06 11111111", "06 22222222")
