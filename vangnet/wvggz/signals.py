"""Signals the Wvggz services send, so that the background tasks (which call the
services) can react without the services importing the tasks."""

from django.dispatch import Signal

# Sent after the transaction that opened an onderzoek commits; kwargs: onderzoek.
onderzoek_opened = Signal()
