"""A double submit of the same request that races (two requests at the same moment):
one request is stored and both answers name it; never two, never a 500. And two
decisions at once on the same request: one wins, the other is refused (an edit conflict,
or "already decided" when it read the request after the winner saved).
Real threads, on both databases."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.core.concurrent_db import ensure_reference_data, in_thread, run_together, shared_database
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.persons.models import Person
from vangnet.verzoeken import services
from vangnet.verzoeken.models import Verzoek


@pytest.fixture
def reference_rows(transactional_db):
    ensure_reference_data()


@pytest.mark.django_db(transaction=True)
def test_a_racing_double_submit_stores_one_request(reference_rows, person, users):
    def register():
        fresh = Person.objects.get(pk=person.pk)
        return services.register_request(
            fresh,
            kind="beperking",
            received_on=timezone.localdate(),
            channel="e-mail",
            request_text="Stop met delen",
            by=users["teamleider"],
        )

    with shared_database():
        results = run_together(register, register)
        stored = in_thread(lambda: Verzoek.objects.count())
    assert all(isinstance(r, Verzoek) for r in results), results
    assert results[0].pk == results[1].pk and stored == 1


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_one_wins(reference_rows, person, users):
    verzoek = services.register_request(
        person,
        kind="bezwaar",
        received_on=timezone.localdate(),
        channel="mondeling",
        request_text="Bezwaar",
        by=users["teamleider"],
    )

    def decide(outcome):
        def go():
            fresh = Verzoek.objects.select_related("person", "organisation").get(pk=verzoek.pk)
            return services.decide_request(
                fresh,
                expected_version=1,
                outcome=outcome,
                decided_on=timezone.localdate(),
                answer="Reden",
                by=users["teamleider"],
            )

        return go

    with shared_database():
        results = run_together(decide("toegewezen"), decide("afgewezen"))
        history = in_thread(lambda: list(Verzoek.objects.get(pk=verzoek.pk).history.values_list("event", flat=True)))
    won = [r for r in results if isinstance(r, Verzoek)]
    # The loser read the request before the winner saved (an edit conflict) or after it
    # (already decided): either way it is refused, nothing is overwritten.
    refused = [
        r
        for r in results
        if isinstance(r, ConcurrentEditError)
        or (isinstance(r, ValidationError) and r.message_dict.get("__all__") == ["Over dit verzoek is al besloten."])
    ]
    assert (len(won), len(refused)) == (1, 1), results
    assert len(history) == 2
