"""Objects for tests/test_permission_matrix.py's ``world``: a crisis card of the matrix
casus' person and a crisis episode on it, recorded by its duo partner (issue 15 part 4)."""

from datetime import timedelta

from django.utils import timezone

from vangnet.crisis import services


def crisis_world(people, objects):
    casus = objects["casus"]
    services.save_card(casus, expected_version=0, values={"who_to_call": "Zus 06 11 22 33 44"}, by=people["duo"])
    episode = services.record_episode(
        casus,
        kind="crisisdienst",
        at=max(timezone.now() - timedelta(hours=1), casus.opened_at),
        what_happened="Crisisdienst gebeld",
        by=people["duo"],
    )
    return {"crisisepisode": episode}
