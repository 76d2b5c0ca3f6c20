"""Demo scenarios for in-beeld, procesregie and overleg, built through the services.

- henk (police) may ask "in beeld?".
- One casus of the GGD is stuck and escalated to procesregie (marieke is
  procesregisseur): two decisions, the police aan zet (open), the housing
  corporation aan zet (overdue) and the FACT team (done).
- One casusoverleg in two days, hosted by the GGD, with three casussen on the
  agenda; two are shared with the housing corporation (linda sees those two).

The story is set in the past, so dates the services set to "now" are moved back
afterwards with plain updates (the services refuse due dates in the past)."""

from datetime import timedelta

from django.contrib.auth.models import Permission

from vangnet.cases.models import Casus, Phase
from vangnet.overleg import services as overleg
from vangnet.overleg.models import Meeting
from vangnet.procesregie import services as regie
from vangnet.procesregie.models import Action, Escalation


def _open_casussen(world):
    return list(
        Casus.objects.filter(organisation=world.orgs["ggd"])
        .exclude(phase__in=[Phase.AFGESLOTEN, Phase.UIT_BEELD])
        .order_by("opened_at", "pk")
    )


def build(world, clock) -> None:
    users, orgs = world.users, world.orgs
    users["henk"].user_permissions.add(
        Permission.objects.get(codename="ask_inbeeld", content_type__app_label="inbeeld")
    )
    casussen = _open_casussen(world)
    if len(casussen) < 3:  # pragma: no cover - the story always has enough
        return
    marieke = users["marieke"]

    stuck = casussen[0]
    escalation = regie.escalate_casus(
        stuck,
        description=(
            "Huisuitzetting dreigt door huurachterstand en overlast. De corporatie wil eerst zorg geregeld zien, "
            "de GGZ wil pas aansluiten na contact. Niemand neemt de eerste stap."
        ),
        procesregisseur=marieke,
        by=marieke,
    )
    started = clock.now - timedelta(days=12)
    Escalation.objects.filter(pk=escalation.pk).update(escalated_at=started)
    escalation.refresh_from_db()  # the decisions below are dated after the escalation
    regie.record_decision(
        escalation,
        text="Ontruiming wordt vier weken aangehouden; bemoeizorgteam legt contact samen met de wijkagent.",
        decided_on=clock.today - timedelta(days=10),
        by=marieke,
    )
    regie.record_decision(
        escalation,
        text="FACT-team schuift aan bij het eerste huisbezoek.",
        decided_on=clock.today - timedelta(days=6),
        by=marieke,
    )
    police = regie.assign_action(
        escalation,
        organisation=orgs["politie"],
        due_date=clock.today + timedelta(days=5),
        description="Wijkagent gaat mee op het eerste huisbezoek.",
        by=marieke,
    )
    corp = regie.assign_action(
        escalation,
        organisation=orgs["corporatie"],
        due_date=clock.today + timedelta(days=1),
        description="Schriftelijk bevestigen dat de ontruiming wordt aangehouden.",
        by=marieke,
    )
    fact = regie.assign_action(
        escalation,
        organisation=orgs["fact"],
        due_date=clock.today + timedelta(days=1),
        description="Naam van de FACT-behandelaar doorgeven.",
        by=marieke,
    )
    Action.objects.filter(pk__in=[police.pk, corp.pk, fact.pk]).update(assigned_at=started)
    # The corporation's confirmation is overdue: that shows up for marieke.
    Action.objects.filter(pk=corp.pk).update(due_date=clock.today - timedelta(days=3))
    fact.refresh_from_db()
    regie.complete_action(fact, note="Behandelaar: zie FACT-dossier; contact via het teamnummer.", by=users["ayse"])

    meeting = overleg.create_meeting(
        kind=Meeting.Kind.CASUSOVERLEG,
        title="Casusoverleg Polderveen",
        starts_at=clock.now + timedelta(days=2),
        by=marieke,
    )
    for key in ("sanne", "kees", "henk", "linda", "ayse"):
        overleg.add_attendee(meeting, user=users[key], by=marieke)
    overleg.add_attendee(
        meeting, external_name="Huisarts Van Dam", external_organisation="Huisartsenpraktijk Polderveen", by=marieke
    )
    items = [overleg.add_agenda_item(meeting, reference=c.reference, by=marieke) for c in casussen[:3]]
    for item in items[:2]:
        overleg.share_item(
            item,
            organisation=orgs["corporatie"],
            ground="wettelijk",
            legal_ground="Convenant bemoeizorg Polderveen; dreigende huisuitzetting",
            by=marieke,
        )
    first = items[0]
    overleg.record_item(
        first,
        notes="Huurachterstand loopt op; contact is nog niet gelukt.",
        decision="Samen met de corporatie een laatste brief en een huisbezoek.",
        expected_version=first.version,
        by=marieke,
    )
    overleg.add_action(
        first,
        description="Laatste brief sturen met het aanbod van een gesprek.",
        owner_organisation=orgs["corporatie"],
        due_date=clock.today + timedelta(days=7),
        by=marieke,
    )
