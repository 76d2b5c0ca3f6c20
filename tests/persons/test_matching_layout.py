"""persons/matching: the key upkeep is connected by the app config (no import
side effect in the models), and the index and the search are separate modules
that do not import each other in a circle nor import persons.services."""

import pytest
from django.db.models.signals import post_save

from vangnet.persons.matching import signals
from vangnet.persons.models import Person

grimp = pytest.importorskip("grimp")


def _upkeep_receivers():
    sync, async_ = post_save._live_receivers(Person)
    return [r for r in [*sync, *async_] if r is signals._index_person_on_save]


def test_key_upkeep_is_connected_once():
    assert len(_upkeep_receivers()) == 1
    signals.connect()  # again (ready() may run twice): still once, thanks to the dispatch_uid
    assert len(_upkeep_receivers()) == 1


def test_no_import_circles_in_persons():
    graph = grimp.build_graph("vangnet", cache_dir=None)
    for a, b in [
        ("vangnet.persons.models", "vangnet.persons.matching.signals"),
        ("vangnet.persons.matching.index", "vangnet.persons.matching.search"),
    ]:
        there = graph.find_shortest_chain(importer=b, imported=a)
        back = graph.find_shortest_chain(importer=a, imported=b)
        assert not (there and back), (a, b, there, back)
    assert (
        graph.find_shortest_chain(importer="vangnet.persons.matching.search", imported="vangnet.persons.services")
        is None
    )
    assert (
        graph.find_shortest_chain(importer="vangnet.persons.matching.index", imported="vangnet.persons.services")
        is None
    )
