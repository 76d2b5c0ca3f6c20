from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from vangnet.accounts.services import confirmed_totp_devices, current_totp_code


class Command(BaseCommand):
    help = "Toont de huidige TOTP-code van een gebruiker (alleen in demo- of ontwikkelmodus)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not (getattr(settings, "VANGNET_DEMO", False) or settings.DEBUG):
            raise CommandError(
                "Dit commando werkt alleen in de demo- of ontwikkelomgeving "
                "(VANGNET_DEMO of DEBUG staat uit). In productie is het uitgeschakeld."
            )
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"Gebruiker '{username}' bestaat niet.") from exc
        device = confirmed_totp_devices(user).order_by("pk").first()
        if device is None:
            raise CommandError(f"Gebruiker '{username}' heeft geen bevestigde authenticator-app.")
        self.stdout.write(current_totp_code(device))
