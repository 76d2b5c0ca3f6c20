"""Objects for tests/test_permission_matrix.py's ``world`` fixture (in-beeld,
procesregie, overleg), built directly so the matrix does not depend on the services."""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone

from tests.factories import CasusFactory
from vangnet.cases.models import CaseMember
from vangnet.overleg.models import ActionItem, AgendaItem, AgendaShare, Attendee, Meeting
from vangnet.procesregie.models import Action, Escalation


def regie_world(people, objects):
    casus = objects["casus"]
    ggd, police = casus.organisation, people["partner"].organisation
    people["partner"].user_permissions.add(
        Permission.objects.get(codename="ask_inbeeld", content_type__app_label="inbeeld")
    )
    # A second casus of the same team, already escalated (the first one stays escalatable).
    escalated = CasusFactory(organisation=ggd, casusregisseur=people["regisseur"])
    CaseMember.objects.create(casus=escalated, user=people["duo"], role=CaseMember.Role.DUO)
    escalation = Escalation.objects.create(
        casus=escalated,
        description="Woningcorporatie en GGZ wijzen naar elkaar.",
        escalated_by=people["regisseur"],
        procesregisseur=people["teamleider"],
    )
    action = Action.objects.create(
        escalation=escalation,
        organisation=police,
        description="Wijkagent gaat mee op huisbezoek.",
        due_date=timezone.localdate() + timedelta(days=7),
        assigned_by=people["teamleider"],
    )
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.CASUSOVERLEG,
        title="Casusoverleg wijk Noord",
        starts_at=timezone.now() + timedelta(days=2),
        organisation=ggd,
        created_by=people["teamleider"],
    )
    for who in ("teamleider", "regisseur", "partner"):
        Attendee.objects.create(meeting=meeting, user=people[who])
    item = AgendaItem.objects.create(meeting=meeting, casus=casus, order=1)
    AgendaShare.objects.create(
        item=item, organisation=police, legal_ground="toestemming betrokkene", shared_by=people["teamleider"]
    )
    meeting_action = ActionItem.objects.create(
        item=item,
        description="Politie checkt adres.",
        owner_organisation=police,
        due_date=timezone.localdate() + timedelta(days=7),
    )
    return {
        "escalated_casus": escalated,
        "escalation": escalation,
        "regie_action": action,
        "meeting": meeting,
        "agenda_item": item,
        "meeting_action": meeting_action,
    }


def regie_browser_objects(scenario, people):
    """For tests/browser/test_accessibility.py: an escalation with an overdue action
    aan zet for the police, and a casusoverleg with one item shared with the police
    and one not. Built once per scenario (cached in it)."""
    if "regie" in scenario:
        return scenario["regie"]
    casus, teamleider, partner = scenario["casus"], people["teamleider"], people["partner"]
    police, ggd = partner.organisation, casus.organisation
    partner.user_permissions.add(Permission.objects.get(codename="ask_inbeeld", content_type__app_label="inbeeld"))
    escalation = Escalation.objects.create(
        casus=casus,
        description="Corporatie en GGZ wijzen naar elkaar.",
        escalated_by=people["regisseur"],
        procesregisseur=teamleider,
    )
    Action.objects.create(
        escalation=escalation,
        organisation=police,
        description="Wijkagent gaat mee op huisbezoek.",
        due_date=timezone.localdate() - timedelta(days=2),
        assigned_by=teamleider,
    )
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.CASUSOVERLEG,
        title="Casusoverleg Noordstad",
        starts_at=timezone.now() + timedelta(days=2),
        organisation=ggd,
        created_by=teamleider,
    )
    for who in ("teamleider", "partner"):
        Attendee.objects.create(meeting=meeting, user=people[who])
    shared = AgendaItem.objects.create(meeting=meeting, casus=casus, order=1, decision="Huisbezoek met wijkagent.")
    AgendaShare.objects.create(
        item=shared, organisation=police, legal_ground="toestemming betrokkene", shared_by=teamleider
    )
    hidden_casus = CasusFactory(organisation=ggd, casusregisseur=people["duo"])
    AgendaItem.objects.create(meeting=meeting, casus=hidden_casus, order=2)
    ActionItem.objects.create(
        item=shared,
        description="Politie checkt adres.",
        owner_organisation=police,
        due_date=timezone.localdate() + timedelta(days=7),
    )
    scenario["regie"] = {"escalation": escalation, "meeting": meeting, "item": shared}
    return scenario["regie"]
