from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "vangnet.network"
    label = "network"
    verbose_name = "Netwerk"
