"""Objects for tests/test_permission_matrix.py's ``world``: a correction request of the
matrix casus' person, registered by the GGD's teamleider (issue 16 part 5)."""

from django.utils import timezone

from vangnet.verzoeken import services


def verzoeken_world(people, objects):
    verzoek = services.register_request(
        objects["person"],
        kind="correctie",
        received_on=timezone.localdate(),
        channel="e-mail",
        request_text="Mijn achternaam is verkeerd gespeld",
        by=people["teamleider"],
    )
    return {"verzoek": verzoek}
