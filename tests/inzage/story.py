"""One person's story for the inzage tests (and the matrix world): a melding by a neighbour
who is named (and whose name and number also turn up in the notes), a casus of the GGD with
attempts, a note, a plan, a life-domain picture, means, a crisis, a referral, a Wvggz
onderzoek, an in-beeld question and two naasten (one of them the melder)."""

from datetime import timedelta

from django.utils import timezone

from tests.factories import CasusFactory, MeldingFactory, PersonFactory, category
from tests.network.factories import ServiceFactory, propose
from vangnet.cases import services as case_services
from vangnet.crisis import services as crisis_services
from vangnet.grondslagen import services as grondslagen_services
from vangnet.inbeeld.models import InBeeldQuestion
from vangnet.leefgebieden import services as leefgebieden_services
from vangnet.middelen import services as middelen_services
from vangnet.naasten import services as naasten_services
from vangnet.plannen import services as plan_services
from vangnet.verzoeken import services as verzoeken_services
from vangnet.wvggz import services as wvggz_services

MELDER = "Wilhelmina Oosterhout"
MELDER_PHONE = "06-98765432"
MELDER_EMAIL = "w.oosterhout@example.nl"
NAASTE_MELDER = "Gerrit Blokzijl"
PERSON_SURNAME = "Verbruggen"
NOTE = "Mevrouw Oosterhout belde weer (0698765432): meneer zat op het balkon te roepen."
ATTEMPT_NOTE = "Niet thuis; buurvrouw Wilhelmina zegt dat hij 's nachts loopt."


def make_story(*, ggd, regisseur, duo, meldpunt, partner, teamleider=None):
    person = PersonFactory(given_names="Henk", surname=PERSON_SURNAME, bsn="")
    now = timezone.now()
    casus = CasusFactory(
        organisation=ggd, person=person, casusregisseur=regisseur, members=[duo], opened_at=now - timedelta(days=20)
    )
    melding = MeldingFactory(
        meldpunt=ggd,
        created_by=meldpunt,
        person=person,
        casus=casus,
        status="getrieerd",
        received_at=now - timedelta(days=21),
        melder_type="buurtbewoner",
        melder_name=MELDER,
        melder_phone=MELDER_PHONE,
        melder_email=MELDER_EMAIL,
        melder_relation="buurvrouw op nummer 12",
        description=f"Ik ({MELDER}) maak me zorgen: meneer Verbruggen komt de deur niet uit.",
    )
    melding.categories.add(category("psychisch"))
    case_services.add_note(casus, text=NOTE, by=regisseur)
    case_services.log_contact_attempt(
        casus,
        at=now - timedelta(days=2),
        type="huisbezoek",
        result="geen_gehoor",
        workers=[regisseur, duo],
        with_police=False,
        note=ATTEMPT_NOTE,
        by=regisseur,
    )
    goal = plan_services.set_goal(casus, text="Ik wil mijn huis houden", own_words=True, by=duo)
    leefgebieden_services.record_picture(
        casus, assessed_on=timezone.localdate(), scores={"wonen": (2, "Huurachterstand")}, note="Besproken", by=duo
    )
    middelen_services.put_on_waiting_list(
        casus, kind="opvang", provider="De Herberg", listed_on=timezone.localdate() - timedelta(days=3), by=duo
    )
    crisis_services.record_episode(
        casus, kind="crisisdienst", at=now - timedelta(days=1), what_happened="Crisisdienst gebeld", by=duo
    )
    service = ServiceFactory(organisation=partner.organisation, name="Veiligheidshuis", type="anders")
    referral = propose(casus, service, regisseur)
    onderzoek = wvggz_services.open_onderzoek(
        MeldingFactory(
            meldpunt=ggd,
            created_by=meldpunt,
            person=person,
            casus=casus,
            status="getrieerd",
            is_wvggz=True,
            melder_name=NAASTE_MELDER,
            received_at=now - timedelta(days=5),
        ),
        by=meldpunt,
    )
    question = InBeeldQuestion.objects.create(
        username=partner.username,
        organisation=partner.organisation,
        organisation_name=str(partner.organisation),
        purpose="overlast",
        purpose_text="Melding van overlast bij de woning",
        method="bsn",
        query_hash="x" * 64,
        answer_yes=True,
        person=person,
        casus=casus,
    )
    sister = naasten_services.add_naaste(
        casus, name="Zus Annelies", relation="familie", reach="06-11112222", consent="contact", by=duo
    )
    melder_naaste = naasten_services.add_naaste(
        casus, name=NAASTE_MELDER, relation="buren", reach="06-33334444", consent="niets", is_melder=True, by=duo
    )
    # issue 16: the casus changed task, he objected to the corporaties, and asked for a correction.
    grondslagen_services.change_grondslag(
        casus, task="hulpverlening", ground="wettelijk", reason="Hij wil nu zelf hulp", expected_version=0, by=regisseur
    )
    grondslagen_services.record_consent(
        person,
        soort="bezwaar",
        organisation_kind="woningcorporatie",
        purpose="Niets delen met de verhuurder",
        how="mondeling",
        given_on=timezone.localdate(),
        by=regisseur,
    )
    if teamleider is not None:
        verzoeken_services.register_request(
            person,
            kind="correctie",
            received_on=timezone.localdate(),
            channel="schriftelijk",
            request_text="Mijn geboortedatum klopt niet",
            by=teamleider,
        )
    return {
        "person": person,
        "casus": casus,
        "melding": melding,
        "goal": goal,
        "referral": referral,
        "onderzoek": onderzoek,
        "question": question,
        "sister": sister,
        "melder_naaste": melder_naaste,
    }
