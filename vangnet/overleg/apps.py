from django.apps import AppConfig


class OverlegConfig(AppConfig):
    name = "vangnet.overleg"
    label = "overleg"
    verbose_name = "Overleg"
