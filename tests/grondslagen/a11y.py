"""Task, ground and consent objects for tests/browser/test_accessibility.py, made on
first use from that test's scenario (the casus of bram/dewi and the police partner):
an objection of the person against the police, and a share against it by bram."""

from django.utils import timezone

from vangnet.grondslagen import services


def grondslagen_objects(s, p):
    if "grondslagen" in s:
        return s["grondslagen"]
    casus, police = s["casus"], p["partner"].organisation
    objection = services.record_consent(
        casus.person,
        soort="bezwaar",
        organisation=police,
        purpose="Wil niet dat de wijkagent iets hoort",
        how="mondeling",
        given_on=timezone.localdate(),
        by=p["regisseur"],
    )
    afwijking = services.record_override(
        services.SharingCheck(deviation="bezwaar", reason="Dreigt zichzelf iets aan te doen"),
        person=casus.person,
        casus=casus,
        organisation=police,
        via="verwijzing",
        reference="verwijzing 1",
        ground="zwaarwegend",
        by=p["regisseur"],
    )
    s["grondslagen"] = {"objection": objection, "afwijking": afwijking}
    return s["grondslagen"]
