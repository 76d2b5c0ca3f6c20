from django.apps import AppConfig


class BewarenConfig(AppConfig):
    name = "vangnet.bewaren"
    label = "bewaren"
    verbose_name = "Bewaartermijnen"

    def ready(self) -> None:
        from vangnet.verwerking.register import register_retention_source

        from . import checks  # noqa: F401 - registers the check of the terms
        from .terms import register_lines

        # The register of processing shows the configured terms.
        register_retention_source(register_lines)
