"""E-mail and task backends that fail, for the delivery tests (real backend classes, set through settings)."""

import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.tasks.backends.immediate import ImmediateBackend


class FailingBackend(BaseEmailBackend):
    """The SMTP server refuses every message (its reply quotes the content, as real servers may)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(554, b"rejected: " + email_messages[0].body.encode())


class FlakyBackend(BaseEmailBackend):
    """Drops the connection on the first ``failures`` messages, then delivers to mail.outbox."""

    failures = 1
    calls = 0

    def send_messages(self, email_messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        mail.outbox.extend(email_messages)
        return len(email_messages)


class BrokenQueueBackend(ImmediateBackend):
    """A task queue that cannot be reached."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("task database unreachable")
