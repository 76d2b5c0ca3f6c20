"""Issue 11 item 7: an in-app notification for every event where someone must act
or wants to know. Per event: the right people get exactly one notification of
the right kind with the reference, the actor and an unrelated user get none,
the text carries no name, and each recipient may open the link (GET 200)."""

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from tests.conftest import verified_client
from tests.factories import CasusFactory, MeldingFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.network.factories import ServiceFactory, propose
from vangnet.access.services import break_the_glass
from vangnet.accounts.models import Role
from vangnet.cases.models import CaseMember, Phase
from vangnet.cases.services import change_phase, start_or_reopen_casus, update_members
from vangnet.network import services as network
from vangnet.network.models import FollowUp, StatusMessage
from vangnet.notifications.models import EventKind, Notification
from vangnet.procesregie import services as procesregie
from vangnet.triage.services import decide

pytestmark = pytest.mark.django_db

# Fixed names: the texts must never carry them.
GIVEN, SURNAME = "Zwaantje", "Geheimhouders"
RISK: dict[str, Any] = {"acute_danger": "nee", "already_in_care": "onbekend", "known_to_partners": "nee"}


@pytest.fixture
def person(db):
    return PersonFactory(given_names=GIVEN, surname=SURNAME, date_of_birth=datetime.date(1971, 4, 5))


@pytest.fixture
def casus(users, ggd, team, person):
    """A running casus: regisseur 'bemoeizorger', duo 'duo'."""
    casus = CasusFactory(
        organisation=ggd, team=team, casusregisseur=users["bemoeizorger"], person=person, reference="C-2026-00077"
    )
    CaseMember.objects.create(casus=casus, user=users["duo"], role=CaseMember.Role.DUO)
    return casus


@pytest.fixture
def fact(db):
    return OrganisationFactory(name="GGZ FACT Test", kind="ggz", runs_meldpunt=False, does_bemoeizorg=False)


@pytest.fixture
def service(fact):
    return ServiceFactory(organisation=fact, name="FACT-team Test", type="ggz")


@pytest.fixture
def fact_partners(fact):
    return [
        UserFactory(username="fact_partner", role=Role.PARTNER, organisation=fact),
        UserFactory(username="fact_partner2", role=Role.PARTNER, organisation=fact),
    ]


@pytest.fixture
def outsider(db):
    return UserFactory(username="buitenstaander", role=Role.BEMOEIZORGER, organisation=OrganisationFactory())


def assert_told(kind, reference, recipients, *, nobody_else=(), url_ok=True):
    """Each recipient got exactly one ``kind`` about ``reference``; no one else got one."""
    rows = Notification.objects.filter(kind=kind)
    assert sorted(rows.values_list("user__username", flat=True)) == sorted(u.username for u in recipients)
    for user in nobody_else:
        assert not Notification.objects.filter(user=user, kind=kind).exists(), user.username
    for row in rows:
        assert row.reference == reference
        assert reference in row.text
        assert GIVEN not in row.text and SURNAME not in row.text
        assert str(EventKind(kind).label) in row.text
        if url_ok:
            assert row.url, "a notification links to the page the recipient may open"
            response = verified_client(row.user).get(row.url)
            assert response.status_code == 200, (row.user.username, row.url, response.status_code)
    return list(rows)


# --- casus team and phase ----------------------------------------------------------


def _melding(ggd, users, **kwargs):
    kwargs.setdefault("given_names", GIVEN)
    kwargs.setdefault("surname", SURNAME)
    return MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"], **kwargs)


def test_triage_starting_bemoeizorg_tells_the_new_regisseur_and_duo(ggd, team, users, outsider):
    melding = _melding(ggd, users)
    teamleider = users["teamleider"]
    decide(
        melding,
        by=teamleider,
        outcome="bemoeizorg",
        casusregisseur=users["bemoeizorger"],
        duo=[users["duo"], teamleider],
        team=team,
        **RISK,
    )
    casus = melding.casus
    # The teamleider put herself in the duo: she triaged, she hears nothing.
    assert_told(
        EventKind.CASUS_ROLE,
        casus.reference,
        [users["bemoeizorger"], users["duo"]],
        nobody_else=[teamleider, outsider, users["meldpunt"]],
    )


