"""The files of the production set-up (issue 18 part 7) agree with the code: the compose file's
environment names are variables Vangnet reads, its commands exist, the Containerfile copies
what exists and builds on the Debian base only, the scheduler's crontab is the README's cron
lines, and none of them names a package registry's host. (No container runtime is needed for
these; the README says how the images were built and run.)"""

import re
import stat
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from tests.core.test_config import code_env_vars
from vangnet.core import schedule

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
CONTAINERFILE = (ROOT / "Containerfile").read_text(encoding="utf-8")
CRONTAB = schedule.read(ROOT / "deploy" / "crontab")
APP_SERVICES = ("migrate", "web", "worker", "scheduler")
# Variables of the set-up itself (not of Django's settings), each read by the file named.
DEPLOY_VARIABLES = {
    "POSTGRES_HOST": "deploy/migrate",
    "POSTGRES_DB": "deploy/migrate",
    "POSTGRES_PASSWORD": "deploy/migrate",
    "VANGNET_OWNER_DB_PASSWORD": "deploy/migrate",
    "VANGNET_APP_DB_PASSWORD": "deploy/migrate",
    "WEB_CONCURRENCY": "deploy/gunicorn.conf.py",
}


def _manage_command(command: list[str]) -> str | None:
    if command[:2] == ["python", "manage.py"]:
        return command[2]
    return None


def test_the_app_services_share_one_image_and_environment():
    images = {COMPOSE["services"][name]["image"] for name in APP_SERVICES}
    assert images == {"localhost/vangnet:${VANGNET_VERSION:-latest}"}
    assert COMPOSE["services"]["web"]["build"]["dockerfile"] == "Containerfile"


@pytest.mark.parametrize("service", [*APP_SERVICES, "db"])
def test_every_environment_name_is_read_by_vangnet_or_the_deploy_script(service):
    read_by_vangnet = code_env_vars()
    env = COMPOSE["services"][service].get("environment", {})
    assert env, service
    for name in env:
        if service == "db":
            assert name in (ROOT / "deploy" / "postgres" / "entrypoint").read_text(), name
        elif name not in read_by_vangnet:
            assert name in DEPLOY_VARIABLES, f"{service}: {name} is read by nothing"
            assert name in (ROOT / DEPLOY_VARIABLES[name]).read_text(), name


def test_production_settings_are_on_in_the_compose_environment():
    env = COMPOSE["services"]["web"]["environment"]
    assert "DEBUG" not in env and "VANGNET_DEMO" not in env and "VANGNET_ALLOW_INSECURE_KEY" not in env
    assert env["SECURE_SSL_REDIRECT"] == "1" and env["TRUST_X_FORWARDED_PROTO"] == "1"
    assert env["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert env["DATABASE_URL"].startswith("postgres://vangnet_app:")  # the application role, not postgres


def test_every_command_exists():
    commands = get_commands()
    services = COMPOSE["services"]
    assert _manage_command(services["worker"]["command"]) == "db_worker" in commands
    assert services["scheduler"]["command"][2:] == ["run_schedule", "deploy/crontab"]
    assert "run_schedule" in commands
    assert services["web"]["command"] == ["gunicorn", "-c", "deploy/gunicorn.conf.py"]
    assert (ROOT / "deploy" / "gunicorn.conf.py").is_file()
    migrate = ROOT / services["migrate"]["command"][0]
    assert migrate.stat().st_mode & stat.S_IXUSR
    for name in re.findall(r"manage\.py (\w+)", migrate.read_text()):
        assert name in commands, name
    for job in CRONTAB:
        assert job.command[0] in commands, job.command


def test_the_containerfile_builds_on_the_debian_base_only():
    assert re.findall(r"^ARG BASE_IMAGE=(\S+)", CONTAINERFILE, re.M) == ["localhost/vangnet-debian:trixie"]
    stages = re.findall(r"^FROM (\S+)(?: AS (\w+))?", CONTAINERFILE, re.M)
    assert [image for image, _ in stages] == ["${BASE_IMAGE}", "${BASE_IMAGE}"]
    postgres = (ROOT / "deploy" / "postgres" / "Containerfile").read_text()
    assert re.findall(r"^FROM (\S+)", postgres, re.M) == ["${BASE_IMAGE}"]
    assert "debootstrap" in (ROOT / "deploy" / "make-base-image").read_text()


def test_the_containerfile_copies_what_exists_and_runs_the_gunicorn_config():
    for line in re.findall(r"^COPY (?!--from)(.+)$", CONTAINERFILE, re.M):
        *sources, _target = line.split()
        for source in sources:
            assert (ROOT / source).exists(), source
    assert 'CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py"]' in CONTAINERFILE
    assert 'CMD ["python", "deploy/healthcheck.py"]' in CONTAINERFILE
    assert re.search(r"^USER vangnet$", CONTAINERFILE, re.M)  # not root
    # Every pinned requirement goes in; nothing unpinned.
    assert "pip install -r /opt/vangnet/app/requirements.txt" in CONTAINERFILE
    assert "--no-index --find-links /tmp/wheels -r /opt/vangnet/app/requirements.txt" in CONTAINERFILE


def _readme_cron_lines() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"^`?(\S+ \S+ \S+ \S+ \S+) +cd /srv/vangnet && \.venv/bin/python manage\.py (\w+)", readme, re.M)
    return [(" ".join(times.split()), command) for times, command in lines]


def test_the_crontab_runs_every_cron_line_of_the_readme_at_its_time():
    readme_lines = _readme_cron_lines()
    assert ("15 1 * * *", "apply_retention") in readme_lines  # the scan sees the README
    text = (ROOT / "deploy" / "crontab").read_text()
    ours = {
        (" ".join(line.split()[:5]), line.split()[5])
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert set(readme_lines) <= ours


def test_the_crontab_has_the_sweeps_the_readme_names_for_cron():
    names = {job.command[0] for job in CRONTAB}
    assert {
        "retry_mail",
        "send_wvggz_reminders",
        "send_follow_up_reminders",
        "send_request_reminders",
        "delete_expired_drafts",
        "clearsessions",
        "send_notification_digest",
        "log_access_log_head",
        "prune_access_log",
        "verify_access_log",
        "apply_retention",
        "train_match_model",
    } <= names


REGISTRY_HOSTS = re.compile(r"deb\.debian\.org|pypi\.org|pythonhosted|npmjs|docker\.io|quay\.io|ghcr\.io|gcr\.io")


@pytest.mark.parametrize(
    "path",
    [
        "Containerfile",
        "compose.yaml",
        ".dockerignore",
        *[str(p.relative_to(ROOT)) for p in sorted((ROOT / "deploy").rglob("*")) if p.is_file() and p.suffix != ".whl"],
    ],
)
def test_no_registry_host_is_named(path):
    assert not REGISTRY_HOSTS.search((ROOT / path).read_text(encoding="utf-8")), path
