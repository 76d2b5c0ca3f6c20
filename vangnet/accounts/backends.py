"""The login backend: Django's ModelBackend, with the user's organisation fetched in
the same query as the user. Every page names the organisation (the access-log row,
the header), so without this each request costs one query more (issue 17)."""

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        from .models import User

        try:
            user = User._default_manager.select_related("organisation").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
