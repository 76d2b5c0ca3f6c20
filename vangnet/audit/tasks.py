"""Background tasks (Django's tasks framework) for the access log.

``log_access_log_head`` writes the head (seq + hash) to the security log; run
it daily, from the task queue or as ``manage.py log_access_log_head`` from
cron (see README). ``prune_access_log`` removes the rows older than the access
log's term behind a checkpoint (issue 16); the daily retention task of
vangnet.bewaren may call the service instead."""

from django.tasks import task


@task
def log_access_log_head() -> int:
    from .services import log_access_log_head as log_head

    seq, _hash = log_head()
    return seq


@task
def prune_access_log() -> int:
    """The number of rows removed (0 when none was older than the term)."""
    from .services import prune_access_log as prune

    return prune().rows_removed
