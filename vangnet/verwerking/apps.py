from django.apps import AppConfig


class VerwerkingConfig(AppConfig):
    name = "vangnet.verwerking"
    label = "verwerking"
    verbose_name = "Verwerkingsregister"
