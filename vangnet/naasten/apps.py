from django.apps import AppConfig


class NaastenConfig(AppConfig):
    name = "vangnet.naasten"
    label = "naasten"
    verbose_name = "Naasten"
