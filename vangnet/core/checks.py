"""System checks of Vangnet's own configuration (run by runserver, migrate,
check and every management command that checks).

``vangnet.E001``: with ``DEBUG`` off, an e-mail backend that delivers nothing
(console, locmem, dummy, file) would silently swallow status messages to
melders and deadline reminders, so Vangnet refuses to start with one unless
``VANGNET_ALLOW_CONSOLE_EMAIL`` says that is intended (a demo server, the tests)."""

from django.conf import settings
from django.core.checks import Error, register

NON_DELIVERING_EMAIL_BACKENDS = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    }
)


def _email_backends() -> list[str]:
    """The configured backends: Django 6.1's MAILERS when used, else EMAIL_BACKEND (what settings.py sets)."""
    if hasattr(settings, "MAILERS"):
        return [cfg.get("BACKEND", "django.core.mail.backends.smtp.EmailBackend") for cfg in settings.MAILERS.values()]
    return [settings.EMAIL_BACKEND]


@register("vangnet")
def check_email_backend(app_configs=None, **kwargs) -> list[Error]:
    if settings.DEBUG or getattr(settings, "VANGNET_ALLOW_CONSOLE_EMAIL", False):
        return []
    return [
        Error(
            f"The e-mail backend is {backend} while DEBUG is off: no e-mail would ever be delivered.",
            hint="Set EMAIL_BACKEND to a real backend (e.g. django.core.mail.backends.smtp.EmailBackend with "
            "EMAIL_HOST etc.), or set VANGNET_ALLOW_CONSOLE_EMAIL=1 if this server must not send e-mail.",
            id="vangnet.E001",
        )
        for backend in _email_backends()
        if backend in NON_DELIVERING_EMAIL_BACKENDS
    ]
