"""Admin for functioneel beheer: users, and resetting a lost phone (TOTP device).

Beheerders are not superusers: they cannot see or edit superusers, cannot hand
out loose permissions or superuser status, and can only add users to the
"Functioneel beheer" group. The TOTP secret is never shown to them.

Four eyes (vangnet.accounts.services): nobody changes their own role,
organisation or rights; a role with access to personal data and removing a 2FA
device wait for a second beheerder; nobody types or sees another user's
password (a one-time reset link is e-mailed instead)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .models import PendingAccountChange, User
from .services import BEHEER_GROUP_NAME


class AccountCreationForm(forms.ModelForm):
    """New account without a password: the user chooses one through the e-mailed link."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "phone", "role", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _("Hierheen gaat de link waarmee de gebruiker zelf een wachtwoord kiest.")
        self.fields["role"].required = True


class AccountChangeForm(UserChangeForm):
    # Not even the hash summary with its "change password" link.
    password = None


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _message_for(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or gettext("Dit mag u niet doen.")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active", "last_login"]
    list_filter = ["role", "organisation", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email"]
    filter_horizontal = ["teams", "groups", "user_permissions"]
    autocomplete_fields = []
    add_form = AccountCreationForm
    form = AccountChangeForm
    actions = ["send_reset_link"]
    fieldsets = [
        (None, {"fields": ["username", "must_change_password"]}),
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
                ],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined", "must_change_password"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("organisation")
        if not request.user.is_superuser:
            qs = qs.filter(is_superuser=False)
        return qs

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        if obj is not None and obj.pk == request.user.pk:
            fields += [f for f in services.SELF_PROTECTED_FIELDS if f not in fields]
        return fields

    def user_change_password(self, request, id, form_url=""):
        # Beheer never types another user's password: "stuur herstellink" instead.
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        if not change:
            mail_error = services.create_account(request.user, obj, base_url=_base_url(request))
            if mail_error:
                self.message_user(request, mail_error, messages.ERROR)
            if obj.role == "":
                self.message_user(
                    request,
                    gettext(
                        "De rol wacht op goedkeuring door een tweede beheerder; tot dan heeft het account geen rol."
                    ),
                    messages.WARNING,
                )
            return
        stored = User.objects.get(pk=obj.pk)
        changed = [
            name
            for name in ("role", "organisation_id", "is_staff", "is_superuser")
            if getattr(obj, name) != getattr(stored, name)
        ]
        services.refuse_self_change(request.user, obj, [name.removesuffix("_id") for name in changed])
        email_changed = obj.email != stored.email
        current_groups = set(stored.groups.values_list("pk", flat=True))
        added_groups = {g.pk for g in form.cleaned_data.get("groups", [])} - current_groups
        pending = services.request_role_change(
            request.user,
            stored,
            role=obj.role,
            organisation_id=obj.organisation_id,
            email=obj.email if email_changed else None,
            grant_staff=obj.is_staff and not stored.is_staff,
            grant_superuser=obj.is_superuser and not stored.is_superuser,
            add_group_ids=added_groups,
        )
        if pending is not None:
            # Until a second beheerder approves, the account keeps what it had.
            wanted = pending.changes
            if "role" in wanted:
                obj.role, obj.organisation_id = stored.role, stored.organisation_id
            for name in ("email", "is_staff", "is_superuser"):
                if name in wanted:
                    setattr(obj, name, getattr(stored, name))
            if wanted.get("add_groups"):
                # save_related must not add them either.
                form.cleaned_data["groups"] = [
                    g for g in form.cleaned_data["groups"] if g.pk not in set(wanted["add_groups"])
                ]
            self.message_user(
                request,
                gettext("Een deel van de wijziging wacht op goedkeuring door een tweede beheerder: %(change)s.")
                % {"change": services.describe_change(pending)},
                messages.WARNING,
            )
        if email_changed and "email" not in (pending.changes if pending else {}):
            services.log_security_event(
                "account_email_changed", request, target_user_id=obj.pk, target_username=obj.username
            )
            services.notify_account_event(
                obj,
                gettext("Functioneel beheer heeft het e-mailadres van uw account gewijzigd."),
                gettext("Functioneel beheer heeft het e-mailadres van %(name)s gewijzigd.") % {"name": obj},
            )
        super().save_model(request, obj, form, change)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name=BEHEER_GROUP_NAME)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        if form.instance.pk == request.user.pk and "groups" in form.cleaned_data:
            if set(form.cleaned_data["groups"]) != set(form.instance.groups.all()):
                services.refuse_self_change(request.user, form.instance, ["groups"])
        if not request.user.is_superuser and "groups" in form.cleaned_data:
            # Keep groups a beheerder cannot see, only toggle the beheer group.
            hidden = set(form.instance.groups.exclude(name=BEHEER_GROUP_NAME))
            super().save_related(request, form, formsets, change)
            form.instance.groups.add(*hidden)
            return
        super().save_related(request, form, formsets, change)

    @admin.action(description=_("Stuur herstellink (e-mail om zelf een wachtwoord te kiezen)"), permissions=["change"])
    def send_reset_link(self, request, queryset):
        sent = 0
        for user in queryset:
            try:
                services.send_password_reset_link(request.user, user, base_url=_base_url(request))
                sent += 1
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, _message_for(exc), messages.ERROR)
        if sent:
            self.message_user(request, gettext("Herstellink verstuurd naar %(count)d gebruiker(s).") % {"count": sent})


