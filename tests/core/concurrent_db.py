"""Running code in several threads against the test database at the same time.

PostgreSQL: every thread opens its own connection to the test database.
SQLite: the test database lives in memory, and SQLite's shared-cache memory
mode has table locks that ignore the busy timeout, unlike a real file. So the
in-memory database is copied to a file and new (thread) connections open that
file with the project's real options (WAL, busy timeout, IMMEDIATE)."""

import os
import shutil
import sqlite3
import tempfile
import threading
from contextlib import contextmanager

from django.db import connections


@contextmanager
def shared_database(**options):
    """Use in a ``django_db(transaction=True)`` test after the test data is made.
    ``options`` override the SQLite connection options (to show the failure
    without the project's settings)."""
    connection = connections["default"]
    if connection.vendor != "sqlite":
        yield
        return
    directory = tempfile.mkdtemp(prefix="vangnet-threads-")
    path = os.path.join(directory, "db.sqlite3")
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    # Switch the copy to WAL once, here: two threads connecting at the same
    # moment would both run the settings' "PRAGMA journal_mode=WAL", and a
    # journal-mode change takes an exclusive lock without waiting for the busy
    # timeout, so one of them failed with "database is locked" before its
    # request began (seen in CI under load).
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    settings_dict = connection.settings_dict
    saved_name, saved_options = settings_dict["NAME"], dict(settings_dict.get("OPTIONS", {}))
    settings_dict["NAME"] = path
    settings_dict["OPTIONS"] = {**saved_options, **options}
    try:
        yield
    finally:
        settings_dict["NAME"] = saved_name
        settings_dict["OPTIONS"] = saved_options
        shutil.rmtree(directory, ignore_errors=True)


def in_thread(function):
    """Run ``function`` in a new thread (its own database connection); its result or exception."""
    return run_together(function)[0]


def run_together(*functions, timeout: float = 60):
    """Start every function in its own thread at once; a list of results (or
    the exception each one raised), in the order given."""
    results: list = [None] * len(functions)
    start = threading.Barrier(len(functions))

    def run(index, function):
        try:
            start.wait(timeout)
            results[index] = function()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


class Meeting:
    """A point two threads both reach before either goes on, if they can: the
    one holding a lock waits ``patience`` seconds, then goes on alone."""

    def __init__(self, parties: int = 2, patience: float = 2.0):
        self.barrier = threading.Barrier(parties)
        self.patience = patience

    def wait(self):
        try:
            self.barrier.wait(self.patience)
        except threading.BrokenBarrierError:
            pass

    def around(self, function):
        def waiting(*args, **kwargs):
            self.wait()
            return function(*args, **kwargs)

        return waiting


def ensure_reference_data() -> None:
    """Put back the rows data migrations create (concern categories): a
    transactional test starts after another one flushed the database."""
    import importlib

    from django.apps import apps

    importlib.import_module("vangnet.intake.migrations.0002_concern_categories").add(apps, None)
