"""Crisis objects for tests/browser/test_accessibility.py, made on first use from that
test's scenario (the casus of bram/dewi and the wijkagent partner)."""

from datetime import timedelta

from django.utils import timezone

from tests.network.factories import ServiceFactory, propose
from vangnet.crisis import services


def crisis_objects(s, p):
    if "crisis" in s:
        return s["crisis"]
    casus = s["casus"]
    values = {
        "early_signs": "Slaapt niet, praat over stemmen",
        "what_helps": "Rustig praten, zus bellen",
        "what_not": "Geen politie in uniform aan de deur",
        "who_to_call": "Zus Anja 06 11 22 33 44",
    }
    card = services.save_card(casus, expected_version=0, values=values, by=p["regisseur"])
    card = services.save_card(
        casus,
        expected_version=card.version,
        values={**values, "agreed_with_person": True, "agreed_on": timezone.localdate(), "copy_holders": "Zus"},
        by=p["regisseur"],
    )
    episode = services.record_episode(
        casus,
        kind="acute_opname",
        at=max(timezone.now() - timedelta(hours=2), casus.opened_at),
        what_happened="Opgenomen op de PAAZ na een nacht op straat",
        by=p["regisseur"],
    )
    service = ServiceFactory(organisation=p["partner"].organisation, name="Crisisoverleg", type="anders")
    referral = propose(casus, service, p["regisseur"], parts=("personalia", "crisiskaart"))
    s["crisis"] = {"card": card, "episode": episode, "referral": referral}
    return s["crisis"]
