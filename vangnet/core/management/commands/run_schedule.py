import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vangnet.core import schedule
from vangnet.core.logging import get_logger

log = get_logger("vangnet.schedule")

# After a pause (a suspended host, a long job) at most this much is caught up, each job once.
CATCH_UP = timedelta(hours=1)


class Command(BaseCommand):
    help = (
        "Planner van de productie-installatie: draait de beheercommando's uit een crontab-bestand "
        "(deploy/crontab) op hun tijd, elk als eigen proces, één tegelijk. --at TIJD draait eenmalig "
        "wat op die minuut staat en stopt."
    )
    requires_system_checks = []  # the jobs run their own checks

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("crontab", help="Het crontab-bestand, bijvoorbeeld deploy/crontab.")
        parser.add_argument("--at", metavar="JJJJ-MM-DDTUU:MM", help="Eenmalig: de jobs van deze minuut (lokale tijd).")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            jobs = schedule.read(options["crontab"])
        except (OSError, schedule.ScheduleError) as error:
            raise CommandError(f"Crontab niet te lezen: {error}") from error
        if options["at"]:
            try:
                moment = datetime.fromisoformat(options["at"])
            except ValueError as error:
                raise CommandError("--at verwacht JJJJ-MM-DDTUU:MM.") from error
            failed = [job for job in schedule.due_jobs(jobs, moment) if run(job) != 0]
            if failed:
                raise CommandError(f"{len(failed)} job(s) mislukt.", returncode=1)
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        log.info("schedule_started", jobs=len(jobs), crontab=options["crontab"])
        loop(jobs, stop)
        log.info("schedule_stopped")


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def loop(jobs: list[schedule.Job], stop: threading.Event) -> None:
    last = _minute(timezone.localtime())
    while not stop.is_set():
        now = timezone.localtime()
        stop.wait(60 - now.second - now.microsecond / 1e6 + 0.05)  # just past the next minute
        if stop.is_set():
            return
        current = _minute(timezone.localtime())
        moment, due = max(last, current - CATCH_UP), []
        while moment < current:
            moment += timedelta(minutes=1)
            due += [job for job in schedule.due_jobs(jobs, moment) if job not in due]
        last = current
        for job in due:
            if stop.is_set():
                return
            run(job)


def run(job: schedule.Job) -> int:
    """One job as its own ``manage.py`` process (a crash or leak stays in it)."""
    started = time.monotonic()
    log.info("schedule_job_started", command=" ".join(job.command))
    # The command comes from the operator's crontab file, run as manage.py's own interpreter.
    done = subprocess.run([sys.executable, str(settings.BASE_DIR / "manage.py"), *job.command], check=False)  # noqa: S603
    log_event = log.info if done.returncode == 0 else log.error
    log_event(
        "schedule_job_finished",
        command=" ".join(job.command),
        returncode=done.returncode,
        seconds=round(time.monotonic() - started, 1),
    )
    return done.returncode
