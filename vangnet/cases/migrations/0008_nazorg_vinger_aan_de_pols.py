"""Issue 15, part 3: a casus in the nazorg phase is kept with a finger on the pulse,
so it starts at that intensity (every other casus at the default, wekelijks)."""

from django.db import migrations


def nazorg_to_vinger_aan_de_pols(apps, schema_editor):
    Casus = apps.get_model("cases", "Casus")
    Casus.objects.filter(phase="nazorg").update(intensity="vinger_aan_de_pols")


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_intensity")]

    operations = [migrations.RunPython(nazorg_to_vinger_aan_de_pols, migrations.RunPython.noop)]
