"""The means page: who sees it, the add forms, the placement, errors on the form."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.middelen.models import Inzet, Wachtlijst

from .conftest import days_ago, inzet, listing

pytestmark = pytest.mark.django_db


def _refused():
    return AccessLog.objects.filter(action=AccessLog.Action.REFUSED)


@pytest.mark.parametrize(
    "who, status",
    [
        ("other_bemoeizorger", 404),
        ("other_teamleider", 404),
        ("consultant", 404),
        ("meldpunt", 403),
        ("partner", 403),
        ("beheerder", 403),
    ],
)
def test_the_page_and_the_forms_refuse_whoever_is_not_on_the_care_team(casus, users, login, who, status):
    inzet(casus, users["duo"], users["teamleider"], purpose="Pension De Linde")
    entry = listing(casus, users["duo"])
    client = login(users[who])
    before = _refused().count()
    response = client.get(reverse("middelen:overview", args=[casus.pk]))
    assert response.status_code == status
    assert "Pension De Linde" not in response.content.decode()
    assert _refused().count() == before + 1
    posts = [
        (reverse("middelen:inzet_add", args=[casus.pk]), {"inzet-kind": "budget"}),
        (reverse("middelen:wachtlijst_add", args=[casus.pk]), {"wachtlijst-kind": "opvang"}),
        (reverse("middelen:placement", args=[entry.pk]), {}),
    ]
    for url, data in posts:
        before = _refused().count()
        assert client.post(url, data).status_code == status, url
        assert _refused().count() == before + 1, url
    assert Inzet.objects.count() == 1 and Wachtlijst.objects.get().status == "wachtend"


def test_the_policy_officer_is_refused(casus, login):
    beleid = UserFactory(role=Role.BELEID, organisation=OrganisationFactory(name="Gemeente Test", kind="gemeente"))
    before = _refused().count()
    assert login(beleid).get(reverse("middelen:overview", args=[casus.pk])).status_code == 403
    assert _refused().count() == before + 1


def test_the_casus_page_links_to_the_means(casus, users, login):
    page = login(users["duo"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert reverse("middelen:overview", args=[casus.pk]) in page


def test_record_an_inzet_through_the_page_and_a_double_submit_stores_one(casus, users, login):
    client = login(users["duo"])
    data = {
        "inzet-kind": "budget",
        "inzet-amount": "120,50",
        "inzet-purpose": "Boodschappen en een ov-kaart",
        "inzet-approved_by": str(users["teamleider"].pk),
        "inzet-spent_on": days_ago(1).isoformat(),
    }
    url = reverse("middelen:inzet_add", args=[casus.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    [item] = Inzet.objects.all()
    assert str(item.amount) == "120.50"
    page = client.get(reverse("middelen:overview", args=[casus.pk])).content.decode()
    assert "Boodschappen en een ov-kaart" in page


def test_a_wrong_approver_and_amount_are_shown_on_the_form(casus, users, login):
    response = login(users["duo"]).post(
        reverse("middelen:inzet_add", args=[casus.pk]),
        {
            "inzet-kind": "budget",
            "inzet-amount": "99999,00",
            "inzet-purpose": "Huur",
            "inzet-approved_by": str(users["duo"].pk),
            "inzet-spent_on": days_ago(1).isoformat(),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies de teamleider" in page and 'href="#id_inzet-approved_by"' in page
    assert not Inzet.objects.exists()


def test_an_implausible_amount_under_the_field_limit_is_refused_in_dutch(casus, users, login):
    response = login(users["duo"]).post(
        reverse("middelen:inzet_add", args=[casus.pk]),
        {
            "inzet-kind": "budget",
            "inzet-amount": "30000",
            "inzet-purpose": "Huur",
            "inzet-approved_by": str(users["teamleider"].pk),
            "inzet-spent_on": days_ago(1).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "onwaarschijnlijk hoog" in response.content.decode()


def test_waiting_list_and_placement_through_the_page(casus, users, login):
    client = login(users["duo"])
    response = client.post(
        reverse("middelen:wachtlijst_add", args=[casus.pk]),
        {
            "wachtlijst-kind": "opvang",
            "wachtlijst-provider": "De Herberg",
            "wachtlijst-listed_on": days_ago(9).isoformat(),
        },
    )
    assert response.status_code == 302
    entry = Wachtlijst.objects.get()
    prefix = f"plaatsing-{entry.pk}"
    url = reverse("middelen:placement", args=[entry.pk])
    bad = client.post(
        url,
        {f"{prefix}-status": "geplaatst", f"{prefix}-placed_on": days_ago(10).isoformat(), f"{prefix}-version": "1"},
    )
    assert bad.status_code == 200 and "vóór" in bad.content.decode()
    ok = client.post(
        url, {f"{prefix}-status": "geplaatst", f"{prefix}-placed_on": days_ago(1).isoformat(), f"{prefix}-version": "1"}
    )
    assert ok.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.placed_on) == ("geplaatst", days_ago(1))


def test_a_concurrent_placement_keeps_the_input_with_a_dutch_message(casus, users, login):
    entry = listing(casus, users["duo"])
    Wachtlijst.objects.filter(pk=entry.pk).update(version=2)
    prefix = f"plaatsing-{entry.pk}"
    response = login(users["duo"]).post(
        reverse("middelen:placement", args=[entry.pk]),
        {f"{prefix}-status": "vervallen", f"{prefix}-version": "1"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    assert f'name="{prefix}-version" value="2"' in page
    assert Wachtlijst.objects.get().status == "wachtend"


def test_the_teamleider_sees_the_waiting_times_of_her_organisation_only(casus, users, login):
    listing(casus, users["duo"], days_ago(12), kind="opvang", provider="De Herberg")
    client = login(users["teamleider"])
    before = AccessLog.objects.filter(object_type="cijfers").count()
    page = client.get(reverse("middelen:figures")).content.decode()
    assert "Maatschappelijke opvang" in page and ">12<" in page
    assert "De Herberg" not in page and casus.reference not in page, "figures only, never persons"
    assert AccessLog.objects.filter(object_type="cijfers").count() == before + 1
    other = login(users["other_teamleider"]).get(reverse("middelen:figures")).content.decode()
    assert ">12<" not in other
    assert reverse("middelen:figures") in client.get(reverse("monitor:home")).content.decode()


@pytest.mark.parametrize("who", ["bemoeizorger", "meldpunt", "partner", "beheerder"])
def test_others_are_refused_the_waiting_times(users, login, who):
    before = _refused().count()
    assert login(users[who]).get(reverse("middelen:figures")).status_code == 403
    assert _refused().count() == before + 1


def test_the_policy_officer_is_refused_the_per_organisation_waiting_times(login):
    beleid = UserFactory(role=Role.BELEID, organisation=OrganisationFactory(name="Gemeente Test", kind="gemeente"))
    assert login(beleid).get(reverse("middelen:figures")).status_code == 403
