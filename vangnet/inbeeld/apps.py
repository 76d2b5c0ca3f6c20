from django.apps import AppConfig


class InBeeldConfig(AppConfig):
    name = "vangnet.inbeeld"
    label = "inbeeld"
    verbose_name = "In beeld?"
