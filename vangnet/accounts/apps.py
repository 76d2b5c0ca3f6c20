from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vangnet.accounts"
    verbose_name = "Gebruikers"

    def ready(self):
        from . import signals  # noqa: F401
