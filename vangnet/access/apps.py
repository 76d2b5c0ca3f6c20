from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "vangnet.access"
    verbose_name = "Toegang"
