from django.apps import AppConfig


class VerzoekenConfig(AppConfig):
    name = "vangnet.verzoeken"
    label = "verzoeken"
    verbose_name = "Verzoeken van betrokkenen"
