from django.core.management.base import BaseCommand

from vangnet.accounts.services import ensure_beheer_group


class Command(BaseCommand):
    help = "Maakt de groep 'Functioneel beheer' aan of zet de rechten ervan terug naar de standaard."

    def handle(self, *args, **options):
        group = ensure_beheer_group()
        self.stdout.write(f"Groep '{group.name}' heeft {group.permissions.count()} rechten.")
