"""Plan objects for tests/browser/test_accessibility.py, made on first use from that
test's scenario (the casus of bram/dewi and the wijkagent partner): a goal in the
person's own words with an action for the worker (overdue) and one for the police."""

import datetime

from django.utils import timezone

from vangnet.organisations.models import Organisation
from vangnet.plannen import services


def plannen_objects(s, p):
    if "plannen" in s:
        return s["plannen"]
    casus, today = s["casus"], timezone.localdate()
    week_ago = timezone.now() - datetime.timedelta(days=7)
    if casus.opened_at > week_ago:
        type(casus).objects.filter(pk=casus.pk).update(opened_at=week_ago)
        casus.refresh_from_db()
    goal = services.set_goal(casus, text="Ik wil mijn huis houden", own_words=True, by=p["regisseur"])
    late = services.add_action(
        goal,
        description="Samen naar de woningcorporatie voor een betalingsregeling",
        owner_user=p["regisseur"],
        due_date=today - datetime.timedelta(days=2),
        by=p["regisseur"],
    )
    police = services.add_action(
        goal,
        description="Wijkagent loopt langs en vraagt naar de buren",
        owner_organisation=Organisation.objects.get(pk=p["partner"].organisation_id),
        due_date=today + datetime.timedelta(days=5),
        by=p["regisseur"],
    )
    s["plannen"] = {"goal": goal, "late": late, "police": police}
    return s["plannen"]
