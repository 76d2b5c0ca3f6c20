"""Functioneel beheer grants the "in beeld?" permission here: a list of partner
accounts with two actions. (The user admin lets beheerders hand out no loose
permissions at all, so this one has its own, narrow screen.)"""

from django.contrib import admin, messages
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _

from vangnet.accounts.models import Role
from vangnet.accounts.services import BEHEER_GROUP_NAME, log_security_event

from .models import InBeeldAuthorisation


def _permission():
    return Permission.objects.get(content_type__app_label="inbeeld", codename="ask_inbeeld")


def _is_beheer(request) -> bool:
    user = request.user
    return (
        user.is_active and user.is_staff and (user.is_superuser or user.groups.filter(name=BEHEER_GROUP_NAME).exists())
    )


@admin.register(InBeeldAuthorisation)
class InBeeldAuthorisationAdmin(admin.ModelAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "may_ask"]
    list_filter = ["organisation"]
    search_fields = ["username", "first_name", "last_name"]
    actions = ["grant", "revoke"]
    fields = ["username", "first_name", "last_name", "organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(role=Role.PARTNER).select_related("organisation")

    @admin.display(boolean=True, description=_("mag vragen"))
    def may_ask(self, obj):
        return obj.user_permissions.filter(pk=_permission().pk).exists()

    @admin.action(description=_("Bevoegdheid ‘In beeld?’ geven"))
    def grant(self, request, queryset):
        perm = _permission()
        for user in queryset:
            user.user_permissions.add(perm)
            log_security_event("inbeeld_permission_granted", request, target=user.username)
        messages.success(request, _("Bevoegdheid gegeven."))

    @admin.action(description=_("Bevoegdheid ‘In beeld?’ intrekken"))
    def revoke(self, request, queryset):
        perm = _permission()
        for user in queryset:
            user.user_permissions.remove(perm)
            log_security_event("inbeeld_permission_revoked", request, target=user.username)
        messages.success(request, _("Bevoegdheid ingetrokken."))

    def has_module_permission(self, request):
        return _is_beheer(request)

    def has_view_permission(self, request, obj=None):
        return _is_beheer(request)

    def has_change_permission(self, request, obj=None):
        # Read-only: the two actions are the only way to change anything here.
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
