from django.apps import AppConfig


class InzageConfig(AppConfig):
    name = "vangnet.inzage"
    label = "inzage"
    verbose_name = "Inzage"
