"""The pages: the casus block and the person block, changing the task (with its edit
conflict), recording and withdrawing consent, and the teamleider's review list."""

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.grondslagen import services
from vangnet.grondslagen.models import Afwijking, GrondslagWijziging, Toestemming

from .conftest import object_to

pytestmark = pytest.mark.django_db


def test_the_casus_page_shows_task_ground_history_and_consent(casus, corporatie, users, login):
    client = login(users["duo"])
    html = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Taak en grondslag" in html and "Toeleiding naar zorg" in html and "Standaard bij de start" in html
    assert reverse("grondslagen:casus_task", args=[casus.pk]) in html
    services.change_grondslag(
        casus, task="hulpverlening", ground="toestemming", reason="Hij wil hulp", expected_version=0, by=users["duo"]
    )
    object_to(casus.person, users["duo"], organisation=corporatie)
    html = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Hulpverlening" in html and "Reden: Hij wil hulp" in html
    assert "Woonstichting Test" in html and "Bezwaar intrekken" in html


def test_the_meldpunt_sees_the_block_without_the_change_link(casus, users, login):
    html = login(users["meldpunt"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Taak en grondslag" in html and reverse("grondslagen:casus_task", args=[casus.pk]) not in html


def test_the_person_page_shows_consent(person, corporatie, users, login):
    object_to(person, users["duo"], organisation=corporatie, purpose="Geen contact met de corporatie")
    html = login(users["duo"]).get(reverse("persons:detail", args=[person.pk])).content.decode()
    assert "Toestemming en bezwaar" in html and "Geen contact met de corporatie" in html
    assert reverse("grondslagen:consent_add", args=[person.pk]) in html


def test_change_the_task(casus, users, login):
    client = login(users["bemoeizorger"])
    url = reverse("grondslagen:casus_task", args=[casus.pk])
    page = client.get(url).content.decode()
    assert "Welke grondslag past bij welke taak" in page and "Wvggz art. 5:2" in page
    response = client.post(url, {"task": "regie", "ground": "wettelijk", "reason": "Procesregie", "version": 0})
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[casus.pk])
    assert services.current_basis(casus).task == "regie"


def test_a_change_without_reason_shows_the_message_and_keeps_the_input(casus, users, login):
    url = reverse("grondslagen:casus_task", args=[casus.pk])
    response = login(users["bemoeizorger"]).post(url, {"task": "regie", "ground": "wettelijk", "version": 0})
    page = response.content.decode()
    assert response.status_code == 200 and "Schrijf waarom de taak of grondslag verandert." in page
    assert 'value="regie" checked' in page or ('value="regie"' in page and "checked" in page)
    assert not GrondslagWijziging.objects.exists()


def test_a_posted_ground_outside_the_task_is_a_field_error(casus, users, login):
    url = reverse("grondslagen:casus_task", args=[casus.pk])
    response = login(users["bemoeizorger"]).post(
        url, {"task": "wvggz", "ground": "toestemming", "reason": "x", "version": 0}
    )
    assert response.status_code == 200
    assert "past niet bij de taak Wvggz verkennend onderzoek" in response.content.decode()


def test_an_edit_conflict_keeps_the_input(casus, users, login):
    services.change_grondslag(
        casus, task="hulpverlening", ground="toestemming", reason="Eerst", expected_version=0, by=users["duo"]
    )
    url = reverse("grondslagen:casus_task", args=[casus.pk])
    response = login(users["bemoeizorger"]).post(
        url, {"task": "regie", "ground": "wettelijk", "reason": "Mijn eigen reden", "version": 0}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Iemand anders heeft dit intussen gewijzigd" in page
    assert "Mijn eigen reden" in page and 'name="version" value="1"' in page
    assert services.current_basis(casus).task == "hulpverlening"


def test_record_consent_on_the_form(person, casus, corporatie, users, login):
    url = reverse("grondslagen:consent_add", args=[person.pk]) + f"?casus={casus.pk}"
    client = login(users["duo"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "soort": "bezwaar",
            "organisation": corporatie.pk,
            "how": "mondeling",
            "given_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[casus.pk])
    t = Toestemming.objects.get()
    assert (t.soort, t.organisation, t.recorded_by) == ("bezwaar", corporatie, users["duo"])


def test_a_consent_form_error_keeps_the_input(person, users, login):
    response = login(users["duo"]).post(
        reverse("grondslagen:consent_add", args=[person.pk]),
        {
            "soort": "toestemming",
            "how": "schriftelijk",
            "given_on": "2000-01-01",
            "purpose": "Aanvraag beschermd wonen",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Toestemming.objects.exists()
    assert "Kies de organisatie of de soort organisatie waarover het gaat." in page
    assert "Aanvraag beschermd wonen" in page


def test_withdraw_on_the_person_page(person, corporatie, users, login):
    t = object_to(person, users["duo"], organisation=corporatie)
    response = login(users["duo"]).post(reverse("grondslagen:consent_withdraw", args=[t.pk]), {"version": t.version})
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.withdrawn_on == timezone.localdate()


def _afwijking(casus, users, police):
    return services.record_override(
        services.SharingCheck(deviation="bezwaar", reason="Acuut gevaar"),
        person=casus.person,
        casus=casus,
        organisation=police,
        via="verwijzing",
        reference="verwijzing 9",
        ground="wettelijk",
        by=users["duo"],
    )


def test_the_review_list_and_marking_reviewed(casus, users, police, login):
    afwijking = _afwijking(casus, users, police)
    client = login(users["teamleider"])
    casus_page = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Er is 1 keer gedeeld tegen de wens van de betrokkene in." in casus_page
    assert (
        "Afwijkingen beoordelen"
        not in login(users["duo"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    )
    client = login(users["teamleider"])
    html = client.get(reverse("grondslagen:override_review")).content.decode()
    assert "Acuut gevaar" in html and casus.reference in html and "Gedeeld ondanks bezwaar" in html
    url = reverse("grondslagen:override_mark_reviewed", args=[afwijking.pk])
    client.post(url, {"note": ""})
    afwijking.refresh_from_db()
    assert afwijking.reviewed_at is None
    assert client.post(url, {"note": "Terecht"}).status_code == 302
    afwijking.refresh_from_db()
    assert afwijking.reviewed_by == users["teamleider"] and afwijking.review_note == "Terecht"
    assert "Acuut gevaar" not in client.get(reverse("grondslagen:override_review")).content.decode()
    assert "Terecht" in client.get(reverse("grondslagen:override_review") + "?toon=alle").content.decode()
    # Reviewed: the casus page no longer calls for a review (the menu keeps its link).
    assert "keer gedeeld tegen de wens" not in client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert Afwijking.objects.count() == 1
