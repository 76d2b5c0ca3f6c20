from django.apps import AppConfig


class WorklistsConfig(AppConfig):
    name = "vangnet.worklists"
