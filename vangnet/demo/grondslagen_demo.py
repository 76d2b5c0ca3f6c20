"""Demo data of task, ground and consent (vangnet.grondslagen, issue 16 parts 1-2):
the escalated casus runs under regie/coördinatie and meneer Benali's casus under
hulpverlening on his consent (each changed with a reason), the referrals on
"toestemming" have the consent recorded that they rest on, and meneer Martina
objected to sharing with the housing corporation ("corporatie"). Built through
the services; the other casussen keep their default (toeleiding, wettelijke taak;
a casus of a Wvggz onderzoek: wvggz)."""

from datetime import date
from typing import Any

from django.utils import timezone

from vangnet.cases.models import Casus
from vangnet.grondslagen import services
from vangnet.grondslagen.models import Toestemming
from vangnet.intake.models import Melding
from vangnet.procesregie.models import Escalation


def ensure_consent(casus: Casus, organisation: Any, *, given_on: date | None = None, how: str = "mondeling") -> None:
    """The consent a demo referral on "toestemming" rests on (recorded by the casusregisseur)."""
    if services.consent_for(casus.person, organisation, services.casus_task(casus)) is not None:
        return
    services.record_consent(
        casus.person,
        soort=Toestemming.Soort.TOESTEMMING,
        organisation=organisation,
        purpose="Gegevens delen voor de verwijzing",
        how=how,
        given_on=min(given_on or timezone.localdate(), timezone.localdate()),
        by=casus.casusregisseur,
    )


def _casus(world: Any, key: str) -> Casus | None:
    melding = world.meldingen.get(key)
    if melding is None:
        return None
    return Melding.objects.select_related("casus").get(pk=melding.pk).casus


def _change(casus: Casus | None, task: str, ground: str, reason: str) -> None:
    if casus is None or not casus.is_open:
        return
    current = services.current_basis(casus)
    if (current.task, current.ground) == (task, ground):
        return
    services.change_grondslag(
        casus, task=task, ground=ground, reason=reason, expected_version=current.version, by=casus.casusregisseur
    )


def build(world: Any, now: Any = None) -> None:
    """Called once from builders.build_demo, after the other features."""
    escalation = Escalation.objects.select_related("casus").order_by("pk").first()
    if escalation is not None:
        _change(
            escalation.casus,
            "regie",
            "wettelijk",
            "Vastgelopen casus, opgeschaald naar procesregie: de partners stemmen samen af.",
        )
    _change(
        _casus(world, "c-benali"),
        "hulpverlening",
        "toestemming",
        "Meneer heeft contact en wil hulp; hij gaf schriftelijk toestemming om met de Basis-GGZ te delen.",
    )
    martina = _casus(world, "c-martina")
    if martina is not None:
        services.record_consent(
            martina.person,
            soort=Toestemming.Soort.BEZWAAR,
            organisation=world.orgs["corporatie"],
            purpose="Wil niet dat de corporatie iets over zijn zorg hoort",
            how="mondeling",
            given_on=timezone.localdate(),
            by=martina.casusregisseur,
        )
