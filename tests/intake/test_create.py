"""Registering a melding by the meldpunt: happy path, audit, roles."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.intake.models import Melding

from .helpers import staff_post

URL = reverse("intake:create")
REFERENCE_RE = re.compile(r"^M-\d{4}-\d{5}$")


@pytest.fixture
def meldpunt_client(users, login):
    return login(users["meldpunt"])


def post(client, **overrides):
    return client.post(URL, staff_post(**overrides), REMOTE_ADDR="10.1.2.3")


def test_form_renders_with_defaults(meldpunt_client, region):
    response = meldpunt_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nieuwe melding registreren" in html
    # Gemeenten of the werkgebied only.
    assert "Noordstad" in html and "Zuiddorp" in html
    assert "Oosthaven" not in html
    # Active concern categories as checkboxes, the urgency indicators too.
    assert 'value="psychisch"' in html and 'value="gevaar_anderen"' in html
    # received_at defaults to now (local time, minute precision).
    now = timezone.localtime()
    assert now.strftime("%Y-%m-%dT") in html


def test_inactive_category_not_offered(meldpunt_client):
    from vangnet.intake.models import ConcernCategory

    ConcernCategory.objects.filter(code="lvb").update(active=False)
    html = meldpunt_client.get(URL).content.decode()
    assert 'value="lvb"' not in html
    response = post(meldpunt_client, categories=["lvb"])
    assert response.status_code == 200
    assert not Melding.objects.exists()


def test_happy_path(meldpunt_client, users, ggd, region):
    response = post(meldpunt_client, gemeente=str(region["noord"].pk), bsn="1112 22 333")
    melding = Melding.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:detail", args=[melding.pk])
    assert REFERENCE_RE.match(melding.reference)
    assert melding.reference == f"M-{timezone.localtime(melding.created_at).year}-{melding.pk:05d}"
    assert melding.meldpunt == ggd
    assert melding.created_by == users["meldpunt"]
    assert melding.gemeente == region["noord"]
    assert melding.status == Melding.Status.TE_TRIEREN
    assert melding.bsn == "111222333"
    assert melding.postcode == "1234 AB"
    assert melding.melder_wants_feedback is True
    assert melding.urgency_indicators == ["geen_voedsel"]
    assert sorted(melding.categories.values_list("code", flat=True)) == ["psychisch", "verwaarlozing-woning"]
    assert timezone.localtime(melding.received_at).strftime("%Y-%m-%dT%H:%M") == "2025-03-04T09:15"

    log = AccessLog.objects.get(action="C")
    assert log.melding_id == str(melding.pk)
    assert log.user_id == str(users["meldpunt"].pk)
    assert log.username == "meldpunt"
    assert log.role == "meldpunt"
    assert log.organisation == str(ggd)
    assert log.ip_address == "10.1.2.3"
    assert log.object_type == "melding"

    # The success message shows the reference on the detail page.
    page = meldpunt_client.get(response["Location"])
    assert f"Melding {melding.reference} is geregistreerd" in page.content.decode()


def test_teamleider_may_register(users, login):
    response = login(users["teamleider"]).post(URL, staff_post())
    assert response.status_code == 302
    assert Melding.objects.get().created_by == users["teamleider"]


def test_references_are_unique_and_sequential(meldpunt_client):
    post(meldpunt_client)
    post(meldpunt_client)
    refs = list(Melding.objects.order_by("pk").values_list("reference", flat=True))
    assert len(set(refs)) == 2 and all(REFERENCE_RE.match(r) for r in refs)


def test_place_description_only_is_enough(meldpunt_client):
    response = post(
        meldpunt_client,
        given_names="",
        tussenvoegsel="",
        surname="",
        street="",
        house_number="",
        postcode="",
        city="",
        date_of_birth="",
        estimated_age="40",
        place_description="man, ~40, slaapt bij het station",
    )
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert melding.estimated_age == 40
    assert melding.betrokkene_name == "Naam onbekend"


def test_eight_digit_bsn_gets_leading_zero(meldpunt_client):
    post(meldpunt_client, bsn="1234.56.72")
    assert Melding.objects.get().bsn == "012345672"


def test_anonymous_melder_without_feedback_needs_no_contact(meldpunt_client):
    response = post(
        meldpunt_client,
        melder_anonymous="on",
        melder_name="",
        melder_phone="",
        melder_email="",
        melder_wants_feedback=None,
    )
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert melding.melder_anonymous and not melding.melder_wants_feedback


def test_received_at_now_is_accepted(meldpunt_client):
    now = timezone.localtime()
    response = post(meldpunt_client, received_at=now.strftime("%Y-%m-%dT%H:%M"))
    assert response.status_code == 302
    assert abs(Melding.objects.get().received_at - now) < timedelta(minutes=1)


@pytest.mark.parametrize("role", ["bemoeizorger", "consultant", "partner", "beheerder"])
def test_other_roles_may_not_register(users, login, role):
    client = login(users[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, staff_post()).status_code == 403
    assert not Melding.objects.exists()


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_meldpunt_without_organisation_refused(login, db):
    from tests.factories import UserFactory

    user = UserFactory(role="meldpunt", organisation=None)
    assert login(user).get(URL).status_code == 403


def test_melding_not_in_admin():
    from django.contrib import admin

    from vangnet.intake.models import ConcernCategory

    assert Melding not in admin.site._registry
    assert ConcernCategory in admin.site._registry
