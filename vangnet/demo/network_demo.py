"""Demo data of the network (vangnet.network): a sociale kaart of the region,
referrals in every state (one refused, one in care with a vinger aan de pols
due) and a status message in the police partner's portal.

Built through the services like the rest of the demo; the timestamps the
services stamp as "now" are moved back into the story afterwards (demo only).
Extra organisations and users are fetched-or-created so a reload after
``load_demo --reset`` (which only wipes the core demo organisations) works."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from vangnet.accounts.models import Role, User
from vangnet.accounts.services import ensure_totp_device
from vangnet.cases.models import PhaseChange
from vangnet.intake.models import Melding
from vangnet.network import services
from vangnet.network.models import FollowUp, Referral, Service, ServiceContact, StatusMessage
from vangnet.organisations.models import Organisation

from . import scenarios as S
from .grondslagen_demo import ensure_consent

# key: (name, Organisation.kind)
EXTRA_ORGANISATIONS = {
    "wijkteam": ("Wijkteam Rivierstad", "wijkteam"),
    "verslaving": ("Verslavingszorg Rivierland", "verslavingszorg"),
    "onderdak": ("Stichting Onderdak Rivierstad", "opvang"),
    "schuldhulp": ("Schuldhulp Polderveen", "anders"),
    "ouderen": ("Zorggroep De Linde", "anders"),
    "veilig_thuis": ("Veilig Thuis Rivierland", "anders"),
}

# (organisation key, name, type, waiting weeks, intake criteria, exclusion criteria, contact)
SERVICES = [
    (
        "fact",
        "FACT-team Polderveen",
        "ggz",
        2,
        "Ernstige psychiatrische aandoening (EPA), 18+, woonachtig in Polderveen of Rivierstad.",
        "Verslaving als hoofdprobleem zonder psychiatrische stoornis; acute crisis (dan: crisisdienst).",
        ("Ayşe Yılmaz", "trajectbegeleider", "0513-200100"),
    ),
    (
        "fact",
        "Basis-GGZ Polderveen",
        "ggz",
        5,
        "Lichte tot matige psychische klachten; verwijzing huisarts nodig.",
        "Ernstige psychiatrische aandoening (dan: FACT).",
        ("Intakebureau", "", "0513-200200"),
    ),
    (
        "wijkteam",
        "Wijkteam Rivierstad-West",
        "wijkteam",
        1,
        "Alle inwoners van Rivierstad-West, alle leefgebieden.",
        "",
        ("Femke de Boer", "wijkcoach", "0512-300300"),
    ),
    (
        "verslaving",
        "Ambulante verslavingszorg",
        "verslavingszorg",
        3,
        "Problematisch alcohol- of middelengebruik, 18+.",
        "",
        ("Aanmeldpunt", "", "0512-400400"),
    ),
    (
        "onderdak",
        "Opvang De Haven",
        "opvang",
        6,
        "Dakloos, 18+, regiobinding Rivierland.",
        "Actief agressief gedrag.",
        ("Centrale toegang", "", "0512-500500"),
    ),
    (
        "onderdak",
        "Ambulante woonbegeleiding",
        "beschermd_wonen",
        4,
        "Zelfstandig wonend met begeleidingsvraag.",
        "",
        ("Marco Visser", "coördinator", "0512-500510"),
    ),
    (
        "onderdak",
        "Beschermd wonen De Kade",
        "beschermd_wonen",
        26,
        "Indicatie beschermd wonen (Wmo).",
        "Zelfstandig wonen mogelijk met ambulante begeleiding.",
        ("Plaatsingsoverleg", "", "0512-500520"),
    ),
    (
        "schuldhulp",
        "Schuldhulpverlening Polderveen",
        "schuldhulp",
        2,
        "Inwoners van Polderveen met problematische schulden.",
        "",
        ("Loket schuldhulp", "", "0513-600600"),
    ),
    (
        "ouderen",
        "Casemanagement dementie",
        "ouderenzorg",
        3,
        "Vermoeden of diagnose dementie, thuiswonend.",
        "",
        ("Els Hendriks", "casemanager", "0513-700700"),
    ),
    (
        "veilig_thuis",
        "Advies en melding Veilig Thuis",
        "veilig_thuis",
        0,
        "Vermoeden huiselijk geweld of kindermishandeling.",
        "",
        ("Adviesdesk", "", "0800-2000"),
    ),
    (
        "corporatie",
        "Woonconsulent Achter de Voordeur",
        "wonen",
        1,
        "Huurders van Woonstichting Polderhof.",
        "",
        ("Linda Smit", "woonconsulent", "0513-800800"),
    ),
]

# username: (first, last, organisation key): partner users of care organisations
# (in a core demo organisation, so ``load_demo --reset`` removes and rebuilds them).
PARTNER_USERS = {
    "noor": ("Noor", "Hendriks", "fact"),
}


def _organisations(world) -> dict:
    orgs = dict(world.orgs)
    for key, (name, kind) in EXTRA_ORGANISATIONS.items():
        org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
        org.gemeenten.set(world.gemeenten.values())
        orgs[key] = org
    return orgs


def _users(world, orgs) -> dict:
    password_hash = make_password(S.DEMO_PASSWORD)
    users = {}
    for username, (first, last, org_key) in PARTNER_USERS.items():
        user, _ = User.objects.get_or_create(
            username=username,
            defaults=dict(
                first_name=first,
                last_name=last,
                email=f"{username}@demo.vangnet.example",
                role=Role.PARTNER,
                organisation=orgs[org_key],
                password=password_hash,
            ),
        )
        ensure_totp_device(user, S.DEMO_TOTP_SECRET)
        users[username] = user
    return users


def _services(orgs, by, now) -> dict:
    result = {}
    for org_key, name, type_, weeks, criteria, exclusion, contact in SERVICES:
        service, created = Service.objects.get_or_create(
            organisation=orgs[org_key],
            name=name,
            defaults=dict(
                type=type_,
                waiting_weeks=weeks,
                intake_criteria=criteria,
                exclusion_criteria=exclusion,
                updated_at=now - timedelta(days=12),
                updated_by=by,
            ),
        )
        if created:
            ServiceContact.objects.create(service=service, name=contact[0], function=contact[1], phone=contact[2])
        result[name] = service
    return result


def _casus(world, key):
    return Melding.objects.select_related("casus").get(pk=world.meldingen[key].pk).casus


def _propose(casus, service, by, days_ago, now, situation, help_question):
    ensure_consent(casus, service.organisation, given_on=timezone.localdate(now - timedelta(days=days_ago)))
    referral = services.propose_referral(
        casus,
        service,
        by=by,
        shared_parts=["personalia", "contact", "situatie", "hulpvraag"],
        legal_ground="toestemming",
        legal_ground_text="Mondelinge toestemming van betrokkene tijdens huisbezoek",
        situation=situation,
        help_question=help_question,
    )
    Referral.objects.filter(pk=referral.pk).update(proposed_at=now - timedelta(days=days_ago))
    referral.refresh_from_db()
    return referral


def _to_in_care(referral, worker, partner, now, *, accepted_ago, intake_ago, in_care_ago):
    today = timezone.localdate(now)
    services.accept_referral(referral, by=partner, intake_date=today)
    services.record_intake(referral, by=worker, on=today, warm=True)
    before = PhaseChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    services.record_in_care(referral, by=worker, on=today)
    in_care_on = today - timedelta(days=in_care_ago)
    Referral.objects.filter(pk=referral.pk).update(
        accepted_at=now - timedelta(days=accepted_ago),
        intake_date=today - timedelta(days=intake_ago),
        intake_on=today - timedelta(days=intake_ago),
        in_care_on=in_care_on,
    )
    PhaseChange.objects.filter(casus=referral.casus, pk__gt=before).update(changed_at=now - timedelta(days=in_care_ago))
    referral.follow_ups.all().delete()
    services.schedule_follow_ups(referral, start=in_care_on)
    referral.refresh_from_db()
    return referral


def build(world, now=None) -> None:
    """Called once from builders.build_demo, after the story of the meldingen and casussen."""
    now = now or timezone.now()
    orgs = _organisations(world)
    users = {**world.users, **_users(world, orgs)}
    kaart = _services(orgs, users["thomas"], now)
    sanne, kees, noor = users["sanne"], users["kees"], users["noor"]
    fact, basis_ggz = kaart["FACT-team Polderveen"], kaart["Basis-GGZ Polderveen"]

    # In care 16 days ago: the check "after 2 weeks" is due on kees's and sanne's worklist.
    martina = _propose(
        _casus(world, "c-martina"),
        fact,
        kees,
        25,
        now,
        "Man, 33, stopte zelf met zijn medicatie; onrust en overlast in de buurt.",
        "Behandeling en medicatiebegeleiding door het FACT-team.",
    )
    _to_in_care(martina, kees, noor, now, accepted_ago=23, intake_ago=18, in_care_ago=16)

    # In care for weeks; the first check was answered "ja".
    koster = _propose(
        _casus(world, "c-koster"),
        basis_ggz,
        kees,
        52,
        now,
        "Vrouw, 45, ernstige angstklachten, komt de deur nauwelijks uit.",
        "Behandeling angststoornis.",
    )
    _to_in_care(koster, kees, noor, now, accepted_ago=50, intake_ago=50, in_care_ago=48)
    first = koster.follow_ups.get(key="2w")
    services.answer_follow_up(first, by=kees, answer="ja", note="Gaat zelfstandig naar de behandeling.")
    FollowUp.objects.filter(pk=first.pk).update(answered_at=now - timedelta(days=33))

    hoekstra = _propose(
        _casus(world, "c-hoekstra"),
        kaart["Ambulante woonbegeleiding"],
        sanne,
        47,
        now,
        "Man, 58, woning vol spullen; opruimplan afgesproken met de corporatie.",
        "Woonbegeleiding bij het opruimplan.",
    )
    # No partner login at this organisation: the bemoeizorger records the acceptance by phone.
    _to_in_care(hoekstra, sanne, sanne, now, accepted_ago=45, intake_ago=42, in_care_ago=40)
    check = hoekstra.follow_ups.get(key="2w")
    services.answer_follow_up(check, by=sanne, answer="ja", note="Looppaden vrij, woonbegeleider komt wekelijks.")
    FollowUp.objects.filter(pk=check.pk).update(answered_at=now - timedelta(days=25))

    # Refused ("hier zijn wij niet van"), then a new referral that was accepted.
    benali_casus = _casus(world, "c-benali")
    refused = _propose(
        benali_casus,
        fact,
        sanne,
        32,
        now,
        "Man, 52, drinkt de hele dag; wond aan het been geneest nu.",
        "Behandeling en begeleiding.",
    )
    services.refuse_referral(
        refused,
        by=noor,
        reason="doelgroep",
        text="Verslaving staat op de voorgrond; geen EPA. Advies: verslavingszorg.",
    )
    Referral.objects.filter(pk=refused.pk).update(refused_at=now - timedelta(days=30))
    accepted = _propose(
        benali_casus,
        kaart["Ambulante verslavingszorg"],
        sanne,
        29,
        now,
        "Man, 52, drinkt de hele dag; wil praten over minderen.",
        "Ambulante behandeling alcoholgebruik.",
    )
    # Accepted by phone; the bemoeizorger records it (no partner login at this organisation).
    services.accept_referral(accepted, by=sanne, intake_date=timezone.localdate(now) + timedelta(days=3))
    Referral.objects.filter(pk=accepted.pk).update(accepted_at=now - timedelta(days=27))

    # Waiting for an answer: noor's inbox, and the opvang's waiting list.
    _propose(
        _casus(world, "c-dewit"),
        fact,
        sanne,
        2,
        now,
        "Man, vermoedelijk psychotisch, zorgmijdend; laat ons sinds kort binnen.",
        "Diagnostiek en behandeling.",
    )
    _propose(
        _casus(world, "c-bos"),
        kaart["Opvang De Haven"],
        kees,
        22,
        now,
        "Jonge man zonder vaste woonplek; wil nu wel een slaapplek.",
        "Plek in de maatschappelijke opvang.",
    )

    # The police partner (henk) sees a minimal status message on his melding.
    melding = world.meldingen["c-martina"]
    message = services.send_status_message(melding, template="contact_gelegd", by=kees)
    StatusMessage.objects.filter(pk=message.pk).update(sent_at=now - timedelta(days=15))
