"""The Idempotency-Key header on POST /api/v1/meldingen/: a repeated request
gets the first answer and makes no second melding."""

import datetime
import json

import pytest
from django.utils import timezone

from tests.core.concurrent_db import Meeting, ensure_reference_data, in_thread, run_together, shared_database
from vangnet.api.models import IdempotencyKey
from vangnet.audit.models import AccessLog
from vangnet.intake import services as intake
from vangnet.intake.models import Melding

from .test_partner_meldingen import URL, VALID

REUSED = (
    "Deze Idempotency-Key is al gebruikt voor een andere melding. Gebruik voor elke nieuwe melding een nieuwe sleutel."
)


def post(client, data, key=None, raw=None):
    headers = {} if key is None else {"Idempotency-Key": key}
    return client.post(URL, raw or json.dumps(data), content_type="application/json", headers=headers)


@pytest.fixture
def partner_client(users, region, login):
    return login(users["partner"])


def test_same_key_same_body_gives_the_same_answer_and_one_melding(partner_client):
    first = post(partner_client, VALID, key="melding-1")
    second = post(partner_client, VALID, key="melding-1")

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Melding.objects.count() == 1
    assert AccessLog.objects.filter(action="C", object_type="melding").count() == 1
    replay_log = AccessLog.objects.get(action="R", object_type="melding")
    assert replay_log.melding_id == str(Melding.objects.get().pk)


def test_same_body_in_another_key_order_is_the_same_request(partner_client):
    assert post(partner_client, VALID, key="k").status_code == 201
    reordered = json.dumps(dict(reversed(list(VALID.items()))), indent=2)
    assert post(partner_client, None, key="k", raw=reordered).status_code == 201
    assert Melding.objects.count() == 1


def test_same_key_other_body_is_422_in_dutch(partner_client):
    assert post(partner_client, VALID, key="k").status_code == 201
    response = post(partner_client, {**VALID, "description": "Een heel andere melding."}, key="k")
    assert response.status_code == 422
    assert response.json() == {"detail": REUSED}
    assert Melding.objects.count() == 1


def test_keys_are_per_user(partner_client, other_partner, login):
    assert post(partner_client, VALID, key="k").status_code == 201
    other = post(login(other_partner), VALID, key="k")
    assert other.status_code == 201
    assert "Idempotent-Replayed" not in other
    assert Melding.objects.count() == 2


def test_without_key_every_post_is_a_new_melding(partner_client):
    assert post(partner_client, VALID).status_code == 201
    assert post(partner_client, VALID).status_code == 201
    assert Melding.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


def test_a_key_expires_after_24_hours(partner_client):
    assert post(partner_client, VALID, key="k").status_code == 201
    # A day later (the key row's age; the login session would not last that long).
    IdempotencyKey.objects.update(created_at=timezone.now() - datetime.timedelta(hours=24, minutes=1))
    again = post(partner_client, VALID, key="k")
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert Melding.objects.count() == 2
    assert IdempotencyKey.objects.count() == 1


def test_invalid_input_does_not_use_up_the_key(partner_client):
    invalid = post(partner_client, {**VALID, "description": ""}, key="k")
    assert invalid.status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert post(partner_client, VALID, key="k").status_code == 201
    assert Melding.objects.count() == 1


@pytest.mark.parametrize("key", ["", "   ", "x" * 256, "sleutel\tmet\ttab", "sleutél"])
def test_invalid_key_is_400_in_dutch(partner_client, key):
    response = post(partner_client, VALID, key=key)
    assert response.status_code == 400
    assert response.json() == {"detail": "De Idempotency-Key moet 1 tot 255 leesbare ASCII-tekens lang zijn."}
    assert not Melding.objects.exists()


def test_staff_cannot_use_the_key_to_get_in(users, login, region):
    response = post(login(users["meldpunt"]), VALID, key="k")
    assert response.status_code == 403
    assert not IdempotencyKey.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_identical_requests_at_the_same_moment_make_one_melding(users, region, login, monkeypatch):
    ensure_reference_data()
    clients = login(users["partner"]), login(users["partner"])
    # The first request holds on after storing its key until the second arrives
    # (or two seconds, when the second one waits for the first one's lock).
    monkeypatch.setattr(intake, "register_partner_melding", Meeting().around(intake.register_partner_melding))

    with shared_database():
        answers = run_together(*(lambda c=c: post(c, VALID, key="tegelijk") for c in clients))
        count = in_thread(Melding.objects.count)

    errors = [a for a in answers if isinstance(a, BaseException)]
    assert not errors, errors
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert sorted(a.get("Idempotent-Replayed", "") for a in answers) == ["", "true"]
    assert count == 1
