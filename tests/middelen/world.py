"""Objects for tests/test_permission_matrix.py's ``world``: a waiting-list entry on the
matrix casus, recorded by its duo partner (issue 15 part 6)."""

from datetime import timedelta

from django.utils import timezone

from vangnet.middelen import services


def middelen_world(people, objects):
    entry = services.put_on_waiting_list(
        objects["casus"],
        kind="opvang",
        provider="De Herberg",
        listed_on=timezone.localdate() - timedelta(days=3),
        by=people["duo"],
    )
    return {"wachtlijst": entry}
