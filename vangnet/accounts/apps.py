from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vangnet.accounts"
    verbose_name = "Gebruikers"
