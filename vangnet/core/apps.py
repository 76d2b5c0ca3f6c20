from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vangnet.core"
    verbose_name = "Kern"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
