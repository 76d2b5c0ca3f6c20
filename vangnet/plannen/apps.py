from django.apps import AppConfig


class PlannenConfig(AppConfig):
    name = "vangnet.plannen"
    label = "plannen"
    verbose_name = "Plan van aanpak"
