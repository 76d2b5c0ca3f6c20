"""The hash chain, step 1: the chain columns (nullable until 0005 filled them),
the chain-head table, and the timestamp no longer set by Python.

The append-only triggers are lifted here and put back (extended) in 0006:
0005 has to write the chain fields into the existing rows, and on SQLite the
column changes rebuild the table, which drops its triggers anyway."""

import importlib

from django.db import migrations, models

from vangnet.audit.migration_ops import RefuseReverse

_0002 = importlib.import_module("vangnet.audit.migrations.0002_append_only_triggers")


def lift_triggers(apps, schema_editor):
    for sql in {"sqlite": _0002.SQLITE_REVERSE, "postgresql": _0002.POSTGRES_REVERSE}.get(
        schema_editor.connection.vendor, []
    ):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_refused_action")]

    operations = [
        RefuseReverse(),
        migrations.RunPython(lift_triggers),
        migrations.AlterField(
            model_name="accesslog",
            name="timestamp",
            field=models.DateTimeField(db_index=True, editable=False, verbose_name="tijdstip"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="volgnummer"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="prev_hash",
            field=models.CharField(editable=False, max_length=64, null=True, verbose_name="vorige hash"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="hash",
            field=models.CharField(editable=False, max_length=64, null=True, verbose_name="hash"),
        ),
        migrations.CreateModel(
            name="AccessLogChainHead",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("seq", models.PositiveBigIntegerField(default=0, verbose_name="volgnummer")),
                ("hash", models.CharField(max_length=64, verbose_name="hash")),
            ],
            options={
                "verbose_name": "kop van de toegangslogketen",
                "verbose_name_plural": "kop van de toegangslogketen",
            },
        ),
    ]
