"""Demo data of the naasten (vangnet.naasten, issue 15 part 5): on the casus of
meneer Martina his mother (who may hear about appointments and progress, with a
contact logged) and the bovenbuurvrouw who made the second melding (a melder:
marked, never shown at inzage). Built through the services."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from vangnet.cases.models import Casus
from vangnet.intake.models import Melding
from vangnet.naasten import services


def _casus(world: Any, key: str) -> Casus | None:
    melding = world.meldingen.get(key)
    if melding is None:
        return None
    return Melding.objects.select_related("casus").get(pk=melding.pk).casus


def build(world: Any, now: datetime | None = None) -> None:
    """Called once from builders.build_demo."""
    now = now or timezone.now()
    casus = _casus(world, "c-martina")
    if casus is None or not casus.is_open:
        return
    by = casus.casusregisseur
    mother = services.add_naaste(
        casus,
        name="Mevrouw Martina (moeder)",
        relation="familie",
        reach="06-41234567, woont in Rivierstad",
        consent="afspraken",
        consent_on=timezone.localdate(now) - timedelta(days=20),
        by=by,
    )
    services.add_naaste(
        casus,
        name="Mevrouw Doornbos",
        relation="buren",
        reach="Bovenbuurvrouw, zelfde portiek",
        consent="niets",
        is_melder=True,
        by=by,
    )
    services.log_naaste_contact(
        casus,
        naaste=mother,
        at=max(now - timedelta(days=6, hours=3), casus.opened_at),
        way="telefoon",
        note="Moeder is opgelucht dat het FACT-team langskomt; ze belt als hij weer niet opendoet.",
        by=by,
    )
