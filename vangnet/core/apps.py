from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vangnet.core"
    verbose_name = "Kern"

    def ready(self):
        from django.db.models import fields
        from django.utils.translation import gettext_lazy as _

        from . import checks  # noqa: F401 - registers the system checks

        # Django 6.1's blank choice of model choice fields is "- Select an option -",
        # without a Dutch translation; Django documents overriding it in ready().
        fields.BLANK_CHOICE_LABEL = _("— kies —")
