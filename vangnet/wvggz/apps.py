from django.apps import AppConfig


class WvggzConfig(AppConfig):
    name = "vangnet.wvggz"
    label = "wvggz"
    verbose_name = "Wvggz verkennend onderzoek"
