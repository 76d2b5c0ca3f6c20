"""Demo data of retention (vangnet.bewaren, issue 16 part 3): three meldingen without
follow-up triaged two and a half to three years ago (past the two-year term), one of them
under a hold placed by the privacy officer (ingrid), and today's dry-run report listing
them, not yet released: ingrid can release it on the Bewaarrapport page."""

import random
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from vangnet.bewaren import services

from . import builders

SEED = 1616
# The description of these meldingen: the demo's other checks (the stories' and the monitor's
# time span) leave them out by it.
DESCRIPTION = "Buren maken zich zorgen om het geluid 's nachts."
OLD = [
    ("bw-1", 3 * 365, "geen_actie", "Burenruzie over geluid; geen zorgen over de persoon zelf.", "Petronella", "Kok"),
    ("bw-2", 2 * 365 + 200, "advies", "Melder geadviseerd de huisarts te bellen.", "Gerrit", "Bosman"),
    ("bw-3", 2 * 365 + 120, "doorverwijzen", "Doorverwezen naar het wijkteam.", "Anouk", "Dekker"),
]


def build(world: Any, now: datetime | None = None) -> None:
    """Called once from builders.build_demo."""
    now = now or timezone.now()
    rng = random.Random(SEED)
    meldingen = []
    for key, days_ago, outcome, reason, given, surname in OLD:
        at = now - timedelta(days=days_ago)
        spec = {"given": given, "surname": surname, "sex": "V", "age": 58, "dob": True, "city": "Rivierstad"}
        world.identities[key] = builders.make_identity(spec, rng, timezone.localdate(now))
        scen = {
            "key": key,
            "by": "fatima",
            "channel": "telefoon",
            "melder": {"type": "buurtbewoner", "relation": "buurvrouw", "anonymous": True},
            "categories": ["overlast"],
            "description": DESCRIPTION,
            "triage": {"outcome": outcome, "by": "fatima", "reason": reason, "referred_to": "Wijkteam Rivierstad"},
        }
        melding = builders._register(world, scen, at)
        builders._triage(world, scen, at + timedelta(hours=2))
        meldingen.append(melding)
    meldingen[0].refresh_from_db()
    services.place_hold(
        meldingen[0].person,
        reason="Klacht van betrokkene bij de klachtencommissie GGD loopt (dossier nodig).",
        by=world.users["ingrid"],
    )
    services.write_report(now)


def wipe() -> None:
    """The reports the demo made (holds go with their records); a report with a run stays."""
    from vangnet.bewaren.models import RetentionReport

    RetentionReport.objects.filter(runs__isnull=True).delete()
