"""Request objects for tests/browser/test_accessibility.py, made on first use from that
test's scenario (the person of the casus of bram/dewi; tessa the teamleider): an overdue
correction request, a restriction in effect, and a request nearly due."""

import datetime

from django.utils import timezone

from vangnet.verzoeken import services


def verzoeken_objects(s, p):
    if "verzoeken" in s:
        return s["verzoeken"]
    person, tl, today = s["person"], p["teamleider"], timezone.localdate()
    overdue = services.register_request(
        person,
        kind="correctie",
        received_on=today - datetime.timedelta(days=40),
        channel="schriftelijk",
        request_text="Mijn geboortedatum staat verkeerd in de melding.",
        by=tl,
    )
    restriction = services.register_request(
        person,
        kind="beperking",
        received_on=today - datetime.timedelta(days=10),
        channel="mondeling",
        request_text="Niets meer delen met de woningcorporatie zolang de klacht loopt.",
        by=tl,
    )
    services.decide_request(
        restriction,
        expected_version=restriction.version,
        outcome="toegewezen",
        decided_on=today,
        answer="Beperking ingesteld tot de klacht is afgehandeld.",
        by=tl,
    )
    soon = services.register_request(
        person,
        kind="inzage",
        received_on=today - datetime.timedelta(days=27),
        channel="e-mail",
        request_text="Ik wil weten wat u over mij bijhoudt.",
        by=tl,
    )
    s["verzoeken"] = {"overdue": overdue, "restriction": restriction, "soon": soon}
    return s["verzoeken"]
