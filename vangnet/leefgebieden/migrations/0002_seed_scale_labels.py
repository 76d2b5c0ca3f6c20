"""The five levels of the scale, with labels in the style of the Zelfredzaamheid-Matrix
(ZRM): 1 is the most severe, 5 volledig zelfredzaam. Functioneel beheer may change the
labels afterwards (the admin); a later migrate does not overwrite them."""

from django.db import migrations

LEVELS = [
    (1, "Acute problematiek", "De situatie is acuut of onveilig: direct ingrijpen is nodig."),
    (2, "Niet zelfredzaam", "Zonder hulp verslechtert de situatie; hulp is nodig."),
    (3, "Beperkt zelfredzaam", "Redt zich met moeite; hulp is nodig om de situatie stabiel te houden."),
    (4, "Voldoende zelfredzaam", "Redt zich, eventueel met hulp uit het eigen netwerk."),
    (5, "Volledig zelfredzaam", "Redt zich zonder hulp."),
]


def seed(apps, schema_editor):
    ScaleLabel = apps.get_model("leefgebieden", "ScaleLabel")
    for score, label, description in LEVELS:
        ScaleLabel.objects.get_or_create(score=score, defaults={"label": label, "description": description})


class Migration(migrations.Migration):
    dependencies = [("leefgebieden", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
