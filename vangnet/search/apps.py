from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "vangnet.search"
    verbose_name = _("Zoeken")

    def ready(self) -> None:
        from . import index

        index.connect()