def test_update_members_tells_who_joined_and_who_stayed_when_the_regisseur_changes(casus, users, outsider):
    regisseur, duo, consultant = users["bemoeizorger"], users["duo"], users["consultant"]
    other = users["other_bemoeizorger"]
    update_members(
        casus, casusregisseur=duo, duo=[regisseur], consultant=consultant, by=regisseur, expected_version=casus.version
    )
    assert_told(EventKind.CASUS_ROLE, casus.reference, [consultant], nobody_else=[regisseur, outsider, other])
    # The duo became regisseur: she hears of the new regisseur (herself); the actor does not.
    assert_told(EventKind.CASUS_REGISSEUR_CHANGED, casus.reference, [duo], nobody_else=[regisseur, consultant])


def test_update_members_without_a_change_tells_nobody(casus, users):
    update_members(
        casus,
        casusregisseur=users["bemoeizorger"],
        duo=[users["duo"]],
        by=users["teamleider"],
        expected_version=casus.version,
    )
    assert not Notification.objects.exists()


def test_reopening_at_triage_tells_the_members_of_the_phase_and_the_new_regisseur(casus, users, team):
    casus.phase = Phase.AFGESLOTEN
    casus.save()
    casus.refresh_from_db()
    start_or_reopen_casus(
        person=casus.person,
        organisation=casus.organisation,
        team=team,
        casusregisseur=users["duo"],
        duo=[],
        by=users["meldpunt"],
    )
    assert_told(EventKind.CASUS_PHASE_CHANGED, casus.reference, [users["bemoeizorger"], users["duo"]])
    assert_told(EventKind.CASUS_REGISSEUR_CHANGED, casus.reference, [users["bemoeizorger"], users["duo"]])
    assert not Notification.objects.filter(kind=EventKind.CASUS_ROLE).exists()


def test_phase_change_tells_the_members_but_not_the_actor(casus, users, outsider):
    consultant = users["consultant"]
    CaseMember.objects.create(casus=casus, user=consultant, role=CaseMember.Role.CONSULTANT)
    change_phase(casus, Phase.VERKENNEN, by=users["duo"])
    assert_told(
        EventKind.CASUS_PHASE_CHANGED,
        casus.reference,
        [users["bemoeizorger"], consultant],
        nobody_else=[users["duo"], outsider, users["teamleider"]],
    )


def test_a_rolled_back_change_tells_nobody(casus, users):
    with pytest.raises(RuntimeError), transaction.atomic():
        change_phase(casus, Phase.VERKENNEN, by=users["duo"])
        raise RuntimeError("after the notification, before the commit")
    assert not Notification.objects.exists()


# --- a new melding about the person of a running casus ------------------------------


def test_triage_linking_a_melding_to_the_person_of_a_running_casus_tells_its_members(casus, ggd, users, outsider):
    CasusFactory(person=casus.person, organisation=ggd, phase=Phase.AFGESLOTEN, casusregisseur=users["teamleider"])
    melding = _melding(ggd, users)
    decide(melding, by=users["meldpunt"], outcome="advies", reason="Melder geadviseerd.", person=casus.person, **RISK)
    assert_told(
        EventKind.MELDING_ABOUT_CASUS,
        casus.reference,
        [users["bemoeizorger"], users["duo"]],
        # The closed casus' regisseur: no running casus, no news.
        nobody_else=[users["teamleider"], users["meldpunt"], outsider],
    )


def test_triage_of_a_new_person_tells_no_casus_members(casus, ggd, users):
    melding = _melding(ggd, users)
    decide(melding, by=users["meldpunt"], outcome="advies", reason="Melder geadviseerd.", **RISK)
    assert not Notification.objects.filter(kind=EventKind.MELDING_ABOUT_CASUS).exists()


# --- referrals -------------------------------------------------------------------


def test_a_referral_tells_the_partner_users_of_the_receiving_organisation(casus, service, fact_partners, users):
    propose(casus, service, users["bemoeizorger"])
    rows = assert_told(
        EventKind.REFERRAL_RECEIVED,
        service.name,
        fact_partners,
        # The police partner is another organisation; the worker made it herself.
        nobody_else=[users["partner"], users["bemoeizorger"], users["duo"]],
    )
    # The partner pages never show the casus number, nor does her notification.
    assert all("/partner/" in row.url and casus.reference not in row.text for row in rows)


def test_an_inactive_partner_user_is_not_told(casus, service, fact_partners, users):
    fact_partners[1].is_active = False
    fact_partners[1].save()
    propose(casus, service, users["bemoeizorger"])
    assert_told(EventKind.REFERRAL_RECEIVED, service.name, [fact_partners[0]], url_ok=False)


