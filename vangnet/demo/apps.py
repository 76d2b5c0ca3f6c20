from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "vangnet.demo"
