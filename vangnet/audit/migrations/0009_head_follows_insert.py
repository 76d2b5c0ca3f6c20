"""The chain head follows each appended row in the database (issue 17): an AFTER INSERT
trigger sets the head to the new row's seq and hash, so chain.append no longer sends the
head UPDATE after its INSERT: one statement less on every page that logs.

The head can only move forward (``seq < NEW.seq``): the rows of one INSERT may reach the
trigger in any order, and the head ends at the highest. append still locks the head first
(its claim), so concurrent appends stay in line. The append-only triggers of 0006/0007
are not touched (the test-only flush lifts those; this one fires on INSERT only)."""

from django.db import migrations

from vangnet.audit.chain import HEAD_ID
from vangnet.audit.migration_ops import RefuseReverse

SQLITE = [
    f"""CREATE TRIGGER audit_accesslog_head_follows AFTER INSERT ON audit_accesslog
       BEGIN
         UPDATE audit_accesslogchainhead SET seq = NEW.seq, hash = NEW.hash
         WHERE id = {HEAD_ID} AND seq < NEW.seq;
       END;""",
]
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION audit_accesslog_head_follows() RETURNS trigger AS $$
       BEGIN
         UPDATE audit_accesslogchainhead SET seq = NEW.seq, hash = NEW.hash
         WHERE id = {HEAD_ID} AND seq < NEW.seq;
         RETURN NULL;
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_accesslog_head_follows AFTER INSERT ON audit_accesslog
       FOR EACH ROW EXECUTE FUNCTION audit_accesslog_head_follows();""",
]
def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0008_accesslog_query_indexes")]

    operations = [
        RefuseReverse(),  # as every chain migration: the log is not migrated back
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRES})),
    ]
