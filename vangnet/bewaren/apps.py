from django.apps import AppConfig


class BewarenConfig(AppConfig):
    name = "vangnet.bewaren"
    label = "bewaren"
    verbose_name = "Bewaartermijnen"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the check of the terms
