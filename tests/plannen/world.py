"""Objects for tests/test_permission_matrix.py's ``world``: a plan van aanpak on the
matrix casus, set by its duo partner, with an action for the police (issue 15 part 2)."""

from datetime import timedelta

from django.utils import timezone

from vangnet.organisations.models import Organisation
from vangnet.plannen import services


def plannen_world(people, objects):
    goal = services.set_goal(objects["casus"], text="Ik wil mijn huis houden", own_words=True, by=people["duo"])
    action = services.add_action(
        goal,
        description="Wijkagent loopt langs",
        owner_organisation=Organisation.objects.get(pk=people["partner"].organisation_id),
        due_date=timezone.localdate() + timedelta(days=3),
        by=people["duo"],
    )
    return {"plan_doel": goal, "plan_actie": action}
