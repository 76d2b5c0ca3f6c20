from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "vangnet.persons"
    verbose_name = "Personen"
