"""Demo data of the intensity and the contact-lapse board (issue 15, part 3): a few
casussen at another intensity than the default (wekelijks), one of them opgeschaald
with a reason after the person withdrew, so the contactbord shows casussen at
different rhythms and lapses, and the timeline shows the step.

Built through the service; the moment of a change is moved back afterwards (demo
only), as the other demo modules do."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from vangnet.cases import services
from vangnet.cases.models import Casus, IntensityChange
from vangnet.intake.models import Melding

# casus key -> [(days ago, to intensity, reason)], oldest first
CHANGES = {
    "c-martina": [
        (20, "meermaals_per_week", "FACT: stopt met medicatie, hoort stemmen; we gaan er vaker langs."),
        (
            6,
            "dagelijks",
            "Opgeschaald: niet meer thuis aangetroffen, moeder ongerust, buren horen hem 's nachts schreeuwen.",
        ),
    ],
    "c-benali": [(30, "meermaals_per_week", "Wond aan het been; wijkverpleging en wij om de dag.")],
    "c-hoekstra": [(15, "maandelijks", "Opruimplan loopt, woonbegeleider komt wekelijks; wij maandelijks.")],
    "c-bos": [(40, "vinger_aan_de_pols", "Woont stabiel bij beschermd wonen; we houden een vinger aan de pols.")],
}


def _casus(world: Any, key: str) -> Casus | None:
    melding = world.meldingen.get(key)
    if melding is None:
        return None
    return Melding.objects.select_related("casus").get(pk=melding.pk).casus


def build(world: Any, now: datetime | None = None) -> None:
    """Called once from builders.build_demo, after the stories are built."""
    now = now or timezone.now()
    for key, steps in CHANGES.items():
        casus = _casus(world, key)
        if casus is None or not casus.is_open:
            continue
        for days_ago, to_intensity, reason in steps:
            if to_intensity == casus.intensity:
                continue
            change = services.change_intensity(
                casus, to_intensity, reason=reason, by=casus.casusregisseur, expected_version=casus.version
            )
            at = max(now - timedelta(days=days_ago), casus.opened_at)
            IntensityChange.objects.filter(pk=change.pk).update(changed_at=at)
