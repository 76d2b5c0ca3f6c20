"""Demo data of the betrokkene's requests (vangnet.verzoeken, issue 16 part 5), to the GGD
and handled by its teamleider marieke: a correction request of meneer Martina nearly due
(in her worklist), an inzage request of meneer Benali overdue, and a granted restriction
of meneer Hoekstra (the banner on his person and casus pages). Built through the services;
the received days are counted back from the demo's now, so the terms stay as described."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from vangnet.intake.models import Melding
from vangnet.persons.models import Person
from vangnet.verzoeken import services

# (melding key, kind, days before now it came in, channel, what is asked, decided?)
REQUESTS = [
    (
        "c-martina",
        "correctie",
        26,
        "schriftelijk",
        "Mijn moeder staat als melder genoemd; dat was de buurvrouw.",
        False,
    ),
    ("c-benali", "inzage", 35, "e-mail", "Ik wil alles zien wat u over mij hebt vastgelegd.", False),
    ("c-hoekstra", "beperking", 12, "mondeling", "Deel niets met de woningcorporatie zolang mijn bezwaar loopt.", True),
]


def _person(world: Any, key: str) -> Person | None:
    melding = world.meldingen.get(key)
    if melding is None:
        return None
    return Melding.objects.select_related("person").get(pk=melding.pk).person


def build(world: Any, now: datetime | None = None) -> None:
    """Called once from builders.build_demo."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    teamleider = world.users.get("marieke")
    if teamleider is None:
        return
    for key, kind, days, channel, text, decided in REQUESTS:
        person = _person(world, key)
        if person is None:
            continue
        verzoek = services.register_request(
            person,
            kind=kind,
            received_on=today - timedelta(days=days),
            channel=channel,
            request_text=text,
            by=teamleider,
        )
        if decided:
            services.decide_request(
                verzoek,
                expected_version=verzoek.version,
                outcome="toegewezen",
                decided_on=today - timedelta(days=days - 2),
                answer="Beperking ingesteld: niets delen met de woningcorporatie tot het bezwaar is afgehandeld.",
                by=teamleider,
            )


def wipe(organisations: list) -> None:
    """Remove the demo's requests (their history goes with them): they protect the
    organisation and the teamleider."""
    from vangnet.verzoeken.models import Verzoek

    Verzoek.objects.filter(organisation__in=organisations).delete()
