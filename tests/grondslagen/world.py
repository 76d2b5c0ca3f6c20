"""Objects for tests/test_permission_matrix.py's ``world``: a consent of the matrix
person (recorded by the duo partner) and a share against an objection by the
casusregisseur, waiting for the teamleider's review (issue 16)."""

from django.utils import timezone

from vangnet.grondslagen import services


def grondslagen_world(people, objects):
    person = objects["person"]
    toestemming = services.record_consent(
        person,
        soort="toestemming",
        organisation_kind="ggz",
        how="schriftelijk",
        given_on=timezone.localdate(),
        by=people["duo"],
    )
    afwijking = services.record_override(
        services.SharingCheck(deviation="bezwaar", reason="Acuut gevaar"),
        person=person,
        casus=objects["casus"],
        organisation=people["partner"].organisation,
        via="verwijzing",
        reference="verwijzing 1",
        ground="wettelijk",
        by=people["regisseur"],
    )
    return {"toestemming": toestemming, "afwijking": afwijking}
