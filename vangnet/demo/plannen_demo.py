"""Demo data of the plan van aanpak (vangnet.plannen, issue 15 part 2): on a few
casussen goals in the person's own words with actions for the worker and for a
partner organisation (housing corporation, FACT, police), one of them overdue (on
the worker's worklist) and one done. Built through the services."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from vangnet.cases.models import Casus
from vangnet.intake.models import Melding
from vangnet.plannen import services

# casus key -> [(goal, own words, [(action, owner: "regisseur" or an org key, days from today, done)])]
PLANS = {
    "c-benali": [
        (
            "Ik wil weer naar mijn broer kunnen.",
            True,
            [
                ("Samen de treinreis naar Utrecht plannen", "regisseur", 14, False),
                ("Aanmelding verslavingszorg afronden", "regisseur", -3, False),  # overdue
            ],
        ),
        (
            "Grip op de post en de schulden",
            False,
            [("Post samen openen en sorteren", "regisseur", -1, True)],
        ),
    ],
    "c-hoekstra": [
        (
            "Ik wil in mijn huis blijven wonen.",
            True,
            [
                ("Opruimplan bespreken met de woonbegeleider", "regisseur", 7, False),
                ("Ontruimingsprocedure aanhouden zolang het opruimplan loopt", "corporatie", 10, False),
            ],
        ),
    ],
    "c-martina": [
        (
            "Rust in mijn hoofd en geen ruzie met de buren.",
            True,
            [
                ("Medicatie-inname twee weken volgen", "fact", 5, False),
                ("Wijkagent loopt langs bij de buren", "politie", -2, False),  # overdue for the police
            ],
        ),
    ],
}


def _casus(world: Any, key: str) -> Casus | None:
    melding = world.meldingen.get(key)
    if melding is None:
        return None
    return Melding.objects.select_related("casus").get(pk=melding.pk).casus


def build(world: Any, now: datetime | None = None) -> None:
    """Called once from builders.build_demo, after leefgebieden_demo."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    for key, goals in PLANS.items():
        casus = _casus(world, key)
        if casus is None or not casus.is_open:
            continue
        worker = casus.casusregisseur
        start = timezone.localdate(casus.opened_at)
        for text, own_words, actions in goals:
            goal = services.set_goal(casus, text=text, own_words=own_words, by=worker)
            for description, owner, days, done in actions:
                action = services.add_action(
                    goal,
                    description=description,
                    owner_user=worker if owner == "regisseur" else None,
                    owner_organisation=None if owner == "regisseur" else world.orgs[owner],
                    due_date=max(today + timedelta(days=days), start),
                    by=worker,
                )
                if done:
                    services.complete_action(action, expected_version=action.version, by=worker)
