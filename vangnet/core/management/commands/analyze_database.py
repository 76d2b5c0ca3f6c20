"""Refresh the query planner's statistics (run nightly, and after a large import or a migration
that adds an index). PostgreSQL's autovacuum does this by itself, but SQLite never does: without
statistics for a new index it keeps a plan that reads every visible row to sort them (the
meldingen list at 80,000 rows: 50 ms for the ids of one page instead of 6 ms)."""

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "ANALYZE: fresh planner statistics for every table (SQLite and PostgreSQL)."

    def handle(self, *args: object, **options: object) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"ANALYZE klaar ({connection.vendor}).")
