"""Recompute Person.surname_key / given_key with the matcher's name rules.

The keys used to come from a simpler normaliser (no ei/ij folding, fewer
tussenvoegsel spellings); the exact lookups must use the same rules as the
matcher, so stored keys are rebuilt."""

from django.db import migrations


def recompute(apps, schema_editor):
    from vangnet.persons.matching.names import given_key, surname_key

    Person = apps.get_model("persons", "Person")
    batch = []
    for p in Person.objects.only("id", "surname", "tussenvoegsel", "given_names", "roepnaam").iterator(chunk_size=2000):
        p.surname_key = surname_key(p.surname, p.tussenvoegsel)[:200]
        p.given_key = given_key(p.roepnaam or p.given_names)[:100]
        batch.append(p)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["surname_key", "given_key"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["surname_key", "given_key"])


class Migration(migrations.Migration):
    dependencies = [("persons", "0003_registry_merge_split")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
