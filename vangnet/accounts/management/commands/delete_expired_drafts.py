from django.core.management.base import BaseCommand

from vangnet.accounts import drafts


class Command(BaseCommand):
    help = (
        "Verwijder bewaarde formulieren (na een verlopen sessie) die ouder zijn dan een dag. "
        "Draai dit dagelijks, samen met clearsessions."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = drafts.delete_expired_drafts()
        self.stdout.write(f"{count} verlopen bewaarde formulieren verwijderd.")
