from django.apps import AppConfig


class WvggzConfig(AppConfig):
    name = "vangnet.wvggz"
    label = "wvggz"
    verbose_name = "Wvggz verkennend onderzoek"

    def ready(self):
        from . import services, signals, tasks

        signals.onderzoek_opened.connect(tasks.schedule_reminders, dispatch_uid="vangnet.wvggz.schedule_reminders")
        services.follow_melding_corrections()
