"""Production behaviour (issue 18 part 7), each in a fresh process with the environment of
compose.yaml: ``manage.py check --deploy`` without a warning, gunicorn with
deploy/gunicorn.conf.py logging JSON lines on standard output, and the scheduler running a job."""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from django.db import connection

from vangnet.core import schedule

ROOT = Path(__file__).resolve().parents[2]
VARIABLE = re.compile(r"\$\{(\w+)(?::?[-?][^}]*)?\}")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EXAMPLE = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "vangnet.gemeente.example",
    "VANGNET_SITE_URL": "https://vangnet.gemeente.example",
    "VANGNET_APP_DB_PASSWORD": "app-pw",
    "EMAIL_HOST": "smtp.gemeente.example",
    "DEFAULT_FROM_EMAIL": "vangnet@gemeente.example",
}


def compose_environment(service="web", database_url=None):
    """The service's environment from compose.yaml, ${...} filled in as compose would with the
    example values; DATABASE_URL pointed at a database this test can reach."""
    env = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"][service]["environment"]

    def fill(value):
        return VARIABLE.sub(lambda m: EXAMPLE.get(m[1], m[0].split(":-", 1)[-1].rstrip("}")), str(value))

    filled = {name: fill(value) for name, value in env.items()}
    if database_url:
        filled["DATABASE_URL"] = database_url
    return filled


def _reachable_database(tmp_path):
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"sqlite:///{tmp_path / 'production.sqlite3'}"


def _env(extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VANGNET_", "DEBUG"))}
    env.update(extra)
    env["DJANGO_SETTINGS_MODULE"] = "vangnet.settings"  # the real settings, not the test settings
    return env


@pytest.mark.django_db
def test_check_deploy_is_clean_with_the_production_environment(tmp_path):
    env = _env(compose_environment(database_url=_reachable_database(tmp_path)))
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (1 silenced)." in done.stdout  # security.W021, settings.py


@pytest.mark.django_db
def test_check_deploy_warns_without_the_production_environment(tmp_path):
    """The test above can fail: without the HTTPS redirect the deploy check warns."""
    env = compose_environment(database_url=_reachable_database(tmp_path))
    del env["SECURE_SSL_REDIRECT"]
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_env(env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0 and "security.W008" in done.stderr + done.stdout


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_with_the_config_and_logs_json_to_stdout(tmp_path):
    port = _free_port()
    env = compose_environment(database_url=f"sqlite:///{tmp_path / 'empty.sqlite3'}")  # no tables: 503
    env.update(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/gezondheid/", headers={"Host": EXAMPLE["ALLOWED_HOSTS"]}
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(request, timeout=5)  # noqa: S310 - http to our own test server
                status = 200
                break
            except urllib.error.HTTPError as error:
                status, body = error.code, json.loads(error.read())
                break
            except OSError:
                time.sleep(0.2)
        assert status == 503 and body["checks"]["task_queue"]["status"] == "fout"
        # Over plain HTTP only the health endpoint is answered; the rest is sent to HTTPS.
        with pytest.raises(urllib.error.HTTPError) as redirected:
            opener = urllib.request.build_opener(NoRedirect)
            opener.open(urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": EXAMPLE["ALLOWED_HOSTS"]}))
        assert redirected.value.code == 301 and redirected.value.headers["Location"].startswith("https://")
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    lines = [line for line in out.splitlines() if line.strip()]
    events = [json.loads(line) for line in lines]  # every line is JSON
    assert any(e["logger"] == "gunicorn.error" and "Listening at" in e["event"] for e in events)
    assert any(e["event"] == "health_task_queue_unreadable" and e["level"] == "warning" for e in events)
    assert "Traceback" not in err


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_the_schedule_follows_cron_rules():
    weekly, every_five, daily = schedule.parse(
        "30 2 * * 0  train_match_model\n*/5 * * * * retry_mail\n15 1 * * * apply_retention --x 'a b'\n"
    )
    sunday, monday = datetime(2026, 12, 6, 2, 30, tzinfo=AMSTERDAM), datetime(2026, 12, 7, 2, 30, tzinfo=AMSTERDAM)
    assert weekly.due(sunday) and not weekly.due(monday)
    assert every_five.due(datetime(2026, 12, 7, 9, 55, tzinfo=AMSTERDAM)) and not every_five.due(
        datetime(2026, 12, 7, 9, 56, tzinfo=AMSTERDAM)
    )
    assert daily.command == ("apply_retention", "--x", "a b") and daily.due(
        datetime(2026, 12, 7, 1, 15, tzinfo=AMSTERDAM)
    )
    assert [job.command[0] for job in schedule.due_jobs([weekly, every_five, daily], sunday)] == [
        "train_match_model",
        "retry_mail",
    ]
    for bad in ("60 * * * * x", "* * * * *", "*/0 * * * * x", "1,a * * * * x"):
        with pytest.raises(schedule.ScheduleError):
            schedule.parse(bad)


def test_the_real_crontab_runs_the_daily_access_log_jobs_after_midnight():
    jobs = schedule.read(ROOT / "deploy" / "crontab")
    at = {
        minute: [j.command[0] for j in schedule.due_jobs(jobs, datetime(2026, 12, 7, 0, minute, tzinfo=AMSTERDAM))]
        for minute in (5, 15, 30)
    }
    assert at == {
        5: ["retry_mail", "log_access_log_head"],
        15: ["retry_mail", "prune_access_log"],
        30: ["retry_mail", "verify_access_log"],
    }


def test_run_schedule_runs_the_jobs_due_as_processes_and_reports_a_failure(tmp_path):
    crontab = tmp_path / "crontab"
    crontab.write_text("0 3 * * * check\n0 4 * * * no_such_command\n")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vangnet.settings_test"}
    env.pop("DEBUG", None)
    ok = subprocess.run(
        [sys.executable, "manage.py", "run_schedule", str(crontab), "--at", "2026-12-07T03:00"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert "System check identified no issues" in ok.stdout  # the job's own output
    assert '"returncode": 0' in ok.stderr and "schedule_job_finished" in ok.stderr
    failed = subprocess.run(
        [sys.executable, "manage.py", "run_schedule", str(crontab), "--at", "2026-12-07T04:00"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 1 and "1 job(s) mislukt" in failed.stderr
