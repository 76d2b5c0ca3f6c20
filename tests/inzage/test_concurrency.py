"""Two starts of an inzage for the same person at the same moment (a double submit that races,
or two teamleiders): one concept is made and both get it; never two concepts, never a 500.
Real threads, on both databases."""

import pytest

from tests.core.concurrent_db import ensure_reference_data, in_thread, run_together, shared_database
from vangnet.audit.models import AccessLog
from vangnet.inzage import services
from vangnet.inzage.models import Inzage
from vangnet.persons.models import Person


@pytest.fixture
def reference_rows(transactional_db):
    ensure_reference_data()


@pytest.mark.django_db(transaction=True)
def test_two_starts_at_once_make_one_concept(reference_rows, story, users):
    def go():
        person = Person.objects.get(pk=story["person"].pk)
        return services.start_inzage(person, by=users["teamleider"])

    with shared_database():
        results = run_together(go, go)
        counts = in_thread(
            lambda: (Inzage.objects.count(), AccessLog.objects.filter(object_type="inzage", action="C").count())
        )
    assert all(isinstance(r, services.Started) for r in results), results
    assert {r.inzage.pk for r in results} == {results[0].inzage.pk}
    assert sorted(r.created for r in results) == [False, True]
    assert counts == (1, 1)
