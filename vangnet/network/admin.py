"""Functioneel beheer of the sociale kaart. Referrals, follow-ups and status
messages are personal data: not in the admin, only through the guarded views."""

from django.contrib import admin

from .models import Service, ServiceContact


class ServiceContactInline(admin.TabularInline):
    model = ServiceContact
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "type", "waiting_weeks", "active", "updated_at"]
    list_filter = ["type", "active"]
    search_fields = ["name", "organisation__name"]
    readonly_fields = ["updated_at", "updated_by"]
    inlines = [ServiceContactInline]

    def save_model(self, request, obj, form, change):
        from .services import touch_service

        touch_service(obj, by=request.user)
        super().save_model(request, obj, form, change)
