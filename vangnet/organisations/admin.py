from django.contrib import admin

from .models import Gemeente, Organisation, Team


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code"]


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "runs_meldpunt", "does_bemoeizorg"]
    list_filter = ["kind"]
    inlines = [TeamInline]
