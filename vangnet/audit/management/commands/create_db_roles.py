from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from vangnet.audit.db_roles import role_statements


class Command(BaseCommand):
    help = (
        "PostgreSQL: maak (idempotent) een eigenaarsrol die migreert en een applicatierol die op het "
        "toegangslog alleen SELECT en INSERT mag. Drukt de SQL af; --execute voert hem uit "
        "(als superuser, op de database van DATABASE_URL). Opnieuw draaien na elke migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--owner", default="vangnet_owner", help="Naam van de eigenaarsrol (migraties).")
        parser.add_argument("--app", default="vangnet_app", help="Naam van de applicatierol (webserver, worker).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Django-databasealias.")
        parser.add_argument("--execute", action="store_true", help="Voer de SQL uit in plaats van hem af te drukken.")

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            raise CommandError("Rollen bestaan alleen op PostgreSQL; deze database is " + connection.vendor + ".")
        try:
            statements = role_statements(connection.settings_dict["NAME"], options["owner"], options["app"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not options["execute"]:
            self.stdout.write("\n".join(statements))
            return
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        self.stdout.write(
            f"Rollen {options['owner']} (eigenaar) en {options['app']} (applicatie) staan klaar. "
            "Zet een wachtwoord met ALTER ROLE ... PASSWORD of gebruik certificaten."
        )
