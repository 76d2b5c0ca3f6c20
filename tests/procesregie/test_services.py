"""Procesregie state transitions: every transition, its permission and its log row."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import CasusFactory, OrganisationFactory, UserFactory
from tests.service_audit import CONTEXT, assert_row, new_rows
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.cases.models import CaseMember, Phase
from vangnet.core.concurrency import ConcurrentEditError
from vangnet.procesregie import policies, services
from vangnet.procesregie.models import Action, Escalation

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def casus(ggd, users):
    casus = CasusFactory(organisation=ggd, casusregisseur=users["bemoeizorger"])
    CaseMember.objects.create(casus=casus, user=users["duo"], role=CaseMember.Role.DUO)
    return casus


@pytest.fixture
def escalation(casus, users):
    return services.escalate_casus(
        casus, description="Niemand pakt het op.", procesregisseur=users["teamleider"], by=users["bemoeizorger"]
    )


def logs(detail_part):
    return AccessLog.objects.filter(object_type="procesregie", detail__contains=detail_part)


# --- escalate ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["bemoeizorger", "duo", "teamleider"])
def test_members_and_teamleider_escalate(casus, users, who):
    e = services.escalate_casus(casus, description="Vast", procesregisseur=users["teamleider"], by=users[who])
    assert e.status == Escalation.Status.OPEN and e.escalated_by == users[who]
    assert logs(f"escalatie {e.pk}").filter(action="C", casus_id=str(casus.pk), user_id=str(users[who].pk)).exists()


@pytest.mark.parametrize(
    "who", ["meldpunt", "consultant", "partner", "other_teamleider", "other_bemoeizorger", "beheerder"]
)
def test_others_cannot_escalate(casus, users, who):
    with pytest.raises(PermissionDenied):
        services.escalate_casus(casus, description="Vast", procesregisseur=users["teamleider"], by=users[who])
    assert not Escalation.objects.exists()


def test_closed_casus_cannot_be_escalated(casus, users):
    casus.phase = Phase.AFGESLOTEN
    casus.save()
    with pytest.raises(PermissionDenied):
        services.escalate_casus(
            casus, description="Vast", procesregisseur=users["teamleider"], by=users["bemoeizorger"]
        )


def test_description_required(casus, users):
    with pytest.raises(ValidationError):
        services.escalate_casus(casus, description="  ", procesregisseur=users["teamleider"], by=users["bemoeizorger"])


def test_only_one_open_escalation(escalation, casus, users):
    with pytest.raises(ValidationError):
        services.escalate_casus(casus, description="Nog eens", procesregisseur=users["teamleider"], by=users["duo"])


@pytest.mark.parametrize("who", ["bemoeizorger", "meldpunt", "partner", "other_teamleider"])
def test_procesregisseur_must_be_eligible(casus, users, who):
    with pytest.raises(ValidationError):
        services.escalate_casus(casus, description="Vast", procesregisseur=users[who], by=users["bemoeizorger"])


def test_named_user_with_permission_of_another_organisation_is_eligible(casus, users):
    gemeente = OrganisationFactory(kind="gemeente", runs_meldpunt=False, does_bemoeizorg=False)
    regisseur = UserFactory(role=Role.CONSULTANT, organisation=gemeente)
    regisseur.user_permissions.add(Permission.objects.get(codename="act_as_procesregisseur"))
    e = services.escalate_casus(casus, description="Vast", procesregisseur=regisseur, by=users["bemoeizorger"])
    assert e.procesregisseur == regisseur
    assert policies.escalation_access_basis(regisseur, e) == policies.BASIS_REGISSEUR


def test_after_closing_a_new_escalation_is_possible(escalation, casus, users):
    services.close_escalation(escalation, note="Opgelost", by=users["teamleider"])
    again = services.escalate_casus(
        casus, description="Weer vast", procesregisseur=users["teamleider"], by=users["duo"]
    )
    assert again.is_open


# --- decisions and actions -------------------------------------------------------------------


def test_regisseur_records_decision(escalation, users):
    d = services.record_decision(escalation, text="GGZ neemt regie", by=users["teamleider"])
    assert d.decided_on == TODAY()
    assert logs(f"besluit {d.pk}").exists()


@pytest.mark.parametrize("who", ["bemoeizorger", "duo", "meldpunt", "partner", "other_teamleider"])
def test_only_regisseur_decides_and_assigns(escalation, users, police, who):
    with pytest.raises(PermissionDenied):
        services.record_decision(escalation, text="X", by=users[who])
    with pytest.raises(PermissionDenied):
        services.assign_action(escalation, organisation=police, description="X", due_date=TODAY(), by=users[who])


def test_decision_not_in_future(escalation, users):
    with pytest.raises(ValidationError):
        services.record_decision(escalation, text="X", decided_on=TODAY() + timedelta(days=1), by=users["teamleider"])


def test_assign_action(escalation, users, police):
    a = services.assign_action(
        escalation, organisation=police, description="Wijkagent mee", due_date=TODAY(), by=users["teamleider"]
    )
    assert a.status == Action.Status.OPEN and a.organisation == police
    assert logs(f"actie {a.pk} aan zet").exists()


def test_action_due_date_not_in_past(escalation, users, police):
    with pytest.raises(ValidationError):
        services.assign_action(
            escalation,
            organisation=police,
            description="X",
            due_date=TODAY() - timedelta(days=1),
            by=users["teamleider"],
        )


@pytest.fixture
def action(escalation, users, police):
    return services.assign_action(
        escalation,
        organisation=police,
        description="Wijkagent mee op huisbezoek",
        due_date=TODAY() + timedelta(days=3),
        by=users["teamleider"],
    )


@pytest.mark.parametrize("who", ["partner", "teamleider"])
def test_organisation_aan_zet_or_regisseur_completes(action, users, who):
    services.complete_action(action, note="Gedaan, samen langs geweest", by=users[who])
    action.refresh_from_db()
    assert action.status == Action.Status.GEDAAN and action.done_by == users[who] and action.done_at
    assert action.done_note == "Gedaan, samen langs geweest"
    assert logs(f"actie {action.pk} gedaan").filter(action="U", user_id=str(users[who].pk)).exists()


@pytest.mark.parametrize("who", ["bemoeizorger", "meldpunt", "other_teamleider"])
def test_others_cannot_complete(action, users, who):
    with pytest.raises(PermissionDenied):
        services.complete_action(action, by=users[who])


def test_complete_twice_refused(action, users):
    services.complete_action(action, by=users["partner"])
    with pytest.raises(ValidationError):
        services.complete_action(action, by=users["partner"])


def test_complete_with_stale_version(action, users):
    with pytest.raises(ConcurrentEditError):
        services.complete_action(action, by=users["partner"], expected_version=action.version - 1 or 99)


# --- close -----------------------------------------------------------------------------------


def test_close_needs_note_and_no_open_actions(escalation, action, users):
    with pytest.raises(ValidationError):
        services.close_escalation(escalation, note="", by=users["teamleider"])
    with pytest.raises(ValidationError):
        services.close_escalation(escalation, note="Klaar", by=users["teamleider"])
    services.complete_action(action, by=users["partner"])
    services.close_escalation(escalation, note="Klaar", by=users["teamleider"])
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.AFGEROND and escalation.closed_by == users["teamleider"]
    assert logs(f"escalatie {escalation.pk} afgerond").exists()


def test_only_regisseur_closes(escalation, users):
    with pytest.raises(PermissionDenied):
        services.close_escalation(escalation, note="Klaar", by=users["bemoeizorger"])


def test_nothing_changes_after_closing(escalation, users, police):
    services.close_escalation(escalation, note="Klaar", by=users["teamleider"])
    for call in (
        lambda: services.record_decision(escalation, text="X", by=users["teamleider"]),
        lambda: services.assign_action(
            escalation, organisation=police, description="X", due_date=TODAY(), by=users["teamleider"]
        ),
        lambda: services.close_escalation(escalation, note="Nog eens", by=users["teamleider"]),
    ):
        with pytest.raises(ValidationError):
            call()


# --- overdue and figures ----------------------------------------------------------------------


def _overdue(escalation, org, days=2, **kw):
    return Action.objects.create(
        escalation=escalation,
        organisation=org,
        description="Te laat",
        assigned_by=escalation.procesregisseur,
        due_date=TODAY() - timedelta(days=days),
        **kw,
    )


def test_overdue_actions_for_regisseur(escalation, action, users, police):
    late = _overdue(escalation, police)
    assert services.regisseur_overdue_actions(users["teamleider"]) == [late]
    assert services.regisseur_overdue_actions(users["bemoeizorger"]) == []
    services.complete_action(late, by=users["partner"])
    assert services.regisseur_overdue_actions(users["teamleider"]) == []


def test_figures(escalation, users, police, ggd, casus):
    _overdue(escalation, police)
    _overdue(escalation, police, days=5)
    _overdue(escalation, ggd)
    other = CasusFactory(organisation=ggd, casusregisseur=users["duo"])
    closed = Escalation.objects.create(
        casus=other,
        description="x",
        escalated_by=users["duo"],
        procesregisseur=users["teamleider"],
        status="afgerond",
        escalated_at=timezone.now() - timedelta(days=10),
        closed_at=timezone.now(),
    )
    assert closed
    f = services.figures(ggd)
    assert f["open_escalations"] == 1 and f["closed_escalations"] == 1
    assert f["median_days_to_close"] == 10.0
    assert f["overdue_actions"] == 3
    assert f["overdue_by_organisation"][0] == {"organisation__name": police.name, "n": 2}
    assert services.figures(OrganisationFactory())["open_escalations"] == 0


# --- called directly: each service writes its own access-log row ------------------


def test_services_called_without_a_request_write_one_row_each(casus, users, police):
    regisseur, member = users["teamleider"], users["bemoeizorger"]
    with new_rows() as rows:
        escalation = services.escalate_casus(
            casus, description="Vast", procesregisseur=regisseur, by=member, context=CONTEXT
        )
    assert len(rows) == 1
    assert_row(rows[0], member, action=AccessLog.Action.CREATE, object_type="procesregie", casus=casus)
    with new_rows() as rows:
        services.record_decision(escalation, text="GGZ neemt regie", by=regisseur, context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], regisseur, action=AccessLog.Action.CREATE, object_type="procesregie", casus=casus)
    with new_rows() as rows:
        action = services.assign_action(
            escalation,
            organisation=police,
            description="Huisbezoek",
            due_date=TODAY(),
            by=regisseur,
            context=CONTEXT,
        )
    assert len(rows) == 1
    assert_row(rows[0], regisseur, action=AccessLog.Action.CREATE, object_type="procesregie", casus=casus)
    with new_rows() as rows:
        services.complete_action(action, note="Gedaan", by=users["partner"], context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], users["partner"], action=AccessLog.Action.UPDATE, object_type="procesregie", casus=casus)
    with new_rows() as rows:
        services.close_escalation(escalation, note="Opgelost", by=regisseur, context=CONTEXT)
    assert len(rows) == 1
    assert_row(rows[0], regisseur, action=AccessLog.Action.UPDATE, object_type="procesregie", casus=casus)


def test_refused_service_calls_write_no_row_and_key_the_field(escalation, users, police):
    regisseur = users["teamleider"]
    calls = {
        "text": lambda: services.record_decision(escalation, text=" ", by=regisseur, context=CONTEXT),
        "decided_on": lambda: services.record_decision(
            escalation, text="X", decided_on=TODAY() + timedelta(days=1), by=regisseur, context=CONTEXT
        ),
        "due_date": lambda: services.assign_action(
            escalation,
            organisation=police,
            description="X",
            due_date=TODAY() - timedelta(days=1),
            by=regisseur,
            context=CONTEXT,
        ),
        "note": lambda: services.close_escalation(escalation, note="", by=regisseur, context=CONTEXT),
    }
    for field, call in calls.items():
        with new_rows() as rows, pytest.raises(ValidationError) as exc:
            call()
        assert rows == [] and field in exc.value.error_dict, field
