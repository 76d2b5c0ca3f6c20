from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from .models import NormSettings


@admin.register(NormSettings)
class NormSettingsAdmin(admin.ModelAdmin):
    """One row of norms: the list goes straight to that row; no adding or deleting."""

    fields = ["triage_workdays", "first_attempt_workdays"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        obj = NormSettings.current()
        opts = self.model._meta
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
