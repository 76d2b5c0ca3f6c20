from django.apps import AppConfig


class ProcesregieConfig(AppConfig):
    name = "vangnet.procesregie"
    label = "procesregie"
    verbose_name = "Procesregie"
