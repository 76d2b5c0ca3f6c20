"""``/gezondheid/``: the health endpoint for the container runtime, the load balancer and
monitoring (issue 18 part 7).

Public on purpose (no login, no session needed: a probe has none) and therefore without any
personal data: it answers only whether the database answers and how long the oldest task
waits that the task worker should already have picked up. JSON, ``200`` when both are fine,
``503`` otherwise, never cached.

The queue check reads the table of ``django_tasks_db`` (the production backend): a task is
*waiting* when it is ready and its ``run_after`` has passed (a Wvggz reminder queued for day 7
is not waiting before day 7); it waits since ``run_after``, or since it was queued when it has
none. A task waiting longer than ``VANGNET_HEALTH_MAX_TASK_WAIT_SECONDS`` means the worker is
down or cannot keep up."""

from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Min, Q, When
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from vangnet.core.logging import get_logger

log = get_logger("vangnet.health")

OK, FAIL = "ok", "fout"


def database_check() -> dict:
    """One round trip to the database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # Only the kind of error: its text may name hosts or users, and the answer is public.
        log.warning("health_database_unreachable", error=type(error).__name__)
        return {"status": FAIL}
    return {"status": OK}


def oldest_waiting_since(now: datetime) -> tuple[int, datetime | None]:
    """How many tasks are waiting for the worker, and since when the oldest of them waits."""
    no_run_after = get_date_max()
    waiting = DBTaskResult.objects.filter(
        Q(run_after__lte=now) | Q(run_after=no_run_after), status=TaskResultStatus.READY
    ).order_by()
    since = Case(When(run_after=no_run_after, then=F("enqueued_at")), default=F("run_after"))
    figures = waiting.aggregate(oldest=Min(since), count=Count("pk"))
    return figures["count"], figures["oldest"]


def task_queue_check(now: datetime | None = None) -> dict:
    now = now or timezone.now()
    limit = settings.VANGNET_HEALTH_MAX_TASK_WAIT_SECONDS
    try:
        count, oldest = oldest_waiting_since(now)
    except DatabaseError as error:
        log.warning("health_task_queue_unreadable", error=type(error).__name__)
        return {"status": FAIL, "limit_seconds": limit}
    seconds = max(0, int((now - oldest).total_seconds())) if oldest else 0
    status = OK if seconds <= limit else FAIL
    if status == FAIL:
        log.warning("health_task_queue_stuck", waiting=count, oldest_waiting_seconds=seconds)
    return {"status": status, "waiting": count, "oldest_waiting_seconds": seconds, "limit_seconds": limit}


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_check()}
    checks["task_queue"] = (
        task_queue_check() if checks["database"]["status"] == OK else {"status": FAIL, "reason": "database"}
    )
    healthy = all(check["status"] == OK for check in checks.values())
    return JsonResponse({"status": OK if healthy else FAIL, "checks": checks}, status=200 if healthy else 503)
