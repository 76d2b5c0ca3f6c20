"""Life-domain objects for tests/browser/test_accessibility.py, made on first use
from that test's scenario (the casus of bram/dewi and the wijkagent partner)."""

import datetime

from django.utils import timezone

from tests.network.factories import ServiceFactory, propose
from vangnet.leefgebieden import services


def leefgebieden_objects(s, p):
    if "leefgebieden" in s:
        return s["leefgebieden"]
    casus, today = s["casus"], timezone.localdate()
    # The scenario's casus started today: let it have started a week ago, for two pictures.
    type(casus).objects.filter(pk=casus.pk).update(opened_at=timezone.now() - datetime.timedelta(days=7))
    casus.refresh_from_db()
    first = services.record_picture(
        casus,
        assessed_on=today - datetime.timedelta(days=3),
        scores={"wonen": (1, "Huisuitzetting dreigt"), "psychisch": (2, "Achterdochtig"), "netwerk": (2, "")},
        by=p["regisseur"],
    )
    latest = services.record_picture(
        casus,
        assessed_on=today,
        scores={"wonen": (2, "Betalingsregeling getroffen"), "psychisch": (2, ""), "financien": (3, "Bewind")},
        note="Besproken met meneer; in zijn woorden: 'het dak boven mijn hoofd eerst'.",
        by=p["regisseur"],
    )
    service = ServiceFactory(organisation=p["partner"].organisation, name="Veiligheidshuis", type="anders")
    referral = propose(casus, service, p["regisseur"], parts=("personalia", "leefgebieden"))
    s["leefgebieden"] = {"first": first, "latest": latest, "referral": referral}
    return s["leefgebieden"]
