"""Two workers press "Besluit opslaan" on the same melding at the same moment.

The second one must get the Dutch "al getrieerd" message: not a second
decision, not "database is locked" (SQLite) and not a 500. The first worker is
held inside ``decide`` (after it read the melding's state) until the second
one has arrived too, or for two seconds when the second one is (correctly)
blocked by the lock."""

import pytest
from django.urls import reverse

from tests.core.concurrent_db import Meeting, ensure_reference_data, in_thread, run_together, shared_database
from vangnet.triage import services
from vangnet.triage.models import TriageDecision

from .conftest import decision_post

ALREADY = "Deze melding is al getrieerd."


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    ensure_reference_data()


def _post_both(clients, melding):
    url = reverse("triage:melding", args=[melding.pk])
    data = decision_post(melding)
    first, second = clients
    return run_together(lambda: first.post(url, data), lambda: second.post(url, data))


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_one_decision_and_the_other_hears_al_getrieerd(login, users, melding, monkeypatch):
    clients = login(users["meldpunt"]), login(users["teamleider"])
    monkeypatch.setattr(services, "_validate", Meeting().around(services._validate))
    with shared_database():
        answers = _post_both(clients, melding)
        decisions = in_thread(lambda: TriageDecision.objects.filter(melding_id=melding.pk).count())

    errors = [a for a in answers if isinstance(a, BaseException)]
    assert not errors, errors
    assert sorted(a.status_code for a in answers) == [200, 302]
    loser = next(a for a in answers if a.status_code == 200)
    assert ALREADY in loser.content.decode()
    assert decisions == 1
