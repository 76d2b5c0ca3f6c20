"""Functioneel beheer keeps the labels of the five levels of the life-domain scale.
The pictures themselves are personal data: not in the admin, only through the
guarded views. There are always exactly five levels: none added or removed here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import ScaleLabel


@admin.register(ScaleLabel)
class ScaleLabelAdmin(admin.ModelAdmin):
    list_display = ("score", "label", "description")
    readonly_fields = ("score",)
    fields = ("score", "label", "description")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
