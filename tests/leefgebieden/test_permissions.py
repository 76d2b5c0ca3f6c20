"""Who may see and change the life-domain pictures, and what a partner sees of them:
only the picture a referral shares, when the worker chose to share it."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.network.factories import ServiceFactory, propose
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.leefgebieden.models import Assessment
from vangnet.network import services as network_services

from .conftest import days_ago, record

pytestmark = pytest.mark.django_db


def _refused():
    return AccessLog.objects.filter(action=AccessLog.Action.REFUSED)


@pytest.mark.parametrize(
    "who, status",
    [
        ("other_bemoeizorger", 404),  # not on the casus
        ("other_teamleider", 404),  # another organisation
        ("consultant", 404),  # not asked on this casus
        ("meldpunt", 403),  # sees the casus, not its care content
        ("partner", 403),  # only through a referral
        ("beheerder", 403),
    ],
)
def test_the_pages_refuse_whoever_is_not_on_the_care_team_of_the_casus(casus, users, login, who, status):
    picture = record(casus, users["duo"], days_ago(1), wonen=(1, "Slaapt in de auto"))
    client = login(users[who])
    urls = [
        reverse("leefgebieden:overview", args=[casus.pk]),
        reverse("leefgebieden:picture_add", args=[casus.pk]),
        reverse("leefgebieden:picture_correct", args=[picture.pk]),
    ]
    for url in urls:
        before = _refused().count()
        response = client.get(url)
        assert response.status_code == status, url
        assert "Slaapt in de auto" not in response.content.decode()
        assert _refused().count() == before + 1, url
    before = _refused().count()
    assert client.post(urls[1], {"assessed_on": days_ago(0).isoformat(), "score_wonen": "3"}).status_code == status
    assert _refused().count() == before + 1
    assert Assessment.objects.count() == 1


def test_the_policy_officer_is_refused(casus, users, login, ggd):
    beleid = UserFactory(role=Role.BELEID, organisation=OrganisationFactory(name="Gemeente Test", kind="gemeente"))
    before = _refused().count()
    assert login(beleid).get(reverse("leefgebieden:overview", args=[casus.pk])).status_code == 403
    assert _refused().count() == before + 1


def test_a_consultant_on_the_casus_reads_and_records(casus, users, login):
    casus.members.create(user=users["consultant"], role="consultant")
    client = login(users["consultant"])
    assert client.get(reverse("leefgebieden:overview", args=[casus.pk])).status_code == 200
    assert client.get(reverse("leefgebieden:picture_add", args=[casus.pk])).status_code == 200


def test_the_teamleider_reads_and_records_on_her_organisation_s_casus(casus, users, login):
    client = login(users["teamleider"])
    assert client.get(reverse("leefgebieden:overview", args=[casus.pk])).status_code == 200
    assert client.get(reverse("leefgebieden:picture_add", args=[casus.pk])).status_code == 200


# --- what a partner sees through a referral ----------------------------------------------


@pytest.fixture
def partner_service(police):
    return ServiceFactory(organisation=police, name="Zorg- en veiligheidsloket", type="anders")


def _partner_page(login, partner, referral):
    response = login(partner).get(reverse("network:partner_referral", args=[referral.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_partner_sees_the_picture_only_when_the_referral_shares_it(casus, users, login, partner_service):
    record(casus, users["duo"], days_ago(2), wonen=(2, "Huurachterstand van drie maanden"))
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("personalia",))
    assert "Huurachterstand" not in _partner_page(login, users["partner"], referral)

    other = ServiceFactory(organisation=partner_service.organisation, name="Wijkagent-overleg")
    sharing = propose(casus, other, users["bemoeizorger"], parts=("personalia", "leefgebieden"))
    body = _partner_page(login, users["partner"], sharing)
    assert "Huurachterstand van drie maanden" in body and "Niet zelfredzaam" in body


def test_the_partner_sees_the_picture_of_the_moment_of_sharing_not_a_later_one(casus, users, login, partner_service):
    record(casus, users["duo"], days_ago(3), wonen=(2, "Het gedeelde beeld"))
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("leefgebieden",))
    record(casus, users["duo"], days_ago(0), wonen=(4, "Een later beeld"))
    body = _partner_page(login, users["partner"], referral)
    assert "Het gedeelde beeld" in body and "Een later beeld" not in body


def test_without_a_picture_the_partner_is_told_there_was_none(casus, users, login, partner_service):
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("leefgebieden",))
    assert "Er was nog geen leefgebiedenbeeld vastgelegd" in _partner_page(login, users["partner"], referral)


def test_after_a_withdrawal_the_partner_no_longer_sees_the_picture(casus, users, login, partner_service):
    record(casus, users["duo"], days_ago(3), wonen=(2, "Het gedeelde beeld"))
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("leefgebieden",))
    network_services.withdraw_referral(referral, by=users["bemoeizorger"], reason="Betrokkene wil het niet")
    assert "Het gedeelde beeld" not in _partner_page(login, users["partner"], referral)


def test_a_partner_of_another_organisation_does_not_see_the_shared_picture(casus, users, login, partner_service):
    record(casus, users["duo"], days_ago(3), wonen=(2, "Het gedeelde beeld"))
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("leefgebieden",))
    stranger = UserFactory(
        role=Role.PARTNER, organisation=OrganisationFactory(name="Corporatie", kind="woningcorporatie")
    )
    before = _refused().count()
    response = login(stranger).get(reverse("network:partner_referral", args=[referral.pk]))
    assert response.status_code == 404 and "Het gedeelde beeld" not in response.content.decode()
    assert _refused().count() == before + 1


def test_the_worker_sees_on_the_referral_what_the_partner_sees(casus, users, login, partner_service):
    record(casus, users["duo"], days_ago(3), wonen=(2, "Het gedeelde beeld"))
    referral = propose(casus, partner_service, users["bemoeizorger"], parts=("leefgebieden",))
    body = login(users["duo"]).get(reverse("network:referral_detail", args=[referral.pk])).content.decode()
    assert "Het gedeelde beeld" in body
