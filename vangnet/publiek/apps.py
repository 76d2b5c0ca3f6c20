from django.apps import AppConfig


class PubliekConfig(AppConfig):
    name = "vangnet.publiek"
    verbose_name = "Publiek meldformulier"
