import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import CasusFactory, MeldingFactory, category
from vangnet.audit.models import AccessLog
from vangnet.intake.models import Melding

URL = "/api/v1/meldingen/"

VALID = {
    "given_names": "Piet",
    "surname": "Pietersen",
    "street": "Dorpsstraat",
    "house_number": "12",
    "postcode": "1234ab",
    "bsn": "1112.22.333",
    "categories": ["psychisch", "overlast"],
    "description": "Meneer roept 's nachts op straat dat hij gevolgd wordt.",
    "urgency_indicators": ["gevaar_zelf"],
    "melder_relation": "wijkagent",
}


def post(client, data):
    return client.post(URL, data, content_type="application/json")


def test_url_name():
    assert reverse("api:meldingen") == URL


@pytest.mark.django_db
def test_partner_lists_only_own_meldingen_with_minimal_fields(users, ggd, login, other_partner):
    partner = users["partner"]
    own = MeldingFactory(meldpunt=ggd, created_by=partner, description="Geheim verhaal")
    MeldingFactory(meldpunt=ggd, created_by=other_partner)
    MeldingFactory(meldpunt=ggd)

    response = login(partner).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert set(item) == {"reference", "received_at", "status"}
    assert item["reference"] == own.reference
    assert item["status"] == "Ontvangen"
    assert "Geheim verhaal" not in response.content.decode()


@pytest.mark.django_db
def test_status_shows_in_behandeling_without_casus_detail(users, ggd, login):
    partner = users["partner"]
    casus = CasusFactory(organisation=ggd)
    melding = MeldingFactory(meldpunt=ggd, created_by=partner, casus=casus, person=casus.person, status="getrieerd")

    body = login(partner).get(URL).json()

    assert body["results"] == [
        {"reference": melding.reference, "received_at": body["results"][0]["received_at"], "status": "In behandeling"}
    ]
    assert casus.reference not in str(body)


@pytest.mark.django_db
def test_list_writes_one_read_row_per_melding(users, ggd, login):
    partner = users["partner"]
    meldingen = [MeldingFactory(meldpunt=ggd, created_by=partner) for _ in range(3)]

    login(partner).get(URL)

    rows = AccessLog.objects.filter(action="R", username="partner", object_type="melding")
    assert sorted(rows.values_list("melding_id", flat=True)) == sorted(str(m.pk) for m in meldingen)
    assert all(r.reason == "eigen melding (status)" for r in rows)


@pytest.mark.django_db
def test_partner_creates_melding_through_the_service(users, ggd, region, login):
    partner = users["partner"]

    response = post(login(partner), VALID)

    assert response.status_code == 201, response.content
    melding = Melding.objects.get(reference=response.json()["reference"])
    assert response.json()["status"] == "Ontvangen"
    assert melding.created_by == partner
    assert melding.meldpunt == ggd
    assert melding.gemeente == region
    assert melding.channel == "politie"
    assert melding.melder_organisation == partner.organisation
    assert melding.bsn == "111222333"
    assert melding.postcode == "1234 AB"
    assert set(melding.categories.values_list("code", flat=True)) == {"psychisch", "overlast"}
    assert melding.urgency_indicators == ["gevaar_zelf"]
    log = AccessLog.objects.get(action="C", melding_id=str(melding.pk))
    assert log.username == "partner" and log.path == URL


@pytest.mark.django_db
def test_created_melding_appears_in_own_list(users, region, login):
    client = login(users["partner"])
    reference = post(client, VALID).json()["reference"]
    assert [m["reference"] for m in client.get(URL).json()["results"]] == [reference]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "niet in de toekomst"),
        ({"date_of_birth": "gisteren"}, "date_of_birth", "geldige geboortedatum"),
        ({"categories": ["bestaat-niet"]}, "categories", "Onbekende zorgcategorie"),
        ({"categories": []}, "categories", "ten minste één zorg"),
        ({"description": "x" * 10_001}, "description", "te lang"),
        ({"description": "   "}, "description", "Beschrijf wat er aan de hand is"),
        ({"estimated_age": 300}, "estimated_age", "0 tot en met 120"),
        ({"urgency_indicators": ["brand"]}, "urgency_indicators", "Onbekend urgentiesignaal"),
        ({"postcode": "12"}, "postcode", "vier cijfers"),
    ],
)
def test_invalid_input_gives_400_with_dutch_message(users, region, login, change, field, message):
    response = post(login(users["partner"]), {**VALID, **change})

    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert message in str(errors[field])
    assert not Melding.objects.exists()
    assert not AccessLog.objects.filter(action="C").exists()


@pytest.mark.django_db
def test_betrokkene_must_be_identified(users, region, login):
    data = {"categories": ["psychisch"], "description": "Iemand maakt zich zorgen."}
    response = post(login(users["partner"]), data)
    assert response.status_code == 400
    assert "Beschrijf wie de betrokkene is" in str(response.json()["non_field_errors"])


@pytest.mark.django_db
def test_garbage_body_is_400_not_500(users, region, login):
    client = login(users["partner"])
    assert client.post(URL, "{niet: json", content_type="application/json").status_code == 400
    assert post(client, {"categories": "psychisch", "description": "x", "surname": "A"}).status_code == 400
    assert post(client, ["lijst"]).status_code == 400


@pytest.mark.django_db
def test_no_meldpunt_for_partner_gives_clear_400(lonely_partner, users, login):
    response = post(login(lonely_partner), VALID)
    assert response.status_code == 400
    assert "geen meldpunt gevonden" in str(response.json())
    assert not Melding.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["meldpunt", "bemoeizorger", "teamleider", "consultant", "beheerder"])
def test_staff_and_beheerder_are_refused(users, ggd, region, login, role):
    MeldingFactory(meldpunt=ggd, created_by=users["partner"])
    client = login(users[role])

    assert client.get(URL).status_code == 403
    assert post(client, VALID).status_code == 403
    assert Melding.objects.count() == 1
    # Nothing read or written; each refused call is one REFUSED row (vangnet.access middleware).
    assert not AccessLog.objects.filter(username=role).exclude(action="G").exists()
    assert AccessLog.objects.filter(username=role, action="G").count() == 2


@pytest.mark.django_db
def test_partner_without_2fa_is_refused(users, region):
    client = Client()
    client.force_login(users["partner"])

    assert client.get(URL).status_code == 403
    assert post(client, VALID).status_code == 403
    assert not Melding.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_refused(region):
    client = Client()
    assert client.get(URL).status_code == 403
    assert post(client, VALID).status_code == 403


@pytest.mark.django_db
def test_inactive_category_is_refused(users, region, login):
    cat = category("anders")
    cat.active = False
    cat.save()
    response = post(login(users["partner"]), {**VALID, "categories": ["anders"]})
    assert response.status_code == 400
    assert "Onbekende zorgcategorie" in str(response.json()["categories"])
