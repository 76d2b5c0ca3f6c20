"""Storing matcher model versions at the same time (PostgreSQL, real threads): each gets its
own number and exactly one is active afterwards."""

import threading

import pytest
from django.db import connection, connections

from tests.persons.match_model_params import params
from vangnet.persons.matching import trained
from vangnet.persons.matching.store_models import MatchModelSource, MatchModelVersion

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]

STORES = 4


def test_concurrent_stores_get_distinct_versions_and_one_is_active():
    trained.store_model(params(), source=MatchModelSource.SCHEMA)
    start, errors = threading.Barrier(STORES), []

    def store(n):
        try:
            start.wait()
            trained.store_model(params(record_count=n), source=MatchModelSource.SCHEMA)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=store, args=(n,)) for n in range(STORES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(MatchModelVersion.objects.values_list("version", flat=True)) == list(range(1, STORES + 2))
    assert MatchModelVersion.objects.filter(is_active=True).get().version == STORES + 1