@pytest.mark.parametrize("answer", ["accept", "refuse"])
def test_the_answer_goes_back_to_the_referring_worker_and_the_regisseur(
    answer, casus, service, fact_partners, users, outsider
):
    referral = propose(casus, service, users["duo"])
    partner = fact_partners[0]
    if answer == "accept":
        network.accept_referral(referral, by=partner, intake_date=timezone.localdate())
    else:
        network.refuse_referral(referral, by=partner, reason="geen_plek")
    rows = assert_told(
        EventKind.REFERRAL_ANSWERED,
        casus.reference,
        [users["duo"], users["bemoeizorger"]],
        nobody_else=[partner, fact_partners[1], outsider],
    )
    assert all("/partner/" not in row.url for row in rows)


def test_a_referring_worker_who_left_the_casus_is_not_told(casus, service, fact_partners, users):
    referral = propose(casus, service, users["duo"])
    CaseMember.objects.filter(casus=casus, user=users["duo"]).delete()
    network.accept_referral(referral, by=fact_partners[0], intake_date=timezone.localdate())
    assert_told(EventKind.REFERRAL_ANSWERED, casus.reference, [users["bemoeizorger"]])


def test_the_intake_is_told_to_the_referrer_and_the_regisseur(casus, service, fact_partners, users):
    referral = propose(casus, service, users["duo"])
    network.accept_referral(referral, by=fact_partners[0], intake_date=timezone.localdate())
    network.record_intake(referral, by=users["duo"], on=timezone.localdate(), warm=True)
    assert_told(
        EventKind.REFERRAL_INTAKE, casus.reference, [users["bemoeizorger"]], nobody_else=[users["duo"], *fact_partners]
    )


def test_a_withdrawn_referral_tells_the_partner_users(casus, service, fact_partners, users):
    referral = propose(casus, service, users["duo"])
    Notification.objects.all().delete()
    network.withdraw_referral(referral, by=users["duo"], reason="Betrokkene verhuisd.")
    rows = assert_told(
        EventKind.REFERRAL_WITHDRAWN, service.name, fact_partners, nobody_else=[users["duo"], users["bemoeizorger"]]
    )
    assert all(casus.reference not in row.text for row in rows)


# --- vinger aan de pols -------------------------------------------------------------


def test_a_due_follow_up_tells_the_regisseur_once(casus, service, fact_partners, users, outsider):
    referral = propose(casus, service, users["duo"])
    network.accept_referral(referral, by=fact_partners[0], intake_date=timezone.localdate())
    network.record_intake(referral, by=users["duo"], on=timezone.localdate(), warm=True)
    network.record_in_care(referral, by=users["duo"], on=timezone.localdate())
    Notification.objects.all().delete()
    # Two checks due at once (a late run): one notification for the casus.
    FollowUp.objects.filter(referral=referral).update(due_date=timezone.localdate())
    network.remind_due_follow_ups()
    rows = assert_told(
        EventKind.FOLLOW_UP_DUE, casus.reference, [users["bemoeizorger"]], nobody_else=[users["duo"], outsider]
    )
    assert "vinger-aan-de-pols" in rows[0].url
    # A second run the same day (and a newly added due check) tells her nothing new.
    FollowUp.objects.filter(referral=referral).update(reminded_at=None)
    network.remind_due_follow_ups()
    assert Notification.objects.filter(kind=EventKind.FOLLOW_UP_DUE).count() == 1


# --- procesregie ---------------------------------------------------------------------


def test_an_escalation_tells_the_procesregisseur(casus, users, outsider):
    procesregie.escalate_casus(
        casus, description="Niemand pakt het op.", procesregisseur=users["teamleider"], by=users["bemoeizorger"]
    )
    assert_told(
        EventKind.ESCALATION,
        casus.reference,
        [users["teamleider"]],
        nobody_else=[users["bemoeizorger"], users["duo"], outsider],
    )


def test_an_action_tells_the_users_of_the_organisation_aan_zet(casus, users, fact, fact_partners, outsider):
    escalation = procesregie.escalate_casus(
        casus, description="Niemand pakt het op.", procesregisseur=users["teamleider"], by=users["bemoeizorger"]
    )
    procesregie.assign_action(
        escalation,
        organisation=fact,
        description="Intake plannen",
        due_date=timezone.localdate() + datetime.timedelta(days=7),
        by=users["teamleider"],
    )
    assert_told(
        EventKind.REGIE_ACTION,
        casus.reference,
        fact_partners,
        nobody_else=[users["teamleider"], users["bemoeizorger"], users["partner"], outsider],
    )


