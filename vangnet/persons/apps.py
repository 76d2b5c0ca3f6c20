from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "vangnet.persons"
    verbose_name = "Personen"

    def ready(self):
        # The matcher's key upkeep; imported here, once the models are loaded.
        from .matching import signals

        signals.connect()
