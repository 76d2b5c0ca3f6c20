"""``flush`` that respects the append-only access log.

Django's ``flush`` empties every table, also ``audit_accesslog``; the database
triggers refuse that, so a plain flush fails. The test framework needs flush
to reset the database after transactional tests (live server, browser tests).

- In a test run (``django.core.mail.outbox`` exists, the test environment is
  set up) or with ``VANGNET_AUDIT_ALLOW_FLUSH = True``: the triggers are lifted,
  the flush runs, the hash chain starts afresh (an empty chain head, so the
  next row is seq 1 and verify_access_log passes), and the triggers are always
  put back.
- Otherwise the command refuses: the access log of a real installation is never
  wiped by a routine command.
"""

from django.conf import settings
from django.core import mail
from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DEFAULT_DB_ALIAS, connections

from vangnet.audit.chain import reset_head
from vangnet.audit.triggers import create_triggers, drop_triggers


def flush_allowed() -> bool:
    return bool(getattr(settings, "VANGNET_AUDIT_ALLOW_FLUSH", False)) or hasattr(mail, "outbox")


class Command(DjangoFlush):
    help = DjangoFlush.help + " The append-only access log may only be flushed in tests."

    def handle(self, **options):
        if not flush_allowed():
            raise CommandError(
                "Het toegangslog is alleen-toevoegen: 'flush' is geweigerd. "
                "Zet VANGNET_AUDIT_ALLOW_FLUSH alleen op een test- of ontwikkeldatabase."
            )
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        drop_triggers(connection)
        try:
            result = super().handle(**options)
            reset_head(connection)
            return result
        finally:
            create_triggers(connection)
