from django.apps import AppConfig


class NormsConfig(AppConfig):
    name = "vangnet.norms"
    verbose_name = "Normen"
