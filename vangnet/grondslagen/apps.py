from django.apps import AppConfig


class GrondslagenConfig(AppConfig):
    name = "vangnet.grondslagen"
    label = "grondslagen"
    verbose_name = "Taken, grondslagen en toestemming"
