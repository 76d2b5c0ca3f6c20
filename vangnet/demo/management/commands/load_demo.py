"""``python manage.py load_demo``: fill an empty development database with the
fictional demo region (two gemeenten, a GGD meldpunt and bemoeizorgteam,
partners, ten users and ~50 meldingen) and print how to log in."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.db.models.deletion import ProtectedError

from vangnet.audit.models import AccessLog
from vangnet.demo import builders
from vangnet.demo import scenarios as S

URL = "http://127.0.0.1:8000"


def app_was_used() -> bool:
    """Access-log rows written by requests (they carry a path). The loader's own
    rows (triage decisions made by the services, without a request) do not count:
    they stay behind after a reset because the log is append-only."""
    return AccessLog.objects.exclude(path="").exists()


class Command(BaseCommand):
    help = "Laadt fictieve demogegevens (alleen met DEBUG of VANGNET_DEMO). / Loads fictional demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Verwijder de demogegevens en laad ze opnieuw (kan niet meer zodra het toegangslog regels bevat).",
        )
        parser.add_argument(
            "--zonder-achtergrond",
            action="store_true",
            dest="without_background",
            help="Alleen de verhalen, zonder de vijftien maanden achtergrond voor de monitor (sneller). "
            "/ Only the stories, without the monitor's fifteen months of background (faster).",
        )

    def handle(self, *args, reset=False, without_background=False, **options):
        if not (settings.DEBUG or getattr(settings, "VANGNET_DEMO", False)):
            raise CommandError(
                "Demogegevens worden alleen geladen met DEBUG=1 of VANGNET_DEMO=1, nooit in productie. "
                "/ Demo data is only loaded with DEBUG=1 or VANGNET_DEMO=1, never in production."
            )
        if builders.demo_present():
            if not reset:
                self.stdout.write("Demogegevens staan er al; er is niets toegevoegd. / Demo data already present.")
                self.print_logins()
                return
            if app_was_used():
                raise CommandError(
                    "De applicatie is al gebruikt: het toegangslog bevat regels van gebruikers en is "
                    "alleen-toevoegen (databasetriggers), dus --reset kan niet. Stop de server, verwijder "
                    "db.sqlite3 en start 'make demo' opnieuw. / The append-only access log has entries from "
                    "real use: delete db.sqlite3 and run 'make demo' again."
                )
            try:
                builders.wipe_demo()
            except (ProtectedError, IntegrityError) as exc:
                raise CommandError(
                    "De demogegevens konden niet worden verwijderd omdat andere gegevens ernaar verwijzen. "
                    "Verwijder db.sqlite3 en start 'make demo' opnieuw. / Could not wipe: delete db.sqlite3."
                ) from exc
            self.stdout.write("Oude demogegevens verwijderd. / Old demo data removed.")
        started = time.monotonic()
        builders.build_demo(background=not without_background)
        self.stdout.write(
            self.style.SUCCESS(f"Demogegevens geladen in {time.monotonic() - started:.1f} s. / Demo data loaded.")
        )
        self.print_logins()

    def print_logins(self):
        rows = builders.demo_logins()
        headers = ("Gebruiker / user", "Rol", "Role", "Organisatie / organisation")
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
        line = "+".join("-" * (w + 2) for w in widths)
        out = self.stdout.write
        out("")
        out(f"Vangnet demo: {URL}")
        out("")
        out(line)
        out("|".join(f" {h:<{w}} " for h, w in zip(headers, widths, strict=True)))
        out(line)
        for row in rows:
            out("|".join(f" {c:<{w}} " for c, w in zip(row, widths, strict=True)))
        out(line)
        out("")
        out(f"Wachtwoord (alle gebruikers) / password (all users): {S.DEMO_PASSWORD}")
        out(f"TOTP-geheim (alle gebruikers) / TOTP secret (all users): {S.DEMO_TOTP_SECRET}")
        out("  Zet het geheim in een authenticator-app, of vraag de code op met / or get the current code with:")
        out("    DEBUG=1 .venv/bin/python manage.py totp_code <gebruiker>")
        out("")
