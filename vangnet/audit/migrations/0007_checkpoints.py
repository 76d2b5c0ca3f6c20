"""The access log's own term (issue 16 part 3): old rows may go, the chain stays
verifiable through a checkpoint (the seq, hash and timestamp of the last removed
row; see services.prune_access_log and chain.verify).

The database still refuses every other change:

- DELETE on the log is allowed only for a row with ``seq`` at or below the
  highest checkpoint AND a timestamp more than 5 years before the database clock.
  The 5 years are the legal floor (NEN 7513), hard-coded here: a longer term is
  the setting's business, a shorter one never passes. UPDATE (and TRUNCATE on
  PostgreSQL) stay refused.
- A checkpoint is inserted only when its seq, hash and timestamp are those of
  an existing log row and its seq is above every earlier checkpoint (SQLite:
  also no INSERT OR REPLACE over an existing id); checkpoints are never updated
  or deleted (nor truncated on PostgreSQL).
- PostgreSQL: the application role keeps no DELETE on the log. It removes rows
  only through ``audit_accesslog_prune(upto)``, a SECURITY DEFINER function
  owned by the migration owner, EXECUTE revoked from PUBLIC and granted to the
  application role by ``create_db_roles`` (db_roles.py). The function refuses
  a ``upto`` above the highest checkpoint; the row trigger checks each row anyway.

The statements after this migration are those of 0006 followed by these
(``vangnet.audit.triggers`` runs them for the test-only flush)."""

import importlib

from django.db import migrations, models

from vangnet.audit.db_roles import PRUNE_FUNCTION, REVOKE_CHECKPOINT_WRITES
from vangnet.audit.migration_ops import RefuseReverse

_0006 = importlib.import_module("vangnet.audit.migrations.0006_chain_constraints_and_triggers")

APPEND_ONLY = _0006.APPEND_ONLY
LEGAL_FLOOR_YEARS = 5  # NEN 7513; also the floor of VANGNET_TOEGANGSLOG_BEWAARTERMIJN_JAREN (checks.py)
DELETE_REFUSED = f"{APPEND_ONLY}: a row may only be removed up to a checkpoint and after {LEGAL_FLOOR_YEARS} years"
CHECKPOINT_MISMATCH = "audit_accesslogcheckpoint must name an existing access-log row (seq, hash, timestamp)"
CHECKPOINT_APPEND_ONLY = "audit_accesslogcheckpoint is append-only"

SQLITE_NEW = [
    # Replaces 0006's unconditional trigger of the same name.
    "DROP TRIGGER IF EXISTS audit_accesslog_no_delete;",
    f"""CREATE TRIGGER audit_accesslog_no_delete BEFORE DELETE ON audit_accesslog
       WHEN OLD.seq > (SELECT COALESCE(MAX(seq), 0) FROM audit_accesslogcheckpoint)
         OR COALESCE(julianday(OLD.timestamp) >= julianday('now', '-{LEGAL_FLOOR_YEARS} years'), 1)
       BEGIN SELECT RAISE(ABORT, '{DELETE_REFUSED}'); END;""",
    f"""CREATE TRIGGER audit_accesslogcheckpoint_matches_row BEFORE INSERT ON audit_accesslogcheckpoint
       WHEN NOT EXISTS (
              SELECT 1 FROM audit_accesslog l
              WHERE l.seq = NEW.seq AND l.hash = NEW.hash AND julianday(l.timestamp) = julianday(NEW.timestamp))
         OR NEW.seq <= (SELECT COALESCE(MAX(seq), 0) FROM audit_accesslogcheckpoint)
         OR EXISTS (SELECT 1 FROM audit_accesslogcheckpoint WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, '{CHECKPOINT_MISMATCH}'); END;""",
    f"""CREATE TRIGGER audit_accesslogcheckpoint_no_update BEFORE UPDATE ON audit_accesslogcheckpoint
       BEGIN SELECT RAISE(ABORT, '{CHECKPOINT_APPEND_ONLY}'); END;""",
    f"""CREATE TRIGGER audit_accesslogcheckpoint_no_delete BEFORE DELETE ON audit_accesslogcheckpoint
       BEGIN SELECT RAISE(ABORT, '{CHECKPOINT_APPEND_ONLY}'); END;""",
]
SQLITE_NEW_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_accesslogcheckpoint_matches_row;",
    "DROP TRIGGER IF EXISTS audit_accesslogcheckpoint_no_update;",
    "DROP TRIGGER IF EXISTS audit_accesslogcheckpoint_no_delete;",
]

