"""The pages of the plan van aanpak: who sees and edits what (a wrong user refused
with a refusal log row), what a partner sees of it (only her organisation's
action), and the overdue actions on the worklists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from vangnet.access.models import BreakGlassGrant
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.plannen.models import Action, Goal

from .conftest import days

pytestmark = pytest.mark.django_db


def _refused():
    return AccessLog.objects.filter(action=AccessLog.Action.REFUSED)


def test_the_worker_sees_the_plan_with_goals_actions_and_history(casus, users, login, worker_action, police_action):
    page = login(users["duo"]).get(reverse("plannen:plan", args=[casus.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "Ik wil mijn huis houden",
        "Samen naar de woningcorporatie",
        "Wijkagent loopt langs",
        "actie toegevoegd",
    ):
        assert text in html
    assert (
        reverse("plannen:plan", args=[casus.pk])
        in login(users["duo"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    )


@pytest.mark.parametrize(
    "who, status",
    [
        ("other_bemoeizorger", 404),  # not on the casus
        ("other_teamleider", 404),  # another organisation
        ("consultant", 404),  # not asked on this casus
        ("meldpunt", 403),  # sees the casus, not its care content
        ("partner", 403),  # only her organisation's action, on the partner page
        ("beheerder", 403),
    ],
)
def test_the_plan_pages_refuse_whoever_is_not_on_the_care_team(casus, users, login, goal, worker_action, who, status):
    client = login(users[who])
    urls = [
        reverse("plannen:plan", args=[casus.pk]),
        reverse("plannen:goal_add", args=[casus.pk]),
        reverse("plannen:goal_edit", args=[goal.pk]),
        reverse("plannen:action_add", args=[goal.pk]),
        reverse("plannen:action_edit", args=[worker_action.pk]),
    ]
    for url in urls:
        before = _refused().count()
        response = client.get(url)
        assert response.status_code in {status, 404} if who == "partner" else response.status_code == status, url
        assert "Ik wil mijn huis houden" not in response.content.decode()
        assert _refused().count() == before + 1, url
    before = _refused().count()
    assert client.post(urls[1], {"text": "Ander doel"}).status_code == status
    assert _refused().count() == before + 1
    assert Goal.objects.count() == 1


def test_the_teamleider_of_the_organisation_edits_the_plan(casus, users, login):
    client = login(users["teamleider"])
    response = client.post(reverse("plannen:goal_add", args=[casus.pk]), {"text": "Weer werk", "own_words": "on"})
    assert response.status_code == 302
    assert Goal.objects.get().own_words


def test_break_the_glass_may_not_edit_the_plan(casus, users, login):
    BreakGlassGrant.objects.create(
        user=users["other_meldpunt"],
        person=casus.person,
        reason="Acute melding, dossier nodig",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    before = _refused().count()
    response = login(users["other_meldpunt"]).post(reverse("plannen:goal_add", args=[casus.pk]), {"text": "x"})
    assert response.status_code in (403, 404)
    assert _refused().count() == before + 1
    assert not Goal.objects.exists()


def test_adding_a_goal_and_an_action_through_the_pages(casus, users, login, police):
    client = login(users["duo"])
    client.post(reverse("plannen:goal_add", args=[casus.pk]), {"text": "Ik wil rust in mijn hoofd", "own_words": "on"})
    goal = Goal.objects.get()
    url = reverse("plannen:action_add", args=[goal.pk])
    form = client.get(url).content.decode()
    assert police.name in form and "Collega" in form
    data = {"description": "Afspraak huisarts", "owner": f"o{police.pk}", "due_date": days(5).isoformat()}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # a double submit
    action = Action.objects.get()
    assert action.owner_organisation == police


def test_an_implausible_due_date_is_shown_on_the_field(casus, users, login, goal):
    client = login(users["duo"])
    data = {"description": "Bellen", "owner": f"u{users['duo'].pk}", "due_date": days(900).isoformat()}
    response = client.post(reverse("plannen:action_add", args=[goal.pk]), data)
    assert response.status_code == 422 or response.status_code == 200
    assert "te ver in de toekomst" in response.content.decode()
    assert not Action.objects.exists()


def test_a_concurrent_edit_keeps_the_input_with_a_dutch_message(casus, users, login, worker_action):
    url = reverse("plannen:action_edit", args=[worker_action.pk])
    data = {
        "description": "Mijn versie",
        "owner": f"u{users['duo'].pk}",
        "due_date": days(6).isoformat(),
        "status": "open",
        "version": worker_action.version,
    }
    Action.objects.filter(pk=worker_action.pk).update(version=worker_action.version + 1)
    response = login(users["duo"]).post(url, data)
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html and "Mijn versie" in html
    assert Action.objects.get(pk=worker_action.pk).description == "Samen naar de woningcorporatie"


def test_the_partner_sees_only_her_organisations_action(casus, users, login, worker_action, police_action):
    page = login(users["partner"]).get(reverse("plannen:partner_actions"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Wijkagent loopt langs" in html and casus.reference in html
    assert "Samen naar de woningcorporatie" not in html  # another owner's action
    assert "Ik wil mijn huis houden" not in html  # the goal is not shared (as in procesregie)
    assert casus.person.surname not in html


def test_the_partner_marks_her_action_done(users, login, police_action):
    response = login(users["partner"]).post(
        reverse("plannen:action_done", args=[police_action.pk]), {f"a{police_action.pk}-version": police_action.version}
    )
    assert response.status_code == 302 and response.url == reverse("plannen:partner_actions")
    police_action.refresh_from_db()
    assert police_action.status == Action.Status.GEDAAN


def test_a_partner_never_touches_another_owners_action(users, login, worker_action, police_action, ggz_partner):
    for user, action in ((users["partner"], worker_action), (ggz_partner, police_action)):
        before = _refused().count()
        response = login(user).post(
            reverse("plannen:action_done", args=[action.pk]), {f"a{action.pk}-version": action.version}
        )
        assert response.status_code == 404
        assert _refused().count() == before + 1
        action.refresh_from_db()
        assert action.status == Action.Status.OPEN
    assert "Wijkagent" not in login(ggz_partner).get(reverse("plannen:partner_actions")).content.decode()


def test_overdue_actions_are_on_the_worker_home(users, login, goal):
    Action.objects.create(
        goal=goal,
        description="Huurachterstand bespreken",
        owner_user=users["duo"],
        due_date=days(-3),
        created_by=users["duo"],
    )
    Action.objects.create(
        goal=goal, description="Nog niet te laat", owner_user=users["duo"], due_date=days(3), created_by=users["duo"]
    )
    html = login(users["duo"]).get(reverse("worklists:home")).content.decode()
    assert "Huurachterstand bespreken" in html and "Nog niet te laat" not in html
    assert (
        "Huurachterstand bespreken" not in login(users["bemoeizorger"]).get(reverse("worklists:home")).content.decode()
    )


def test_overdue_actions_are_on_the_partner_home(users, login, goal, police, ggz_partner):
    Action.objects.create(
        goal=goal, description="Wijkagent langs", owner_organisation=police, due_date=days(-1), created_by=users["duo"]
    )
    html = login(users["partner"]).get(reverse("worklists:home")).content.decode()
    assert "Wijkagent langs" in html and "Ik wil mijn huis houden" not in html
    assert "Wijkagent langs" not in login(ggz_partner).get(reverse("worklists:home")).content.decode()


def test_a_partner_user_without_partner_role_at_the_owner_is_still_refused_elsewhere(
    users, login, police_action, other_org
):
    stranger = UserFactory(role=Role.PARTNER, organisation=other_org)
    assert login(stranger).get(reverse("plannen:action_edit", args=[police_action.pk])).status_code in (403, 404)


def test_partner_actions_log_each_action_in_one_insert(casus, users, login, goal, police_action):
    """Issue 17: the same read rows as the per-row log_access (type, basis, own detail,
    subjects), in one insert, and the same queries with more actions shown."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vangnet.audit.models import ObjectType
    from vangnet.plannen import policies, services

    client = login(users["partner"])

    def get():
        before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("plannen:partner_actions")).status_code == 200
        inserts = sum(1 for q in ctx.captured_queries if q["sql"].startswith('INSERT INTO "audit_accesslog"'))
        rows = list(
            AccessLog.objects.filter(pk__gt=before)
            .order_by("pk")
            .values_list("object_type", "reason", "detail", "person_id", "casus_id", "melding_id", "action")
        )
        return rows, inserts, len(ctx.captured_queries)

    def expected(actions):
        detail = "actie {} in het plan (uitvoerende organisatie)"
        return [
            (
                ObjectType.PLAN_ACTIE,
                policies.BASIS_PARTNER_ACTIE,
                detail.format(a.pk),
                str(casus.person_id),
                str(casus.pk),
                "",
                AccessLog.Action.READ,
            )
            for a in actions
        ]

    rows, inserts, few = get()
    assert rows == expected([police_action]) and inserts == 1
    more = [
        services.add_action(
            goal,
            description=f"Ronde {i}",
            owner_organisation=users["partner"].organisation,
            due_date=days(10 + i),
            by=users["duo"],
        )
        for i in range(5)
    ]
    rows, inserts, many = get()
    assert rows == expected([police_action, *more]) and inserts == 1 and many == few
