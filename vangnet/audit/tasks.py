"""Background task (Django's tasks framework) for the access-log chain head.

``log_access_log_head`` writes the head (seq + hash) to the security log; run
it daily, from the task queue or as ``manage.py log_access_log_head`` from
cron (see README)."""

from django.tasks import task


@task
def log_access_log_head() -> int:
    from .services import log_access_log_head as log_head

    seq, _hash = log_head()
    return seq
