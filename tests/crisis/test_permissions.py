"""Who may see and change the crisis card and episodes, and what a partner sees of
them: only the card a referral shares, when the worker chose to share it."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.network.factories import ServiceFactory, propose
from vangnet.access.models import BreakGlassGrant
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.crisis.models import CrisisCard, CrisisEpisode
from vangnet.network import services as network_services

from .conftest import CARD, episode, save

pytestmark = pytest.mark.django_db


def _refused():
    return AccessLog.objects.filter(action=AccessLog.Action.REFUSED)


def _urls(casus, made):
    return {
        "card": reverse("crisis:card", args=[casus.pk]),
        "edit": reverse("crisis:card_edit", args=[casus.pk]),
        "episode": reverse("crisis:episode_add", args=[casus.pk]),
        "feedback": reverse("crisis:episode_feedback", args=[made.pk]),
    }


@pytest.mark.parametrize(
    "who, card, work",
    [
        ("other_bemoeizorger", 404, 404),  # not on the casus
        ("other_teamleider", 404, 404),  # another organisation
        ("consultant", 404, 404),  # not asked on this casus
        ("meldpunt", 200, 403),  # sees the casus (and the card), does not work on it
        ("partner", 403, 403),  # only through a referral
        ("beheerder", 403, 403),
    ],
)
def test_wrong_users_are_refused_with_one_row_each(casus, users, login, who, card, work):
    save(casus, users["duo"])
    made = episode(casus, users["duo"])
    client = login(users[who])
    for name, url in _urls(casus, made).items():
        expected = card if name == "card" else work
        before = _refused().count()
        response = client.get(url)
        assert response.status_code == expected, url
        assert _refused().count() == before + (expected != 200), url
        if expected != 200:
            assert "Zus Anja" not in response.content.decode()
    before = _refused().count()
    post = {**CARD, "what_helps": "Overschreven", "version": "1", "agreed_on": ""}
    assert client.post(_urls(casus, made)["edit"], post).status_code == work
    assert client.post(_urls(casus, made)["feedback"], {"feedback": "X", "version": "1"}).status_code == work
    assert _refused().count() == before + 2
    assert CrisisCard.objects.get().what_helps == CARD["what_helps"]
    assert CrisisEpisode.objects.get().feedback == ""


def test_break_the_glass_reads_the_card_but_does_not_work(casus, users, login, other_org):
    save(casus, users["duo"])
    outsider = UserFactory(role=Role.MELDPUNT, organisation=other_org)
    BreakGlassGrant.objects.create(user=outsider, person=casus.person, reason="Politie aan de deur, spoed")
    client = login(outsider)
    response = client.get(reverse("crisis:card", args=[casus.pk]))
    assert response.status_code == 200 and "Zus Anja" in response.content.decode()
    row = AccessLog.objects.filter(detail__contains="crisiskaart bekeken", user_id=str(outsider.pk)).get()
    assert row.break_glass
    before = _refused().count()
    assert client.get(reverse("crisis:card_edit", args=[casus.pk])).status_code == 403
    assert _refused().count() == before + 1


def test_the_policy_officer_is_refused(casus, users, login):
    beleid = UserFactory(role=Role.BELEID, organisation=OrganisationFactory(name="Gemeente Test", kind="gemeente"))
    before = _refused().count()
    assert login(beleid).get(reverse("crisis:card", args=[casus.pk])).status_code == 403
    assert _refused().count() == before + 1


def test_a_consultant_on_the_casus_works_on_the_card(casus, users, login):
    casus.members.create(user=users["consultant"], role="consultant")
    assert login(users["consultant"]).get(reverse("crisis:card_edit", args=[casus.pk])).status_code == 200


def test_a_meldpunt_member_of_the_casus_still_does_not_edit(casus, users, login):
    casus.members.create(user=users["meldpunt"], role="consultant")
    assert login(users["meldpunt"]).get(reverse("crisis:card_edit", args=[casus.pk])).status_code == 403


# --- what a partner sees through a referral ----------------------------------------------


@pytest.fixture
def partner_service(police):
    return ServiceFactory(organisation=police, name="Zorg- en veiligheidsloket", type="anders")


def _partner_page(login, partner, referral):
    response = login(partner).get(reverse("network:partner_referral", args=[referral.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_partner_sees_the_card_only_when_the_referral_shares_it(casus, users, login, partner_service):
    save(casus, users["duo"])
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("personalia",))
    assert "Zus Anja" not in _partner_page(login, users["partner"], referral)
    other = ServiceFactory(organisation=partner_service.organisation, name="Wijkagent-overleg")
    sharing = propose(casus, other, users["bemoeizorger"], parts=("personalia", "crisiskaart"))
    body = _partner_page(login, users["partner"], sharing)
    assert "Zus Anja 06 11 22 33 44" in body and "Geen politie in uniform" in body


def test_the_partner_sees_the_card_of_the_moment_of_sharing(casus, users, login, partner_service):
    save(casus, users["duo"])
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("crisiskaart",))
    save(casus, users["duo"], version=1, who_to_call="Later nummer 06 99")
    body = _partner_page(login, users["partner"], referral)
    assert "Zus Anja 06 11 22 33 44" in body and "Later nummer" not in body


def test_without_a_card_the_partner_is_told_there_was_none(casus, users, login, partner_service):
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("crisiskaart",))
    assert "Er was nog geen crisiskaart" in _partner_page(login, users["partner"], referral)


def test_after_a_withdrawal_the_partner_no_longer_sees_the_card(casus, users, login, partner_service):
    save(casus, users["duo"])
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("crisiskaart",))
    network_services.withdraw_referral(referral, by=users["bemoeizorger"], reason="Betrokkene wil het niet")
    assert "Zus Anja" not in _partner_page(login, users["partner"], referral)


def test_a_partner_of_another_organisation_is_refused(casus, users, login, partner_service):
    save(casus, users["duo"])
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("crisiskaart",))
    stranger = UserFactory(
        role=Role.PARTNER, organisation=OrganisationFactory(name="Corporatie", kind="woningcorporatie")
    )
    before = _refused().count()
    response = login(stranger).get(reverse("network:partner_referral", args=[referral.pk]))
    assert response.status_code == 404 and "Zus Anja" not in response.content.decode()
    assert _refused().count() == before + 1


def test_a_partner_with_the_shared_part_is_still_refused_on_the_card_page(casus, users, login, partner_service):
    save(casus, users["duo"])
    propose(casus, partner_service, users["bemoeizorger"], parts=("crisiskaart",))
    before = _refused().count()
    assert login(users["partner"]).get(reverse("crisis:card", args=[casus.pk])).status_code == 403
    assert _refused().count() == before + 1
