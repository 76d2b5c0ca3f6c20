"""Objects for tests/test_permission_matrix.py's ``world``: a life-domain picture on
the matrix casus, recorded by its duo partner (issue 15)."""

from django.utils import timezone

from vangnet.leefgebieden import services


def leefgebieden_world(people, objects):
    picture = services.record_picture(
        objects["casus"],
        assessed_on=timezone.localdate(),
        scores={"wonen": (2, "Huurachterstand"), "psychisch": (3, "")},
        by=people["duo"],
    )
    return {"leefgebiedenbeeld": picture}
