from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "vangnet.organisations"
    verbose_name = "Organisaties"
