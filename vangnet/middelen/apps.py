from django.apps import AppConfig


class MiddelenConfig(AppConfig):
    name = "vangnet.middelen"
    label = "middelen"
    verbose_name = "Middelen"
