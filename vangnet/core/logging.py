"""structlog configuration: JSON lines in production, readable console in development."""

import logging

import structlog

LOG_STREAMS = {"stderr": "ext://sys.stderr", "stdout": "ext://sys.stdout"}


def configure_logging(debug: bool, json_logs: bool | None = None, stream: str = "stderr") -> dict:
    """``json_logs`` (default: not ``debug``) picks JSON lines or readable lines; ``stream`` is
    ``stderr`` or ``stdout``. The web server logs to standard output (deploy/gunicorn.conf.py);
    a management command keeps its standard output for what it prints (``figures --json``)."""
    if json_logs is None:
        json_logs = not debug
    if stream not in LOG_STREAMS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"VANGNET_LOG_STREAM must be one of {', '.join(LOG_STREAMS)}, not {stream!r}.")
    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso"),
    ]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    renderer = structlog.processors.JSONRenderer() if json_logs else structlog.dev.ConsoleRenderer(colors=False)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structlog": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
                "foreign_pre_chain": shared,
            }
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "structlog", "stream": LOG_STREAMS[stream]}
        },
        "root": {"handlers": ["console"], "level": "INFO"},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "axes": {"level": "WARNING"},
        },
    }


def get_logger(name: str):
    return structlog.get_logger(name)


logging.captureWarnings(True)
