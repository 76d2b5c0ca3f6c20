"""The hash chain, step 3: the chain columns become required (seq unique) and
the append-only triggers return, extended:

- UPDATE, DELETE (and TRUNCATE on PostgreSQL) stay refused. The UPDATE trigger
  also refuses PostgreSQL's INSERT ... ON CONFLICT DO UPDATE.
- SQLite: INSERT OR REPLACE over an existing id or seq would delete the old
  row without firing the delete trigger; a BEFORE INSERT trigger refuses it.
- Both: a BEFORE INSERT trigger refuses a timestamp more than 60 seconds from
  the database clock (chain.append takes it from that clock in the same
  transaction, so a correct writer is milliseconds off).

On PostgreSQL no role but the table owner keeps UPDATE/DELETE/TRUNCATE on
the log (see vangnet/audit/db_roles.py)."""

from django.db import migrations, models

from vangnet.audit.db_roles import REVOKE_LOG_WRITES
from vangnet.audit.migration_ops import RefuseReverse

APPEND_ONLY = "audit_accesslog is append-only"
DB_CLOCK = "audit_accesslog timestamp must come from the database clock"

SQLITE = [
    f"""CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslog
       BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;""",
    f"""CREATE TRIGGER audit_accesslog_no_delete BEFORE DELETE ON audit_accesslog
       BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;""",
    f"""CREATE TRIGGER audit_accesslog_no_overwrite BEFORE INSERT ON audit_accesslog
       WHEN EXISTS (SELECT 1 FROM audit_accesslog WHERE id = NEW.id OR seq = NEW.seq)
       BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END;""",
    f"""CREATE TRIGGER audit_accesslog_db_clock BEFORE INSERT ON audit_accesslog
       WHEN COALESCE(ABS(julianday(NEW.timestamp) - julianday('now')) * 86400.0, 1e9) > 60
       BEGIN SELECT RAISE(ABORT, '{DB_CLOCK}'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_accesslog_no_update;",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_delete;",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_overwrite;",
    "DROP TRIGGER IF EXISTS audit_accesslog_db_clock;",
]
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_accesslog_no_update_delete BEFORE UPDATE OR DELETE ON audit_accesslog
       FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only();""",
    """CREATE TRIGGER audit_accesslog_no_truncate BEFORE TRUNCATE ON audit_accesslog
       FOR EACH STATEMENT EXECUTE FUNCTION audit_accesslog_append_only();""",
    f"""CREATE OR REPLACE FUNCTION audit_accesslog_db_clock() RETURNS trigger AS $$
       BEGIN
         IF NEW."timestamp" IS NULL
            OR abs(extract(epoch FROM NEW."timestamp" - clock_timestamp())) > 60 THEN
           RAISE EXCEPTION '{DB_CLOCK}';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_accesslog_db_clock BEFORE INSERT ON audit_accesslog
       FOR EACH ROW EXECUTE FUNCTION audit_accesslog_db_clock();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_accesslog_db_clock ON audit_accesslog;",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_truncate ON audit_accesslog;",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_update_delete ON audit_accesslog;",
    "DROP FUNCTION IF EXISTS audit_accesslog_db_clock();",
    "DROP FUNCTION IF EXISTS audit_accesslog_append_only();",
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, []):
        schema_editor.execute(sql)
    if vendor == "postgresql":
        schema_editor.execute(REVOKE_LOG_WRITES)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_chain_existing_rows")]

    operations = [
        RefuseReverse(),
        migrations.AlterField(
            model_name="accesslog",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="volgnummer"),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="prev_hash",
            field=models.CharField(editable=False, max_length=64, verbose_name="vorige hash"),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="hash",
            field=models.CharField(editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.RunPython(create_triggers),
    ]
