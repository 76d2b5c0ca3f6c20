"""Checking the access-log rows a service writes when it is called directly
(no request): each service writes its own row, in its own transaction."""

from contextlib import contextmanager

from vangnet.audit.models import AccessLog
from vangnet.audit.services import AuditContext

CONTEXT = AuditContext(ip_address="198.51.100.7", path="/dienst/test/")


@contextmanager
def new_rows():
    """The rows written inside the block (a list, filled in when the block ends)."""
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rows: list[AccessLog] = []
    try:
        yield rows
    finally:
        rows.extend(AccessLog.objects.filter(pk__gt=before).order_by("pk"))


def assert_row(row: AccessLog, actor, *, action: str, object_type: str, context: AuditContext = CONTEXT, **subject):
    """``row`` is ``actor``'s ``action`` on ``subject`` (casus=/melding=/person= ids), from ``context``."""
    assert (row.user_id, row.username, row.action, row.object_type) == (
        str(actor.pk),
        actor.username,
        action,
        object_type,
    )
    assert (row.ip_address, row.path) == (context.ip_address, context.path)
    for field, obj in subject.items():
        assert getattr(row, f"{field}_id") == str(obj.pk), field
