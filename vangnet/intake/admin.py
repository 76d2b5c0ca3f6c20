"""Functioneel beheer of the intake: only the concern categories.

Meldingen are deliberately NOT in the admin: they hold special-category
personal data and must only be shown through the guarded, logged views."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import ConcernCategory


@admin.register(ConcernCategory)
class ConcernCategoryAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "active", "order", "melding_count"]
    list_editable = ["active", "order"]
    list_filter = ["active"]
    search_fields = ["label", "code"]
    ordering = ["order", "label"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_meldingen=Count("meldingen"))

    @admin.display(description=_("aantal meldingen"), ordering="n_meldingen")
    def melding_count(self, obj):
        return obj.n_meldingen

    # No bulk actions: bulk delete would bypass the "in use" check below.
    actions = None

    def get_readonly_fields(self, request, obj=None):
        # The code is used in statistics and links; once in use it cannot change.
        if obj is not None and obj.meldingen.exists():
            return ["code"]
        return []

    def has_delete_permission(self, request, obj=None):
        # Deleting would silently remove the category from past meldingen;
        # set it to inactive instead.
        if obj is not None and obj.meldingen.exists():
            return False
        return super().has_delete_permission(request, obj)
