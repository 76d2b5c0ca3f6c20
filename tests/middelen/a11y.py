"""Means objects for tests/browser/test_accessibility.py, made on first use from that
test's scenario (the casus of bram/dewi): one inzet, one waiting and one placed entry."""

import datetime
from decimal import Decimal

from django.utils import timezone

from vangnet.middelen import services


def middelen_objects(s, p):
    if "middelen" in s:
        return s["middelen"]
    casus, today = s["casus"], timezone.localdate()
    week_ago = timezone.now() - datetime.timedelta(days=7)
    if casus.opened_at > week_ago:
        type(casus).objects.filter(pk=casus.pk).update(opened_at=week_ago)
        casus.refresh_from_db()
    item = services.record_inzet(
        casus,
        kind="time-out",
        amount=Decimal("95.00"),
        purpose="Twee nachten in het pension tot de sleuteloverdracht",
        approved_by=p["teamleider"],
        spent_on=today - datetime.timedelta(days=2),
        by=p["regisseur"],
    )
    waiting = services.put_on_waiting_list(
        casus,
        kind="beschermd-wonen",
        provider="Stichting Onderdak",
        listed_on=today - datetime.timedelta(days=40),
        by=p["regisseur"],
    )
    placed = services.put_on_waiting_list(
        casus, kind="opvang", provider="De Herberg", listed_on=today - datetime.timedelta(days=20), by=p["regisseur"]
    )
    services.record_placement(
        placed, expected_version=1, status="geplaatst", placed_on=today - datetime.timedelta(days=3), by=p["regisseur"]
    )
    s["middelen"] = {"inzet": item, "waiting": waiting, "placed": placed}
    return s["middelen"]