def test_an_action_for_the_own_organisation_skips_the_procesregisseur(casus, users, ggd):
    escalation = procesregie.escalate_casus(
        casus, description="Vast.", procesregisseur=users["teamleider"], by=users["bemoeizorger"]
    )
    procesregie.assign_action(
        escalation,
        organisation=ggd,
        description="Huisbezoek samen",
        due_date=timezone.localdate() + datetime.timedelta(days=3),
        by=users["teamleider"],
    )
    told = set(Notification.objects.filter(kind=EventKind.REGIE_ACTION).values_list("user__username", flat=True))
    assert users["teamleider"].username not in told
    assert {"bemoeizorger", "meldpunt", "consultant"} <= told
    assert "beheerder" not in told  # a beheerder has no aan-zet page


# --- a partner's own melding --------------------------------------------------------


@pytest.fixture
def partner_melding(ggd, users):
    return MeldingFactory(
        meldpunt=ggd, created_by=users["partner"], channel="politie", given_names=GIVEN, surname=SURNAME
    )


def test_triage_of_a_partner_melding_tells_the_partner(partner_melding, users, outsider):
    decide(partner_melding, by=users["meldpunt"], outcome="advies", reason="Advies gegeven.", **RISK)
    rows = assert_told(
        EventKind.PARTNER_MELDING_STATUS,
        partner_melding.reference,
        [users["partner"]],
        nobody_else=[users["meldpunt"], outsider],
    )
    assert "/partner/" in rows[0].url


def test_a_meldpunt_melding_tells_no_partner(ggd, users):
    melding = _melding(ggd, users)
    decide(melding, by=users["meldpunt"], outcome="advies", reason="Advies gegeven.", **RISK)
    assert not Notification.objects.filter(kind=EventKind.PARTNER_MELDING_STATUS).exists()


def test_a_portal_status_message_tells_the_partner(partner_melding, users):
    decide(partner_melding, by=users["meldpunt"], outcome="advies", reason="Advies gegeven.", **RISK)
    Notification.objects.all().delete()
    message = network.send_status_message(partner_melding, template="in_behandeling", by=users["meldpunt"])
    assert message.channel == StatusMessage.Channel.PORTAL
    assert_told(EventKind.PARTNER_MELDING_STATUS, partner_melding.reference, [users["partner"]])


def test_closing_the_casus_of_a_partner_melding_tells_the_partner(casus, partner_melding, users):
    partner_melding.casus = casus
    partner_melding.status = "getrieerd"
    partner_melding.save()
    change_phase(casus, Phase.AFGESLOTEN, by=users["bemoeizorger"], reason="Zorg geregeld.", outcome="toegeleid")
    assert_told(EventKind.PARTNER_MELDING_STATUS, partner_melding.reference, [users["partner"]])
    # A move between open phases does not change what the partner sees.
    Notification.objects.all().delete()
    change_phase(casus, Phase.CONTACT_LEGGEN, by=users["bemoeizorger"], reason="Heropend.")
    change_phase(casus, Phase.VERKENNEN, by=users["bemoeizorger"])
    assert Notification.objects.filter(kind=EventKind.PARTNER_MELDING_STATUS).count() == 1


# --- the kinds of the older notifications ---------------------------------------------


def test_break_glass_on_another_organisations_data_has_its_kind(users, other_org, ggd):
    person = PersonFactory(given_names=GIVEN, surname=SURNAME)
    casus = CasusFactory(person=person, organisation=other_org, casusregisseur=UserFactory(organisation=other_org))
    break_the_glass(person, "Politie belt: acute zorgen", by=users["meldpunt"])
    row = Notification.objects.get(kind=EventKind.BREAK_GLASS)
    # Her own teamleider reviews the grant anyway; the owning organisation's hears of it.
    assert row.user == users["other_teamleider"]
    for secret in (GIVEN, SURNAME, casus.reference):
        assert secret not in row.text
    assert verified_client(row.user).get(row.url).status_code == 200


def test_wvggz_notifications_have_their_kind_and_reference(ggd, users):
    melding = _melding(ggd, users)
    decide(melding, by=users["meldpunt"], outcome="wvggz", **RISK)
    row = Notification.objects.get(kind=EventKind.WVGGZ)
    assert row.user == users["teamleider"] and row.reference.startswith("W-")
    assert verified_client(row.user).get(row.url).status_code == 200
