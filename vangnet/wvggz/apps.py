from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig


class WvggzConfig(AppConfig):
    name = "vangnet.wvggz"
    label = "wvggz"
    verbose_name = "Wvggz verkennend onderzoek"

    def ready(self):
        from django.db.models.signals import post_save

        from vangnet.intake.models import Melding

        from . import signals, tasks

        signals.onderzoek_opened.connect(tasks.schedule_reminders, dispatch_uid="vangnet.wvggz.schedule_reminders")
        # intake may not import wvggz (independent apps); its correction sends post_save
        # with the changed fields, and a corrected arrival moment moves the 14-day term.
        post_save.connect(_melding_saved, sender=Melding, dispatch_uid="vangnet.wvggz.follow_corrected_melding")


def _melding_saved(
    sender: type, instance: Any, created: bool = False, update_fields: Iterable[str] | None = None, **kwargs: Any
) -> None:
    if created or not update_fields or "received_at" not in update_fields:
        return
    from .services import follow_corrected_melding

    follow_corrected_melding(instance)
