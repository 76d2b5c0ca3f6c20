"""Objects for tests/test_permission_matrix.py's ``world``: a released inzage of the matrix
casus' person, made by the GGD's teamleider (issue 16 part 4)."""

from vangnet.inzage import services
from vangnet.inzage.models import Decision


def inzage_world(people, objects):
    tl = people["teamleider"]
    inzage = services.start_inzage(objects["person"], by=tl).inzage
    for item in inzage.items.all():
        services.decide_item(inzage, item_id=item.pk, decision=Decision.VRIJGEVEN, version=item.version, by=tl)
    inzage.refresh_from_db()
    services.release_inzage(inzage, version=inzage.version, by=tl)
    return {"inzage": inzage}
