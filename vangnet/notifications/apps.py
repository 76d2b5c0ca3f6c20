from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "vangnet.notifications"
    label = "notifications"
    verbose_name = "Meldingen in de applicatie"
