"""Demo data of the crisis card and crisis episodes (vangnet.crisis, issue 15 part 4):
a crisis card on a couple of casussen (one changed once, so its history shows) and
one crisis episode whose feedback came back a day later.

Built through the services, as the casusregisseur of each casus; the moments are
moved back afterwards (demo only), as leefgebieden_demo does."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from vangnet.cases.models import Casus
from vangnet.crisis import services
from vangnet.crisis.models import CrisisCard, CrisisCardVersion, CrisisEpisode
from vangnet.intake.models import Melding

CARDS: dict[str, list[dict[str, Any]]] = {
    "c-martina": [
        {
            "early_signs": "Slaapt niet meer, bonkt 's nachts op de muren; zegt dat de buren hem afluisteren.",
            "what_helps": "Rustig praten aan de deur, met Kees of Sanne; zijn moeder bellen.",
            "what_not": "Niet met meerdere mensen tegelijk binnenkomen.",
            "who_to_call": "Moeder: 06 12 34 56 78\nGGZ-crisisdienst Polderveen: 088 123 45 00",
            "agreed_with_person": False,
            "agreed_on": None,
            "copy_holders": "",
        },
        {
            "early_signs": "Slaapt niet meer, bonkt 's nachts op de muren; zegt dat de buren hem afluisteren. "
            "Stopt dan met zijn medicatie.",
            "what_helps": "Rustig praten aan de deur, met Kees of Sanne; zijn moeder bellen; "
            "een wandeling naar de haven.",
            "what_not": "Niet met meerdere mensen tegelijk binnenkomen; geen politie in uniform aan de deur.",
            "who_to_call": "1. Moeder: 06 12 34 56 78\n2. FACT-team Polderveen: 088 123 45 10\n"
            "3. GGZ-crisisdienst Polderveen: 088 123 45 00",
            "agreed_with_person": True,
            "agreed_on": 3,  # days ago
            "copy_holders": "Meneer zelf, zijn moeder, FACT-team Polderveen",
        },
    ],
    "c-benali": [
        {
            "early_signs": "Drinkt vanaf de ochtend, laat niemand binnen, trillende handen.",
            "what_helps": "Zijn broer in Utrecht bellen; de wijkverpleging langs laten gaan.",
            "what_not": "Niet over zijn drinken beginnen waar de buren bij zijn.",
            "who_to_call": "Broer (Utrecht): 06 98 76 54 32\nHuisarts Polderveen: 0321 45 67 89",
            "agreed_with_person": True,
            "agreed_on": 8,
            "copy_holders": "Meneer zelf, zijn broer",
        }
    ],
}


def _casus(world: Any, key: str) -> Casus | None:
    melding = world.meldingen.get(key)
    if melding is None:
        return None
    return Melding.objects.select_related("casus", "casus__person").get(pk=melding.pk).casus


def build(world: Any, now: datetime | None = None) -> None:
    """Called once from builders.build_demo, after leefgebieden_demo."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    for key, versions in CARDS.items():
        casus = _casus(world, key)
        if casus is None or not casus.is_open:
            continue
        card = None
        for n, values in enumerate(versions):
            agreed = values["agreed_on"]
            content = {**values, "agreed_on": today - timedelta(days=agreed) if agreed is not None else None}
            card = services.save_card(
                casus, expected_version=card.version if card else 0, values=content, by=casus.casusregisseur
            )
            # The first version a week before the last.
            saved = now - timedelta(days=7 * (len(versions) - 1 - n), hours=1)
            CrisisCardVersion.objects.filter(card=card, number=card.version).update(saved_at=saved)
            CrisisCard.objects.filter(pk=card.pk).update(updated_at=saved)
            if n == 0:
                CrisisCard.objects.filter(pk=card.pk).update(created_at=saved)
    martina = _casus(world, "c-martina")
    if martina is not None and martina.is_open:
        at = max(now - timedelta(days=12, hours=3), martina.opened_at + timedelta(hours=1))
        episode = services.record_episode(
            martina,
            kind="crisisdienst",
            at=at,
            what_happened="Moeder belde 's avonds: meneer stond op het balkon te schreeuwen en wilde niemand "
            "binnenlaten. Kees heeft de GGZ-crisisdienst Polderveen ingeschakeld; die is met de wijkagent langs "
            "geweest.",
            by=martina.casusregisseur,
        )
        services.add_feedback(
            episode,
            expected_version=episode.version,
            feedback="Crisisdienst belde de volgende ochtend: geen opname nodig, meneer neemt zijn medicatie weer "
            "onder toezicht van het FACT-team; afspraak met de psychiater binnen een week.",
            by=martina.casusregisseur,
        )
        CrisisEpisode.objects.filter(pk=episode.pk).update(
            recorded_at=at + timedelta(hours=1), feedback_at=at + timedelta(hours=14)
        )
