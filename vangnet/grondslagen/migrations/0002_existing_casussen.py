"""Existing casussen get their task and ground recorded: a casus of a Wvggz verkennend
onderzoek runs under the Wvggz task, every other under toeleiding; the ground is the
task's legal one ("wettelijke taak"). New casussen run under the same default
(services.current_basis) until someone changes it with a reason."""

from django.db import migrations


def record_defaults(apps, schema_editor):
    Casus = apps.get_model("cases", "Casus")
    Onderzoek = apps.get_model("wvggz", "Onderzoek")
    CasusGrondslag = apps.get_model("grondslagen", "CasusGrondslag")
    wvggz = set(Onderzoek.objects.filter(casus__isnull=False).values_list("casus_id", flat=True))
    CasusGrondslag.objects.bulk_create(
        [
            CasusGrondslag(
                casus_id=pk,
                task="wvggz" if pk in wvggz else "toeleiding",
                ground="wettelijk",
                changed_at=opened_at,
            )
            for pk, opened_at in Casus.objects.values_list("pk", "opened_at").iterator()
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("grondslagen", "0001_initial"),
        ("wvggz", "0003_decision_not_before_start"),
    ]

    operations = [migrations.RunPython(record_defaults, migrations.RunPython.noop)]
