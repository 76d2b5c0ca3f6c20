from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "vangnet.cases"
    verbose_name = "Casussen"