@admin.register(PendingAccountChange)
class PendingAccountChangeAdmin(admin.ModelAdmin):
    """Four eyes: a second beheerder approves or rejects; never the requester."""

    list_display = ["user", "kind", "description", "requested_by", "requested_at", "status", "decided_by"]
    list_filter = ["status", "kind"]
    actions = ["approve", "reject"]
    fields = ["user", "kind", "description", "requested_by", "requested_at", "status", "decided_by", "decided_at"]
    readonly_fields = fields

    @admin.display(description=_("wijziging"))
    def description(self, obj):
        return services.describe_change(obj)

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("user", "requested_by", "decided_by")
        if not request.user.is_superuser:
            qs = qs.filter(user__is_superuser=False)
        return qs

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _decide(self, request, queryset, decide, done_message):
        done = 0
        for change in queryset:
            try:
                decide(request.user, change)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"{change}: {_message_for(exc)}", messages.ERROR)
        if done:
            self.message_user(request, done_message % {"count": done})

    @admin.action(description=_("Goedkeuren (u bent de tweede beheerder)"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(
            request, queryset, services.approve_account_change, gettext("%(count)d wijziging(en) goedgekeurd.")
        )

    @admin.action(description=_("Afwijzen"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, services.reject_account_change, gettext("%(count)d wijziging(en) afgewezen."))


try:
    admin.site.unregister(TOTPDevice)
except admin.sites.NotRegistered:
    pass


@admin.register(TOTPDevice)
class SafeTOTPDeviceAdmin(TOTPDeviceAdmin):
    """Beheer may see who has a device and ask for its removal (lost phone), which a
    second beheerder approves; only superusers ever see the secret or its QR code.
    Nobody deletes or unconfirms a device directly here."""

    list_display = ["user", "name", "created_at", "last_used_at", "confirmed", "throttling_failure_count"]
    actions = ["request_removal"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "user", "confirmed"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not request.user.is_superuser:
            qs = qs.filter(user__is_superuser=False)  # like the user list
        return qs

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Verwijdering aanvragen (telefoon kwijt; een tweede beheerder keurt goed)"), permissions=["view"]
    )
    def request_removal(self, request, queryset):
        for device in queryset.select_related("user"):
            try:
                services.request_device_removal(request.user, device)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, _message_for(exc), messages.ERROR)
                return
        self.message_user(
            request, gettext("Verwijdering aangevraagd; een tweede beheerder moet die goedkeuren."), messages.WARNING
        )

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
