"""Admin for functioneel beheer: users, and resetting a lost phone (TOTP device).

Beheerders are not superusers: they cannot see or edit superusers, cannot hand
out loose permissions or superuser status, and can only add users to the
"Functioneel beheer" group. The TOTP secret is never shown to them."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .services import BEHEER_GROUP_NAME


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active", "last_login"]
    list_filter = ["role", "organisation", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email"]
    filter_horizontal = ["teams", "groups", "user_permissions"]
    autocomplete_fields = []
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Persoonlijke gegevens"), {"fields": ["first_name", "last_name", "email", "phone"]}),
        (_("Rol en organisatie"), {"fields": ["role", "organisation", "teams"]}),
        (
            _("Rechten"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Belangrijke datums"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "role",
                    "organisation",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("organisation")
        if not request.user.is_superuser:
            qs = qs.filter(is_superuser=False)
        return qs

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name=BEHEER_GROUP_NAME)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        if not request.user.is_superuser and "groups" in form.cleaned_data:
            # Keep groups a beheerder cannot see, only toggle the beheer group.
            hidden = set(form.instance.groups.exclude(name=BEHEER_GROUP_NAME))
            super().save_related(request, form, formsets, change)
            form.instance.groups.add(*hidden)
            return
        super().save_related(request, form, formsets, change)


try:
    admin.site.unregister(TOTPDevice)
except admin.sites.NotRegistered:
    pass


@admin.register(TOTPDevice)
class SafeTOTPDeviceAdmin(TOTPDeviceAdmin):
    """Beheer may see who has a device and delete it (lost phone); only
    superusers ever see the secret or its QR code."""

    list_display = ["user", "name", "created_at", "last_used_at", "confirmed", "throttling_failure_count"]

    def get_list_display(self, request):
        return self.list_display

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        cleaned = []
        for name, options in fieldsets:
            fields = [f for f in options["fields"] if f not in {"key", "qrcode_link"}]
            if fields:
                cleaned.append((name, {**options, "fields": fields}))
        return cleaned

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def config_view(self, request, pk):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().qrcode_view(request, pk)
