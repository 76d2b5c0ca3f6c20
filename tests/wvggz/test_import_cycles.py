"""The Wvggz layering: tasks call services (never the other way round), and triage
opens onderzoeken through wvggz while wvggz does not import triage."""

import pytest

from vangnet.triage.models import Outcome
from vangnet.wvggz import services

grimp = pytest.importorskip("grimp")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("vangnet", cache_dir=None)


def test_services_do_not_import_tasks(graph):
    assert graph.find_shortest_chain(importer="vangnet.wvggz.tasks", imported="vangnet.wvggz.services")
    assert graph.find_shortest_chain(importer="vangnet.wvggz.services", imported="vangnet.wvggz.tasks") is None


def test_wvggz_does_not_import_triage(graph):
    assert graph.find_shortest_chains(importer="vangnet.triage", imported="vangnet.wvggz", as_packages=True)
    assert not graph.find_shortest_chains(importer="vangnet.wvggz", imported="vangnet.triage", as_packages=True)


def test_the_spelled_out_triage_outcome_is_triages_own():
    assert services.TRIAGED_AS_WVGGZ == Outcome.WVGGZ
