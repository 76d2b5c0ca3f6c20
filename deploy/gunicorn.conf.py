"""gunicorn configuration of the production set-up (README "Production"; the container's CMD).

    gunicorn -c deploy/gunicorn.conf.py

Sync workers, 2 x cores + 1 by default (README, PostgreSQL: the pages wait on the database more
than on the CPU; no gevent: the ORM and the access-log chain are synchronous). Environment:
``WEB_CONCURRENCY`` (workers), ``GUNICORN_BIND`` (default ``0.0.0.0:8000``). The web server's
log lines, gunicorn's own included, are JSON on standard output (vangnet.core.logging)."""

import multiprocessing
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
# Django's LOGGING (vangnet/settings.py) reads these in every worker: JSON lines on stdout.
os.environ.setdefault("VANGNET_LOG_STREAM", "stdout")

from vangnet.core.logging import configure_logging  # noqa: E402

wsgi_app = "vangnet.wsgi:application"
chdir = str(ROOT)
bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * multiprocessing.cpu_count() + 1)))
worker_class = "sync"
# A page that takes longer is a bug, not a load (the exports stream well within it).
timeout = 60
graceful_timeout = 30
# Recycle a worker now and then (a slow leak never grows), not all at once.
max_requests = 2000
max_requests_jitter = 200
# No preload_app: each worker imports Django itself, so no database connection or cache made
# at import time is ever shared between forked workers.
# The reverse proxy keeps the access log (it sees the real client and TLS); the application's
# own log has the security events and errors. Set GUNICORN_CMD_ARGS="--access-logfile -" to add it.
accesslog = None
errorlog = "-"
# gunicorn's own lines (booting, worker timeouts) as JSON on stdout too.
logconfig_dict = configure_logging(
    debug=False,
    json_logs=os.environ.get("VANGNET_JSON_LOGS", "1").lower() in {"1", "true", "yes", "on"},
    stream="stdout",
)
logconfig_dict["loggers"].update(
    {
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    }
)
