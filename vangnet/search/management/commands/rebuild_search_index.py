from django.core.management.base import BaseCommand

from vangnet.search.index import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index (words and keys of meldingen and persons) after a bulk import or a restore."

    def handle(self, *args: object, **options: object) -> None:
        n = rebuild_index()
        self.stdout.write(f"{n} zoekwoorden")
