from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "vangnet.monitor"
    label = "monitor"
    verbose_name = "Monitor"
