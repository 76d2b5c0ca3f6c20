"""Security log lines for events raised by django-axes; the session renewal mark at login."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from .services import log_security_event, username_key


@receiver(user_locked_out, dispatch_uid="vangnet_accounts_user_locked_out")
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    # axes hands over what AXES_USERNAME_CALLABLE made of it; username_key() keeps
    # a key as it is and hashes raw text, so an unknown name is never logged.
    log_security_event(
        "account_locked", request, attempted_username=username_key(username or ""), ip_address=ip_address
    )


@receiver(user_logged_in, dispatch_uid="vangnet_accounts_session_renewed_at_login")
def mark_session_renewed(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    # A new session is saved at login anyway: the first page after it need not save it again.
    from .middleware import renew_session

    if request is not None and hasattr(request, "session"):
        renew_session(request.session)
