from django.apps import AppConfig


class LeefgebiedenConfig(AppConfig):
    name = "vangnet.leefgebieden"
    label = "leefgebieden"
    verbose_name = "Leefgebieden"
