"""Database-level guard: the access log refuses UPDATE and DELETE, also for SQL
that bypasses the ORM. Works on SQLite and PostgreSQL."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslog
       BEGIN SELECT RAISE(ABORT, 'audit_accesslog is append-only'); END;""",
    """CREATE TRIGGER audit_accesslog_no_delete BEFORE DELETE ON audit_accesslog
       BEGIN SELECT RAISE(ABORT, 'audit_accesslog is append-only'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_accesslog_no_update;",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_delete;",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit_accesslog is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_accesslog_no_update_delete BEFORE UPDATE OR DELETE ON audit_accesslog
       FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only();""",
    """CREATE TRIGGER audit_accesslog_no_truncate BEFORE TRUNCATE ON audit_accesslog
       FOR EACH STATEMENT EXECUTE FUNCTION audit_accesslog_append_only();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_accesslog_no_truncate ON audit_accesslog;",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_update_delete ON audit_accesslog;",
    "DROP FUNCTION IF EXISTS audit_accesslog_append_only();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
