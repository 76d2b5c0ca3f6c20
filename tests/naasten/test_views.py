"""The naasten pages: who sees and edits them (a wrong user refused with a refusal
log row), adding and changing a naaste and logging a contact through the pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.access.models import BreakGlassGrant
from vangnet.audit.models import AccessLog
from vangnet.naasten.models import Naaste, NaasteContact

from .conftest import add

pytestmark = pytest.mark.django_db


def _refused():
    return AccessLog.objects.filter(action=AccessLog.Action.REFUSED)


NEW = {"name": "Buurvrouw Els", "relation": "buren", "reach": "Nr. 12", "consent": "contact", "consent_on": ""}


@pytest.mark.parametrize(
    "who, status",
    [
        ("other_bemoeizorger", 404),  # not on the casus
        ("other_teamleider", 404),  # another organisation
        ("consultant", 404),  # not asked on this casus
        ("meldpunt", 403),  # sees the casus, not its naasten
        ("partner", 403),
        ("beheerder", 403),
    ],
)
def test_the_pages_refuse_whoever_is_not_on_the_care_team_of_the_casus(casus, users, login, who, status):
    naaste = add(casus, users["duo"], name="Geheime Zus", reach="06-99998888")
    client = login(users[who])
    urls = [
        reverse("naasten:overview", args=[casus.pk]),
        reverse("naasten:contact_add", args=[casus.pk]),
        reverse("naasten:naaste_edit", args=[naaste.pk]),
    ]
    for url in urls:
        before = _refused().count()
        response = client.get(url)
        assert response.status_code == status, url
        assert "Geheime Zus" not in response.content.decode()
        assert _refused().count() == before + 1, url
    before = _refused().count()
    assert client.post(urls[0], NEW).status_code == status
    assert _refused().count() == before + 1
    assert Naaste.objects.count() == 1


def test_break_the_glass_may_not_edit_the_naasten(casus, users, login):
    BreakGlassGrant.objects.create(
        user=users["other_meldpunt"],
        person=casus.person,
        reason="Acute melding, dossier nodig",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    before = _refused().count()
    response = login(users["other_meldpunt"]).post(reverse("naasten:overview", args=[casus.pk]), NEW)
    assert response.status_code in (403, 404)
    assert _refused().count() == before + 1
    assert not Naaste.objects.exists()


def test_the_worker_adds_a_naaste_through_the_page_once_on_a_double_submit(casus, users, login):
    client = login(users["duo"])
    url = reverse("naasten:overview", args=[casus.pk])
    assert client.post(url, NEW).status_code == 302
    assert client.post(url, NEW).status_code == 302
    assert Naaste.objects.count() == 1
    html = client.get(url).content.decode()
    assert "Buurvrouw Els" in html and "Alleen dat er contact is" in html
    detail = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert url in detail


def test_a_melder_is_marked_on_the_page(casus, users, login):
    add(casus, users["duo"], name="Buurman Piet", is_melder=True)
    html = login(users["bemoeizorger"]).get(reverse("naasten:overview", args=[casus.pk])).content.decode()
    assert "melder — nooit tonen bij inzage" in html


def test_an_implausible_consent_date_is_shown_on_the_field_and_input_kept(casus, users, login):
    future = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = login(users["duo"]).post(reverse("naasten:overview", args=[casus.pk]), {**NEW, "consent_on": future})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze datum ligt in de toekomst." in html and "Buurvrouw Els" in html
    assert not Naaste.objects.exists()


def test_a_concurrent_edit_is_told_and_the_input_kept(casus, users, login):
    naaste = add(casus, users["duo"])
    url = reverse("naasten:naaste_edit", args=[naaste.pk])
    login(users["bemoeizorger"]).post(url, {**NEW, "name": "Eerst", "version": 1})
    response = login(users["duo"]).post(url, {**NEW, "name": "Mijn versie", "version": 1})
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html and "Mijn versie" in html
    naaste.refresh_from_db()
    assert naaste.name == "Eerst"


def test_logging_a_contact_through_the_page(casus, users, login):
    naaste = add(casus, users["duo"])
    client = login(users["duo"])
    at = timezone.localtime() - timedelta(hours=1)
    data = {
        "contact-naaste": str(naaste.pk),
        "contact-at": at.strftime("%Y-%m-%dT%H:%M"),
        "contact-way": "telefoon",
        "contact-note": "Zus maakt zich zorgen",
    }
    url = reverse("naasten:contact_add", args=[casus.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert NaasteContact.objects.count() == 1
    html = client.get(reverse("naasten:overview", args=[casus.pk])).content.decode()
    assert "Zus maakt zich zorgen" in html


def test_a_future_contact_is_shown_on_the_field(casus, users, login):
    naaste = add(casus, users["duo"])
    at = timezone.localtime() + timedelta(days=2)
    data = {"contact-naaste": str(naaste.pk), "contact-at": at.strftime("%Y-%m-%dT%H:%M"), "contact-way": "bezoek"}
    response = login(users["duo"]).post(reverse("naasten:contact_add", args=[casus.pk]), data)
    assert "Dit tijdstip ligt in de toekomst" in response.content.decode()
    assert not NaasteContact.objects.exists()
