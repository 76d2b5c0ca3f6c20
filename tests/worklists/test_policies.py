"""Which home page a role gets: the rules in vangnet.worklists.policies."""

import pytest
from django.urls import reverse

from vangnet.worklists import policies

pytestmark = pytest.mark.django_db

NAMES = ["meldpunt", "bemoeizorger", "teamleider", "consultant", "partner", "beheerder"]


@pytest.mark.parametrize("name", NAMES)
def test_partner_home_only_for_partners(users, name):
    assert policies.can_view_partner_home(users[name]) is (name == "partner")


@pytest.mark.parametrize("name", NAMES)
def test_beheer_home_refuses_staff(users, name):
    assert policies.can_view_beheer_home(users[name]) is (name in ("partner", "beheerder"))


@pytest.mark.parametrize("name", NAMES)
def test_organisation_overview_only_for_meldpunt_and_teamleider(users, name):
    assert policies.can_view_organisation_overview(users[name]) is (name in ("meldpunt", "teamleider"))


@pytest.mark.parametrize("name", [*NAMES, "privacy"])
def test_privacy_home_only_for_the_privacy_officer(users, name):
    assert policies.can_view_privacy_home(users[name]) is (name == "privacy")


def test_the_privacy_officer_lands_on_the_privacy_page(users, login):
    response = login(users["privacy"]).get("/")
    assert response.status_code == 200
    assert "worklists/home_privacy.html" in [t.name for t in response.templates]
    title, _sep, body = response.content.decode().partition("</title>")
    assert "<ul>" not in title
    assert reverse("verwerking:register") in body and reverse("verzoeken:register") in body
