from django.db import migrations

# The concern categories named in the seeds (DOMAIN.md, process step 1).
CATEGORIES = [
    ("psychisch", "Psychische problemen"),
    ("verslaving", "Verslaving"),
    ("verwaarlozing-zelf", "Zelfverwaarlozing"),
    ("verwaarlozing-woning", "Verwaarlozing woning"),
    ("vervuiling-hoarding", "Vervuiling / verzamelwoede (hoarding)"),
    ("overlast", "Overlast"),
    ("sociaal-isolement", "Sociaal isolement"),
    ("schulden", "Schulden / financiële problemen"),
    ("huisuitzetting", "Dreigende huisuitzetting"),
    ("dementie", "Dementie / geheugenproblemen"),
    ("lvb", "Licht verstandelijke beperking"),
    ("agressie-gevaar", "Agressie / gevaar"),
    ("dakloosheid", "Dakloosheid"),
    ("lichamelijk", "Lichamelijke gezondheid"),
    ("anders", "Anders"),
]


def add(apps, schema_editor):
    ConcernCategory = apps.get_model("intake", "ConcernCategory")
    for order, (code, label) in enumerate(CATEGORIES):
        ConcernCategory.objects.get_or_create(code=code, defaults={"label": label, "order": order})


def remove(apps, schema_editor):
    apps.get_model("intake", "ConcernCategory").objects.filter(code__in=[c for c, _ in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
