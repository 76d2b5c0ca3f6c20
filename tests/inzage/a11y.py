"""Inzage objects for tests/browser/test_accessibility.py, made on first use from that
test's scenario: a released inzage of the scenario's person and, after it, a concept."""

from vangnet.inzage import services
from vangnet.inzage.models import Decision


def inzage_objects(s, p):
    if "inzage" in s:
        return s["inzage"]
    tl = p["teamleider"]
    released = services.start_inzage(s["person"], by=tl).inzage
    for item in released.items.all():
        services.decide_item(released, item_id=item.pk, decision=Decision.VRIJGEVEN, version=item.version, by=tl)
    released.refresh_from_db()
    services.release_inzage(released, version=released.version, by=tl)
    concept = services.start_inzage(s["person"], by=tl).inzage
    s["inzage"] = {"released": released, "concept": concept}
    return s["inzage"]
