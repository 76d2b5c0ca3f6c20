"""Security log lines for events raised by django-axes."""

from axes.signals import user_locked_out
from django.dispatch import receiver

from .services import log_security_event, username_key


@receiver(user_locked_out, dispatch_uid="vangnet_accounts_user_locked_out")
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    # axes hands over what AXES_USERNAME_CALLABLE made of it; username_key() keeps
    # a key as it is and hashes raw text, so an unknown name is never logged.
    log_security_event(
        "account_locked", request, attempted_username=username_key(username or ""), ip_address=ip_address
    )
