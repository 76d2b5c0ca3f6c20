"""Functioneel beheer grants and revokes the in-beeld permission on its own narrow screen."""

import pytest
from django.urls import reverse

from vangnet.accounts.services import ensure_beheer_group
from vangnet.inbeeld import policies

pytestmark = pytest.mark.django_db
URL = reverse("admin:inbeeld_inbeeldauthorisation_changelist")


@pytest.fixture
def beheerder(users):
    user = users["beheerder"]
    user.groups.add(ensure_beheer_group())
    return user


def test_beheer_grants_and_revokes(beheerder, users, login):
    client = login(beheerder)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert users["partner"].username in html and users["bemoeizorger"].username not in html  # partners only
    partner = users["partner"]
    client.post(URL, {"action": "grant", "_selected_action": [partner.pk]})
    partner = type(partner).objects.get(pk=partner.pk)  # fresh permission cache
    assert policies.can_ask_in_beeld(partner)
    client.post(URL, {"action": "revoke", "_selected_action": [partner.pk]})
    partner = type(partner).objects.get(pk=partner.pk)
    assert not policies.can_ask_in_beeld(partner)


def test_change_form_is_read_only(beheerder, users, login):
    client = login(beheerder)
    url = reverse("admin:inbeeld_inbeeldauthorisation_change", args=[users["partner"].pk])
    response = client.post(url, {"username": "gekaapt"})
    assert response.status_code in (200, 403)
    users["partner"].refresh_from_db()
    assert users["partner"].username == "partner"


@pytest.mark.parametrize("who", ["teamleider", "partner"])
def test_non_beheer_cannot_use_it(users, login, who):
    assert login(users[who]).get(URL).status_code in (302, 403)
