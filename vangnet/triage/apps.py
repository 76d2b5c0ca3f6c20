from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "vangnet.triage"
    verbose_name = "Triage"
