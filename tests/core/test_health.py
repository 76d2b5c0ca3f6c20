"""``/gezondheid/`` (issue 18 part 7): public, JSON, 200 when the database answers and no task
waits too long for the worker, 503 otherwise. The failures are real: a task row that waits
in the queue table, a database that cannot be reached (in a fresh process)."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from tests.factories import MeldingFactory, PersonFactory

ROOT = Path(__file__).resolve().parents[2]
URL = "/gezondheid/"

pytestmark = pytest.mark.django_db


def _queued(*, waiting_since=None, run_after=None, status="READY"):
    task = DBTaskResult.objects.create(
        task_path="vangnet.notifications.tasks.send_mail",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=run_after or get_date_max(),
        status=status,
    )
    if waiting_since:
        DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=waiting_since)
    return task


def test_the_url_is_the_dutch_path():
    assert reverse("health") == URL


def test_healthy_answers_200_json_without_login_or_cookies():
    response = Client().get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    body = response.json()
    assert body == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "task_queue": {"status": "ok", "waiting": 0, "oldest_waiting_seconds": 0, "limit_seconds": 900},
        },
    }
    assert not response.cookies  # no session for a probe


def test_no_personal_data_in_the_answer():
    person = PersonFactory(surname="Zwanenburg")
    melding = MeldingFactory(person=person)
    _queued(waiting_since=timezone.now() - timedelta(hours=2))
    text = Client().get(URL).content.decode()
    for value in (person.surname, melding.reference, "send_mail", melding.created_by.username):
        assert value not in text


def test_an_old_waiting_task_answers_503():
    _queued(waiting_since=timezone.now() - timedelta(minutes=16))
    response = Client().get(URL)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["checks"]["database"] == {"status": "ok"}
    queue = body["checks"]["task_queue"]
    assert queue["status"] == "fout" and queue["waiting"] == 1
    assert 16 * 60 <= queue["oldest_waiting_seconds"] < 17 * 60


def test_a_task_due_long_ago_waits_since_its_run_after():
    """A reminder queued for day 7 weeks ago and due an hour ago waits one hour, not weeks."""
    _queued(waiting_since=timezone.now() - timedelta(days=14), run_after=timezone.now() - timedelta(hours=1))
    queue = Client().get(URL).json()["checks"]["task_queue"]
    assert queue["status"] == "fout" and 3600 <= queue["oldest_waiting_seconds"] < 3700


def test_future_finished_and_recent_tasks_do_not_count():
    long_ago = timezone.now() - timedelta(days=3)
    _queued(waiting_since=long_ago, run_after=timezone.now() + timedelta(days=4))  # day-7 reminder
    _queued(waiting_since=long_ago, status="SUCCESSFUL")
    _queued(waiting_since=long_ago, status="FAILED")
    _queued(waiting_since=timezone.now() - timedelta(minutes=2))
    response = Client().get(URL)
    assert response.status_code == 200
    assert response.json()["checks"]["task_queue"]["waiting"] == 1


def test_the_limit_is_a_setting(settings):
    settings.VANGNET_HEALTH_MAX_TASK_WAIT_SECONDS = 60
    _queued(waiting_since=timezone.now() - timedelta(minutes=2))
    assert Client().get(URL).status_code == 503


def test_only_get_and_head():
    assert Client().post(URL).status_code == 405
    assert Client().head(URL).status_code == 200


PROBE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/gezondheid/", headers={"host": "localhost"})
print(json.dumps({"code": response.status_code, "body": response.json()}))
"""


@pytest.mark.parametrize(
    "database_url",
    [
        "sqlite:////nonexistent-vangnet-dir/nowhere/db.sqlite3",  # a directory that does not exist
        "postgres://vangnet@127.0.0.1:1/vangnet",  # nothing listens on port 1
    ],
    ids=["sqlite", "postgresql"],
)
def test_an_unreachable_database_answers_503(database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vangnet.settings_test",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "0",
    }
    env.pop("DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer == {
        "code": 503,
        "body": {
            "status": "fout",
            "checks": {"database": {"status": "fout"}, "task_queue": {"status": "fout", "reason": "database"}},
        },
    }
    assert "health_database_unreachable" in done.stderr  # logged as a JSON line, without the error's text
    assert "nonexistent-vangnet-dir" not in done.stdout
