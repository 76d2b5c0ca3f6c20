"""The login backend: Django's ModelBackend, with the user's organisation fetched in
the same query as the user together with the header's unread-notification count, and
the user's permissions (direct and through groups) in one query instead of two. Every
page names the organisation (the access-log row, the header) and shows the count, and
many ask a permission: each saves a query (issue 17).

The TOTP device that verified the session comes in the same query too (a LEFT JOIN on the
session's device id, set by ``session_device`` around the lookup): django-otp's middleware
would fetch it with a query of its own on every page."""

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.auth.models import Permission
from django.db.models import F, FilteredRelation, Q
from django_otp.plugins.otp_totp.models import TOTPDevice

_SESSION_DEVICE: contextvars.ContextVar[int | None] = contextvars.ContextVar("vangnet_session_device", default=None)
_DEVICE_PREFIX = "_vangnet_device_"
# Set on the user: the session's TOTP device (or None when the join found none).
JOINED_DEVICE = "_vangnet_session_device"


@contextlib.contextmanager
def session_device(device_pk: int | None) -> Iterator[None]:
    """Within this block, ``get_user`` also fetches the user's TOTP device ``device_pk``."""
    token = _SESSION_DEVICE.set(device_pk)
    try:
        yield
    finally:
        _SESSION_DEVICE.reset(token)


def _device_columns() -> list[str]:
    return [f.attname for f in TOTPDevice._meta.concrete_fields]


def _with_device(queryset: Any, device_pk: int) -> Any:
    columns = _device_columns()
    return queryset.annotate(
        _vangnet_device=FilteredRelation("totpdevice", condition=Q(totpdevice__pk=device_pk))
    ).annotate(**{_DEVICE_PREFIX + c: F(f"_vangnet_device__{c}") for c in columns})


def _take_device(user: Any) -> None:
    columns = _device_columns()
    values = [user.__dict__.pop(_DEVICE_PREFIX + c) for c in columns]
    device = None
    if values[columns.index("id")] is not None:
        # The annotations carry the fields' own converters (booleans, dates on SQLite).
        device = TOTPDevice.from_db(user._state.db, columns, values)
    setattr(user, JOINED_DEVICE, device)


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        from vangnet.notifications.services import unread_count_annotation

        from .models import User

        queryset = User._default_manager.select_related("organisation").annotate(**unread_count_annotation())
        device_pk = _SESSION_DEVICE.get()
        if device_pk is not None:
            queryset = _with_device(queryset, device_pk)
        try:
            user = queryset.get(pk=user_id)
        except User.DoesNotExist:
            return None
        if device_pk is not None:
            _take_device(user)
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
