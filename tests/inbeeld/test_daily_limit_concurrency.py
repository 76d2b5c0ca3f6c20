"""The daily limit of "in beeld?" holds when many requests arrive at once
(security review, issue 9 item 7: 40 parallel requests used to get 23 answers)."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from tests.conftest import verified_client
from vangnet.audit.models import AccessLog
from vangnet.inbeeld import services
from vangnet.inbeeld.models import DailyQuestionCount, InBeeldQuestion

from .test_inbeeld import by_name, grant

URL = reverse("inbeeld:ask")
LIMIT_TEXT = "maximum per dag"


def test_limit_is_counted_per_day_row(users, login):
    asker = grant(users["partner"])
    client = login(asker)
    answered = refused = 0
    for _ in range(services.DAILY_LIMIT + 5):
        html = by_name(client).content.decode()
        refused += LIMIT_TEXT in html
        answered += "inbeeld-verdict" in html
    assert (answered, refused) == (services.DAILY_LIMIT, 5)
    assert InBeeldQuestion.objects.filter(asked_by=asker).count() == services.DAILY_LIMIT
    assert DailyQuestionCount.objects.get(user=asker).count == services.DAILY_LIMIT
    assert services.remaining_today(asker) == 0


def test_other_users_have_their_own_limit(users, login):
    asker = grant(users["partner"])
    DailyQuestionCount.objects.create(user=asker, day=services.timezone.localdate(), count=services.DAILY_LIMIT)
    assert not services.take_question_slot(asker)
    other = grant(users["other_meldpunt"])
    assert services.take_question_slot(other)


@pytest.mark.django_db(transaction=True)
def test_forty_parallel_requests_get_exactly_twenty_answers(users):
    if connection.vendor != "postgresql":
        pytest.skip("real parallel writers need PostgreSQL (SQLite has a single writer and serialises anyway)")
    asker = grant(users["partner"])
    clients = [verified_client(asker) for _ in range(40)]
    start = threading.Barrier(len(clients))
    results: list[str] = []
    lock = threading.Lock()

    def ask(client):
        try:
            start.wait()
            response = by_name(client)
            with lock:
                results.append(f"{response.status_code}:{response.content.decode()}")
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r.startswith("200:") for r in results), [r[:200] for r in results if not r.startswith("200:")]
    refused = sum(LIMIT_TEXT in r for r in results)
    assert (len(results) - refused, refused) == (services.DAILY_LIMIT, 20)
    assert InBeeldQuestion.objects.filter(asked_by=asker).count() == services.DAILY_LIMIT
    assert DailyQuestionCount.objects.get(user=asker).count == services.DAILY_LIMIT
    assert AccessLog.objects.filter(detail__contains="daglimiet").count() == 20
