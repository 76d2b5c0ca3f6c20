"""The scheduler of the production set-up (issue 18 part 7): the sweeps and daily commands of
the README, from a crontab file (``deploy/crontab``), in one long-running process
(``manage.py run_schedule deploy/crontab``, the ``scheduler`` service of ``compose.yaml``).

Why not cron itself: in a container cron runs as root, drops the environment (``DATABASE_URL``,
``SECRET_KEY``) and logs to syslog; this loop runs as the application's user with its
environment and writes JSON lines like the rest. The format is cron's five fields (minute,
hour, day of month, month, day of week with 0 = Sunday) followed by a management command
and its arguments; a field is ``*``, ``*/N``, a number or a comma-separated list of numbers.
Times are local time (``TIME_ZONE``, Europe/Amsterdam), as in the README's cron lines.
"""

import shlex
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# (lowest, highest) per field: minute, hour, day of month, month, day of week (0 = Sunday).
RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
NAMES = ("minute", "uur", "dag", "maand", "weekdag")


class ScheduleError(ValueError):
    pass


@dataclass(frozen=True)
class Job:
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]
    command: tuple[str, ...]
    line: int

    def due(self, moment: datetime) -> bool:
        """Whether the job runs in the minute of ``moment`` (cron's rule: when both the day of
        month and the day of week are restricted, either one matching is enough)."""
        weekday = (moment.weekday() + 1) % 7
        all_days, all_weekdays = len(self.days) == 31, len(self.weekdays) == 7
        if all_days or all_weekdays:
            day_ok = moment.day in self.days and weekday in self.weekdays
        else:
            day_ok = moment.day in self.days or weekday in self.weekdays
        return moment.minute in self.minutes and moment.hour in self.hours and moment.month in self.months and day_ok


def _field(text: str, index: int, line: int) -> frozenset[int]:
    low, high = RANGES[index]
    if text == "*":
        return frozenset(range(low, high + 1))
    if text.startswith("*/"):
        step = text[2:]
        if not step.isdigit() or int(step) == 0:
            raise ScheduleError(f"regel {line}: {NAMES[index]} {text!r}: */N met N een getal groter dan 0")
        return frozenset(range(low, high + 1, int(step)))
    values = set()
    for part in text.split(","):
        if not part.isdigit() or not low <= int(part) <= high:
            raise ScheduleError(f"regel {line}: {NAMES[index]} {part!r}: een getal van {low} tot en met {high}")
        values.add(int(part))
    return frozenset(values)


def parse(text: str) -> list[Job]:
    jobs = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = shlex.split(stripped)
        if len(parts) < 6:
            raise ScheduleError(f"regel {number}: vijf tijdvelden en een commando verwacht")
        minutes, hours, days, months, weekdays = (_field(part, i, number) for i, part in enumerate(parts[:5]))
        jobs.append(Job(minutes, hours, days, months, weekdays, command=tuple(parts[5:]), line=number))
    return jobs


def read(path: str | Path) -> list[Job]:
    return parse(Path(path).read_text(encoding="utf-8"))


def due_jobs(jobs: list[Job], moment: datetime) -> list[Job]:
    return [job for job in jobs if job.due(moment)]
