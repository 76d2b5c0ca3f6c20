"""The login backend: Django's ModelBackend, with the user's organisation fetched in
the same query as the user together with the header's unread-notification count, and
the user's permissions (direct and through groups) in one query instead of two. Every
page names the organisation (the access-log row, the header) and shows the count, and
many ask a permission: each saves a query (issue 17)."""

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        from vangnet.notifications.services import unread_count_annotation

        from .models import User

        try:
            user = (
                User._default_manager.select_related("organisation")
                .annotate(**unread_count_annotation())
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            perms = Permission.objects.all()
            if not user_obj.is_superuser:
                # One query over both relations; the set drops a permission held both ways.
                perms = perms.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app}.{codename}" for app, codename in perms.values_list("content_type__app_label", "codename")
            }
        return user_obj._perm_cache
