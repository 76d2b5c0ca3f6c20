"""The access log at scale (issue 17): indexes for its real queries instead of one per column.

Gone: the single-column indexes on timestamp, person_id, casus_id, melding_id and
break_glass (on PostgreSQL the three text ones also had ``_like`` twins for LIKE
queries the application never makes): 9 index updates per row became 4 to 6, of
which the partial ones are small.

New (see AccessLog.Meta.indexes for the query each serves): subject + (timestamp,
id) for person, casus and melding (the last two partial: most rows name no casus or
melding), the break-glass reads of a grant (partial) and a user's refusals
(partial). PostgreSQL also gets a BRIN index on timestamp (ad-hoc date ranges;
rows are appended in time order, so a few kB cover the table).

Only indexes change: the table, the append-only triggers of 0006/0007, the prune
function and the hash chain stay as they are. The old indexes are dropped by name
as the database reports them (a field's ``db_index`` is removed in the state only),
so SQLite does not rebuild the table, which would drop its triggers."""

from django.db import migrations, models

from vangnet.audit.migration_ops import RefuseReverse

TABLE = "audit_accesslog"
UNINDEXED = ("timestamp", "person_id", "casus_id", "melding_id", "break_glass")
BRIN = "audit_log_time_brin"


def drop_column_indexes(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    for name, info in sorted(constraints.items()):
        if (
            info.get("index")
            and not info.get("unique")
            and not info.get("primary_key")
            and len(info.get("columns") or []) == 1
            and info["columns"][0] in UNINDEXED
        ):
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def brin_on_timestamp(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {BRIN} ON {TABLE} USING brin ("timestamp")')


def field_without_index(name, field):
    return migrations.AlterField(model_name="accesslog", name=name, field=field)


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_checkpoints")]

    operations = [
        RefuseReverse(),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_column_indexes)],
            state_operations=[
                field_without_index("break_glass", models.BooleanField(default=False, verbose_name="noodtoegang")),
                field_without_index("casus_id", models.CharField(blank=True, max_length=64, verbose_name="casus-id")),
                field_without_index(
                    "melding_id", models.CharField(blank=True, max_length=64, verbose_name="melding-id")
                ),
                field_without_index(
                    "person_id", models.CharField(blank=True, max_length=64, verbose_name="persoon-id")
                ),
                field_without_index("timestamp", models.DateTimeField(editable=False, verbose_name="tijdstip")),
            ],
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(fields=["person_id", "timestamp", "id"], name="audit_log_person_time"),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(
                condition=~models.Q(casus_id=""), fields=["casus_id", "timestamp", "id"], name="audit_log_casus_time"
            ),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(
                condition=~models.Q(melding_id=""),
                fields=["melding_id", "timestamp", "id"],
                name="audit_log_melding_time",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(
                condition=models.Q(break_glass=True),
                fields=["person_id", "user_id", "timestamp"],
                name="audit_log_break_glass",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(condition=models.Q(action="G"), fields=["user_id", "id"], name="audit_log_refusals"),
        ),
        migrations.RunPython(brin_on_timestamp),
    ]
