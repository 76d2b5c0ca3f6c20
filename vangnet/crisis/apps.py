from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "vangnet.crisis"
    label = "crisis"
    verbose_name = "Crisis"

    def ready(self) -> None:
        # Crisis episodes are entries on the casus timeline (cases.timeline's registration hook).
        from . import timeline

        timeline.register()
