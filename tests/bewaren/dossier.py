"""A person with a full dossier, every name and free text carrying MARKER (the retention
tests scan every table for it afterwards)."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, PersonFactory
from tests.network.factories import ServiceFactory, propose
from vangnet.access.models import BreakGlassGrant
from vangnet.accounts.models import FormDraft
from vangnet.cases import services as case_services
from vangnet.cases.models import CaseMember, CaseNote, ContactAttempt, Phase
from vangnet.crisis import services as crisis_services
from vangnet.grondslagen import services as grondslagen_services
from vangnet.inbeeld.models import InBeeldQuestion
from vangnet.inzage import services as inzage_services
from vangnet.leefgebieden import services as leefgebieden_services
from vangnet.naasten import services as naasten_services
from vangnet.network.models import StatusMessage
from vangnet.notifications.models import Notification, OutgoingMail
from vangnet.persons.models import PersonAddress, PersonAlias
from vangnet.plannen import services as plan_services
from vangnet.triage.models import TriageDecision
from vangnet.verzoeken import services as verzoeken_services
from vangnet.wvggz import services as wvggz_services
from vangnet.wvggz.models import Onderzoek

MARKER = "Zqxmarkeer"
BSN = "111222333"


def text(what: str) -> str:
    return f"{what} {MARKER}"


def _triage(melding, by, outcome, casus=None):
    return TriageDecision.objects.create(
        melding=melding,
        acute_danger="nee",
        already_in_care="nee",
        known_to_partners="nee",
        outcome=outcome,
        reason=text("triagereden"),
        casus=casus,
        decided_by=by,
        decided_at=timezone.now(),
    )


def build_dossier(org, users, *, close_casus=True):
    """A person with a closed (or open) casus and all around it, an onderzoek, a melding
    without follow-up, a status message, an in-beeld question, notifications, a draft."""
    worker, meldpunt = users["bemoeizorger"], users["meldpunt"]
    person = PersonFactory(given_names=MARKER, surname=text("Achternaam"), bsn=BSN, street=text("Straat"))
    PersonAlias.objects.create(person=person, given_names=MARKER, surname=text("Bijnaam"))
    PersonAddress.objects.create(person=person, street=text("Oude straat"), city="Utrecht")
    common = {"meldpunt": org, "created_by": meldpunt, "person": person, "status": "getrieerd", "bsn": BSN}
    common |= {"given_names": MARKER, "surname": text("Naam"), "description": text("Zorgen"), "melder_name": MARKER}

    casus = CasusFactory(person=person, organisation=org, casusregisseur=worker)
    CaseMember.objects.create(casus=casus, user=users["duo"], role=CaseMember.Role.DUO)
    melding = MeldingFactory(casus=casus, **common)
    _triage(melding, meldpunt, "bemoeizorg", casus)
    ContactAttempt.objects.create(
        casus=casus, at=timezone.now(), type="huisbezoek", result="geen_gehoor", note=text("poging"), created_by=worker
    )
    CaseNote.objects.create(casus=casus, text=text("notitie"), author=worker)
    leefgebieden_services.record_picture(
        casus, assessed_on=timezone.localdate(), scores={"wonen": (2, text("wonen"))}, by=worker
    )
    crisis_services.save_card(casus, expected_version=0, values={"who_to_call": text("Zus")}, by=worker)
    naaste = naasten_services.add_naaste(
        casus, name=text("Zus"), relation="familie", reach=text("06"), consent="contact", by=worker
    )
    goal = plan_services.set_goal(casus, text=text("Ik wil mijn huis houden"), own_words=True, by=worker)
    plan_services.add_action(
        goal, description=text("actie"), owner_user=worker, due_date=timezone.localdate() + timedelta(days=3), by=worker
    )
    propose(casus, ServiceFactory(name="Voorziening retentie"), worker, situation=text("situatie"))
    StatusMessage.objects.create(
        melding=melding,
        template="in_behandeling",
        text=text("bericht"),
        channel="email",
        recipient=MARKER,
        sent_at=timezone.now(),
        sent_by=meldpunt,
    )
    InBeeldQuestion.objects.create(
        username="partner",
        organisation_name="Politie",
        purpose="overlast",
        purpose_text=text("doel"),
        method="bsn",
        query_hash="0" * 64,
        answer_yes=True,
        person=person,
        casus=casus,
    )
    BreakGlassGrant.objects.create(user=meldpunt, person=person, reason=text("noodtoegang"))
    notification = Notification.objects.create(
        user=worker, kind="casus_rol", reference=casus.reference, text=text("Casus")
    )
    OutgoingMail.objects.create(
        kind="notificatie", to="w@example.org", subject=casus.reference, body=text("mail"), notification=notification
    )
    FormDraft.objects.create(
        user=worker,
        page=f"/casussen/{casus.pk}/notitie/",
        action="",
        fields={"text": text("concept")},
        expires_at=timezone.now() + timedelta(days=1),
    )
    # issue 16: the task with its reason, an objection, a request of the betrokkene, an inzage.
    grondslagen_services.change_grondslag(
        casus, task="regie", ground="wettelijk", reason=text("taak"), expected_version=0, by=worker
    )
    grondslagen_services.record_consent(
        person,
        soort="bezwaar",
        organisation_kind="woningcorporatie",
        purpose=text("bezwaar"),
        how="mondeling",
        given_on=timezone.localdate(),
        by=worker,
    )
    verzoeken_services.register_request(
        person,
        kind="correctie",
        received_on=timezone.localdate(),
        channel="schriftelijk",
        request_text=text("verzoek"),
        by=users["teamleider"],
    )
    inzage_services.start_inzage(person, by=users["teamleider"])
    if close_casus:
        case_services.change_phase(casus, Phase.AFGESLOTEN, by=worker, reason=text("afgesloten"), outcome="toegeleid")

    wvggz_melding = MeldingFactory(is_wvggz=True, **common)
    _triage(wvggz_melding, meldpunt, "wvggz")
    onderzoek = wvggz_services.open_onderzoek(wvggz_melding, by=meldpunt)
    Onderzoek.objects.filter(pk=onderzoek.pk).update(
        status="afgerond",
        outcome="geen_aanvraag",
        reason=text("besluit"),
        melder_message=text("brief"),
        decided_at=timezone.now(),
    )
    loose = MeldingFactory(**common)
    _triage(loose, meldpunt, "geen_actie")
    casus.refresh_from_db()
    return {
        "person": person,
        "casus": casus,
        "melding": melding,
        "onderzoek": onderzoek,
        "loose": loose,
        "naaste": naaste,
    }
