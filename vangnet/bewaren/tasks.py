"""Background task (Django's tasks framework): the daily retention run, the same as
``manage.py apply_retention``. Run it once a day (queue or cron, README)."""

from django.tasks import task


@task
def apply_retention() -> int:
    """Remove the released items, housekeeping, write today's report; returns the removed count."""
    from .models import RetentionRun
    from .services import run_daily

    results = run_daily()
    return sum(r.removed for step in results if isinstance(step, list) for r in step if isinstance(r, RetentionRun))
