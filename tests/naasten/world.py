"""Objects for tests/test_permission_matrix.py's ``world``: a naaste of the person of
the matrix casus, added by its duo partner (issue 15 part 5)."""

from vangnet.naasten import services


def naasten_world(people, objects):
    naaste = services.add_naaste(
        objects["casus"],
        name="Zus Annelies",
        relation="familie",
        reach="06-12345678",
        consent="contact",
        by=people["duo"],
    )
    return {"naaste": naaste}