POSTGRES_NEW = [
    # The same function as 0006 (its UPDATE OR DELETE and TRUNCATE triggers stay), now
    # letting through a row DELETE below the checkpoint and the legal floor.
    f"""CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' THEN
           IF OLD.seq <= (SELECT COALESCE(MAX(seq), 0) FROM audit_accesslogcheckpoint)
              AND OLD."timestamp" < clock_timestamp() - interval '{LEGAL_FLOOR_YEARS} years' THEN
             RETURN OLD;
           END IF;
           RAISE EXCEPTION '{DELETE_REFUSED}';
         END IF;
         RAISE EXCEPTION '{APPEND_ONLY}';
       END; $$ LANGUAGE plpgsql;""",
    f"""CREATE OR REPLACE FUNCTION audit_accesslogcheckpoint_matches_row() RETURNS trigger AS $$
       BEGIN
         IF NOT EXISTS (
              SELECT 1 FROM audit_accesslog l
              WHERE l.seq = NEW.seq AND l.hash = NEW.hash AND l."timestamp" = NEW."timestamp")
            OR NEW.seq <= (SELECT COALESCE(MAX(seq), 0) FROM audit_accesslogcheckpoint) THEN
           RAISE EXCEPTION '{CHECKPOINT_MISMATCH}';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql;""",
    f"""CREATE OR REPLACE FUNCTION audit_accesslogcheckpoint_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '{CHECKPOINT_APPEND_ONLY}'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_accesslogcheckpoint_matches_row BEFORE INSERT ON audit_accesslogcheckpoint
       FOR EACH ROW EXECUTE FUNCTION audit_accesslogcheckpoint_matches_row();""",
    """CREATE TRIGGER audit_accesslogcheckpoint_no_update_delete BEFORE UPDATE OR DELETE ON audit_accesslogcheckpoint
       FOR EACH ROW EXECUTE FUNCTION audit_accesslogcheckpoint_append_only();""",
    """CREATE TRIGGER audit_accesslogcheckpoint_no_truncate BEFORE TRUNCATE ON audit_accesslogcheckpoint
       FOR EACH STATEMENT EXECUTE FUNCTION audit_accesslogcheckpoint_append_only();""",
]
POSTGRES_NEW_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_accesslogcheckpoint_no_truncate ON audit_accesslogcheckpoint;",
    "DROP TRIGGER IF EXISTS audit_accesslogcheckpoint_no_update_delete ON audit_accesslogcheckpoint;",
    "DROP TRIGGER IF EXISTS audit_accesslogcheckpoint_matches_row ON audit_accesslogcheckpoint;",
    "DROP FUNCTION IF EXISTS audit_accesslogcheckpoint_append_only();",
    "DROP FUNCTION IF EXISTS audit_accesslogcheckpoint_matches_row();",
]

# The whole set after this migration, for vangnet.audit.triggers (lift and restore).
SQLITE = [*_0006.SQLITE, *SQLITE_NEW]
SQLITE_REVERSE = [*SQLITE_NEW_REVERSE, *_0006.SQLITE_REVERSE]
POSTGRES = [*_0006.POSTGRES, *POSTGRES_NEW]
POSTGRES_REVERSE = [*POSTGRES_NEW_REVERSE, *_0006.POSTGRES_REVERSE]


def _prune_function(schema: str) -> list[str]:
    """The one way the application removes rows on PostgreSQL (not a trigger: the flush keeps it)."""
    quoted = '"' + schema.replace('"', '""') + '"'
    return [
        f"""CREATE OR REPLACE FUNCTION audit_accesslog_prune(upto bigint) RETURNS bigint
           LANGUAGE plpgsql SECURITY DEFINER SET search_path = {quoted}, pg_temp AS $$
           DECLARE removed bigint;
           BEGIN
             IF upto IS NULL OR upto > (SELECT COALESCE(MAX(seq), 0) FROM audit_accesslogcheckpoint) THEN
               RAISE EXCEPTION '{DELETE_REFUSED}';
             END IF;
             DELETE FROM audit_accesslog WHERE seq <= upto;
             GET DIAGNOSTICS removed = ROW_COUNT;
             RETURN removed;
           END $$;""",
        f"REVOKE ALL ON FUNCTION {PRUNE_FUNCTION} FROM PUBLIC;",
    ]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_NEW:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        for sql in POSTGRES_NEW:
            schema_editor.execute(sql)
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
        for sql in _prune_function(schema):
            schema_editor.execute(sql)
        schema_editor.execute(REVOKE_CHECKPOINT_WRITES)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0006_chain_constraints_and_triggers"),
    ]

    operations = [
        RefuseReverse(),
        migrations.CreateModel(
            name="AccessLogCheckpoint",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="volgnummer")),
                ("hash", models.CharField(editable=False, max_length=64, verbose_name="hash")),
                ("timestamp", models.DateTimeField(editable=False, verbose_name="tijdstip van de rij")),
                ("made_at", models.DateTimeField(editable=False, verbose_name="gemaakt op")),
                ("rows_removed", models.PositiveBigIntegerField(editable=False, verbose_name="verwijderde rijen")),
            ],
            options={
                "verbose_name": "controlepunt van het toegangslog",
                "verbose_name_plural": "controlepunten van het toegangslog",
                "ordering": ["-seq"],
            },
        ),
        migrations.RunPython(create_triggers),
    ]
