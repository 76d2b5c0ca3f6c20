from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "vangnet.audit"
    verbose_name = "Toegangslog"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
