"""Naasten objects for tests/browser/test_accessibility.py, made on first use from
that test's scenario (the casus of bram/dewi): a sister and a neighbour who is the
melder, with one contact logged."""

import datetime

from django.utils import timezone

from vangnet.naasten import services


def naasten_objects(s, p):
    if "naasten" in s:
        return s["naasten"]
    casus = s["casus"]
    sister = services.add_naaste(
        casus,
        name="Annelies Meulenbroek",
        relation="familie",
        reach="06-12345678",
        consent="afspraken",
        consent_on=timezone.localdate(),
        by=p["regisseur"],
    )
    neighbour = services.add_naaste(
        casus, name="Buurman Kees", relation="buren", consent="contact", is_melder=True, by=p["regisseur"]
    )
    services.log_naaste_contact(
        casus,
        naaste=sister,
        at=max(timezone.now() - datetime.timedelta(minutes=30), casus.opened_at),
        way="telefoon",
        note="Zus maakt zich zorgen, wil helpen met de post.",
        by=p["regisseur"],
    )
    s["naasten"] = {"sister": sister, "neighbour": neighbour}
    return s["naasten"]
