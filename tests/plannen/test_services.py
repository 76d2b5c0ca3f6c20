"""The rules of the plan van aanpak: goals, actions, history, audit, double
submits, concurrent edits, plausible due dates and the overdue worklists."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import CasusFactory
from vangnet.audit.models import AccessLog, ObjectType
from vangnet.cases.models import Phase
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.plannen import services
from vangnet.plannen.models import Action, Goal, PlanChange

from .conftest import days

pytestmark = pytest.mark.django_db


def test_a_goal_is_set_with_its_history_and_audit_row(casus, users):
    goal = services.set_goal(casus, text="  Ik wil mijn huis houden ", own_words=True, by=users["duo"])
    assert goal.text == "Ik wil mijn huis houden" and goal.own_words and goal.status == Goal.Status.OPEN
    change = PlanChange.objects.get(goal=goal)
    assert (change.what, change.new_value, change.by) == ("doel gesteld", "Ik wil mijn huis houden", users["duo"])
    row = AccessLog.objects.get(object_type=ObjectType.PLAN_DOEL)
    assert row.action == AccessLog.Action.CREATE and row.casus_id == str(casus.pk)
    assert "huis" not in row.detail  # the log names the goal, never its text


def test_the_history_reads_in_the_users_language(casus, users):
    from django.utils import translation

    goal = services.set_goal(casus, text="Een dak boven mijn hoofd", own_words=True, by=users["duo"])
    change = PlanChange.objects.get(goal=goal)
    with translation.override("en"):
        assert change.get_what_display() == "goal set"
    assert change.get_what_display() == "doel gesteld"


def test_a_double_submitted_goal_is_one_goal(casus, users):
    first = services.set_goal(casus, text="Schulden op orde", own_words=False, by=users["duo"])
    again = services.set_goal(casus, text="Schulden op orde", own_words=False, by=users["duo"])
    assert first == again and Goal.objects.count() == 1


def test_an_empty_goal_is_refused_on_its_field(casus, users):
    with pytest.raises(ValidationError) as exc:
        services.set_goal(casus, text="  ", own_words=False, by=users["duo"])
    assert "text" in exc.value.message_dict


def test_no_goal_on_a_closed_casus(casus, users):
    casus.phase = Phase.AFGESLOTEN
    casus.save()
    with pytest.raises(ValidationError):
        services.set_goal(casus, text="Werk", own_words=False, by=users["duo"])


@pytest.mark.parametrize("who", ["meldpunt", "partner", "other_bemoeizorger", "consultant", "beheerder"])
def test_who_does_not_work_on_the_casus_sets_no_goal_and_adds_no_action(casus, users, goal, who):
    with pytest.raises(PermissionDenied):
        services.set_goal(casus, text="Werk", own_words=False, by=users[who])
    with pytest.raises(PermissionDenied):
        services.add_action(goal, description="x", owner_user=users["duo"], due_date=days(3), by=users[who])


def test_an_action_gets_an_owner_a_due_date_history_and_audit(goal, users, police):
    action = services.add_action(
        goal, description="Wijkagent loopt langs", owner_organisation=police, due_date=days(3), by=users["duo"]
    )
    assert action.owner_label == police.name and action.status == Action.Status.OPEN
    assert PlanChange.objects.filter(action=action, what="actie toegevoegd").exists()
    assert AccessLog.objects.filter(object_type=ObjectType.PLAN_ACTIE, action=AccessLog.Action.CREATE).count() == 1


def test_a_double_submitted_action_is_one_action(goal, users):
    kwargs = {"description": "Bellen", "owner_user": users["duo"], "due_date": days(2), "by": users["duo"]}
    assert services.add_action(goal, **kwargs) == services.add_action(goal, **kwargs)
    assert Action.objects.count() == 1


@pytest.mark.parametrize("offset, code", [(800, "too_far"), (-30, "before_start")])
def test_an_implausible_due_date_is_refused_with_a_dutch_message(goal, users, offset, code):
    with pytest.raises(ValidationError) as exc:
        services.add_action(goal, description="Bellen", owner_user=users["duo"], due_date=days(offset), by=users["duo"])
    assert "due_date" in exc.value.message_dict
    assert exc.value.error_dict["due_date"][0].code == code


def test_the_owner_is_a_worker_on_the_casus_or_a_partner_organisation(goal, users, ggd):
    with pytest.raises(ValidationError) as exc:
        services.add_action(
            goal, description="x", owner_user=users["other_bemoeizorger"], due_date=days(2), by=users["duo"]
        )
    assert "owner" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.add_action(goal, description="x", due_date=days(2), by=users["duo"])
    with pytest.raises(ValidationError):
        services.add_action(goal, description="x", owner_organisation=ggd, due_date=days(2), by=users["duo"])


def test_a_concurrent_edit_of_an_action_is_refused(worker_action, users):
    stale = worker_action.version
    services.change_action(
        worker_action,
        expected_version=stale,
        description="Samen naar de corporatie, met de brief",
        owner_user=users["duo"],
        due_date=days(8),
        status=Action.Status.OPEN,
        by=users["duo"],
    )
    other = Action.objects.get(pk=worker_action.pk)
    with pytest.raises(ConcurrentEditError):
        services.change_action(
            other,
            expected_version=stale,
            description="Iets anders",
            owner_user=users["duo"],
            due_date=days(8),
            status=Action.Status.OPEN,
            by=users["bemoeizorger"],
        )
    assert Action.objects.get(pk=worker_action.pk).description == "Samen naar de corporatie, met de brief"


def test_a_change_keeps_old_and_new_in_the_history(worker_action, users, police):
    services.change_action(
        worker_action,
        expected_version=worker_action.version,
        description=worker_action.description,
        owner_organisation=police,
        due_date=days(9),
        status=Action.Status.OPEN,
        by=users["bemoeizorger"],
    )
    whats = dict(PlanChange.objects.filter(action=worker_action).values_list("what", "new_value"))
    assert whats["uitvoerder"] == police.name
    assert whats["uiterlijk"] == f"{days(9):%d-%m-%Y}"


def test_a_concurrent_edit_of_a_goal_is_refused(goal, users):
    stale = goal.version
    services.change_goal(
        goal, expected_version=stale, text="Huis houden", own_words=True, status="open", by=users["duo"]
    )
    with pytest.raises(ConcurrentEditError):
        services.change_goal(
            Goal.objects.get(pk=goal.pk),
            expected_version=stale,
            text="x",
            own_words=False,
            status="bereikt",
            by=users["duo"],
        )


def test_a_goal_reached_is_in_the_history(goal, users):
    services.change_goal(
        goal, expected_version=goal.version, text=goal.text, own_words=True, status="bereikt", by=users["duo"]
    )
    change = PlanChange.objects.get(goal=goal, what="status doel")
    assert (change.old_value, change.new_value) == ("Open", "Bereikt")


def test_the_owning_partner_marks_her_action_done_once(police_action, users):
    services.complete_action(police_action, expected_version=police_action.version, by=users["partner"])
    police_action.refresh_from_db()
    assert police_action.status == Action.Status.GEDAAN and police_action.done_by == users["partner"]
    again = services.complete_action(police_action, expected_version=police_action.version - 1, by=users["partner"])
    assert again.status == Action.Status.GEDAAN
    assert PlanChange.objects.filter(action=police_action, what="status actie").count() == 1
    row = AccessLog.objects.filter(object_type=ObjectType.PLAN_ACTIE, action=AccessLog.Action.UPDATE).get()
    assert row.user_id == str(users["partner"].pk)


def test_a_partner_of_another_organisation_may_not_mark_it_done(police_action, ggz_partner, worker_action, users):
    with pytest.raises(PermissionDenied):
        services.complete_action(police_action, expected_version=police_action.version, by=ggz_partner)
    with pytest.raises(PermissionDenied):  # the police, not on the worker's action
        services.complete_action(worker_action, expected_version=worker_action.version, by=users["partner"])


def test_overdue_actions_of_a_worker_in_one_query(goal, users, casus, django_assert_num_queries):
    late = Action.objects.create(
        goal=goal, description="Te laat", owner_user=users["duo"], due_date=days(-2), created_by=users["duo"]
    )
    Action.objects.create(
        goal=goal, description="Nog tijd", owner_user=users["duo"], due_date=days(2), created_by=users["duo"]
    )
    Action.objects.create(
        goal=goal,
        description="Gedaan",
        owner_user=users["duo"],
        due_date=days(-2),
        created_by=users["duo"],
        status="gedaan",
    )
    Action.objects.create(
        goal=goal,
        description="Van een ander",
        owner_user=users["bemoeizorger"],
        due_date=days(-2),
        created_by=users["duo"],
    )
    other_casus = CasusFactory(organisation=casus.organisation, casusregisseur=users["duo"])
    other_goal = Goal.objects.create(casus=other_casus, text="Werk", created_by=users["duo"])
    late2 = Action.objects.create(
        goal=other_goal, description="Ook te laat", owner_user=users["duo"], due_date=days(-1), created_by=users["duo"]
    )
    with django_assert_num_queries(1):
        rows = list(services.overdue_actions_for_worker(users["duo"]))
        refs = [a.goal.casus.reference for a in rows]
    assert rows == [late, late2] and refs == [casus.reference, other_casus.reference]


def test_partner_actions_are_only_her_organisations_open_ones(police_action, worker_action, goal, ggz_partner, users):
    assert list(services.partner_actions(users["partner"])) == [police_action]
    assert list(services.partner_actions(ggz_partner)) == []
    goal.casus.phase = Phase.AFGESLOTEN
    goal.casus.save()
    assert list(services.partner_actions(users["partner"])) == []
