"""Demo data of the life-domain picture (vangnet.leefgebieden, issue 15): a few
casussen with two or three pictures over time (so the trend shows), and one
referral that shares the latest picture with the FACT partner (noor).

Built through the services; the moment a picture was recorded is moved back to
its day afterwards (demo only), as network_demo does with its referrals."""

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from vangnet.cases.models import Casus
from vangnet.intake.models import Melding
from vangnet.leefgebieden import services
from vangnet.leefgebieden.models import Assessment
from vangnet.network import services as network
from vangnet.network.models import Service

from .grondslagen_demo import ensure_consent

# casus key -> [(days ago, note, {domain: (score, text)})], oldest first
PICTURES = {
    "c-benali": [
        (
            75,
            "Eerste beeld na het gesprek binnen; veel nog onbekend.",
            {
                "verslaving": (1, "Drinkt vanaf de ochtend; 'anders trillen mijn handen'."),
                "lichamelijk": (1, "Open wond aan het been, wil geen huisarts."),
                "netwerk": (2, "Alleen contact met de buurman."),
                "wonen": (3, "Huurwoning, rommelig maar veilig."),
            },
        ),
        (
            45,
            "",
            {
                "verslaving": (2, "Drinkt minder sinds de wijkverpleging komt."),
                "lichamelijk": (2, "Wijkverpleging verzorgt de wond."),
                "netwerk": (2, "Praat over zijn broer in Utrecht."),
                "wonen": (3, ""),
                "financien": (2, "Post ongeopend; mogelijk schulden."),
            },
        ),
        (
            10,
            "Besproken met meneer. In zijn woorden: 'ik wil weer naar mijn broer kunnen'.",
            {
                "verslaving": (2, "Wil praten over minderen; verslavingszorg heeft hem geaccepteerd."),
                "lichamelijk": (4, "Wond genezen."),
                "netwerk": (3, "Belt zijn broer wekelijks."),
                "wonen": (3, ""),
                "financien": (2, "Aanmelding schuldhulp besproken."),
                "psychisch": (3, "Somber, geen tekenen van psychose."),
                "dagbesteding": (2, "Zit de hele dag thuis."),
            },
        ),
    ],
    "c-hoekstra": [
        (
            40,
            "",
            {
                "wonen": (1, "Woning vol spullen; looppaden geblokkeerd, brandgevaar."),
                "veiligheid": (2, "Corporatie dreigt met ontruiming."),
                "vaardigheden": (2, "Kan niet beginnen met opruimen."),
            },
        ),
        (
            12,
            "",
            {
                "wonen": (3, "Looppaden vrij, woonbegeleider komt wekelijks."),
                "veiligheid": (3, "Ontruiming van tafel na het opruimplan."),
                "vaardigheden": (3, ""),
            },
        ),
    ],
    "c-martina": [
        (
            30,
            "",
            {
                "psychisch": (1, "Gestopt met medicatie; hoort stemmen."),
                "huiselijk": (2, "Ruzie met de buren, moeder ongerust."),
                "dagbesteding": (2, ""),
            },
        ),
        (
            5,
            "",
            {
                "psychisch": (3, "FACT-team bezoekt hem; neemt medicatie weer."),
                "huiselijk": (3, "Rustiger in de buurt."),
                "dagbesteding": (2, ""),
            },
        ),
    ],
}


def _casus(world: Any, key: str) -> Casus | None:
    melding = world.meldingen.get(key)
    if melding is None:
        return None
    return Melding.objects.select_related("casus").get(pk=melding.pk).casus


def build(world: Any, now: datetime | None = None) -> None:
    """Called once from builders.build_demo, after network_demo (the referral below is new)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    for key, pictures in PICTURES.items():
        casus = _casus(world, key)
        if casus is None or not casus.is_open:
            continue
        for days_ago, note, scores in pictures:
            day = max(today - timedelta(days=days_ago), timezone.localdate(casus.opened_at))
            picture = services.record_picture(casus, assessed_on=day, scores=scores, note=note, by=casus.casusregisseur)
            recorded = timezone.make_aware(datetime.combine(day, time(16, 30)))
            Assessment.objects.filter(pk=picture.pk).update(created_at=min(recorded, now))
    benali = _casus(world, "c-benali")
    basis_ggz = Service.objects.filter(name="Basis-GGZ Polderveen").first()
    if benali is not None and benali.is_open and basis_ggz is not None:
        # Noor (FACT) sees the latest picture on this referral in her inbox.
        ensure_consent(benali, basis_ggz.organisation, how="schriftelijk")
        network.propose_referral(
            benali,
            basis_ggz,
            by=benali.casusregisseur,
            shared_parts=["personalia", "situatie", "leefgebieden"],
            legal_ground="toestemming",
            legal_ground_text="Toestemming van meneer om zijn leefgebiedenbeeld te delen, huisbezoek",
            situation="Man, 52, drinkt minder; somber, zit de hele dag thuis.",
        )
