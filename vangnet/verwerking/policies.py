"""Who may read the register of processing (issue 16 part 6): the privacy officer, whose
register it is, and functioneel beheer, who keeps the configuration it is made from. It
names organisations and kinds of data, never a person."""

from typing import Any

from vangnet.access.policies import is_active_worker
from vangnet.accounts import roles


def can_view_register(user: Any) -> bool:
    return bool(user and user.is_authenticated and is_active_worker(user) and user.role in roles.REGISTER_READERS)
