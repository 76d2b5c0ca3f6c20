"""The public melding form (issue 18 part 1): steps, errors, double submit, routing, log."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from vangnet.audit.models import AccessLog
from vangnet.intake.models import Channel, Melding
from vangnet.intake.services import AlreadySubmitted
from vangnet.publiek import forms, services
from vangnet.publiek.models import Ontvangstbewijs

from .conftest import MELDER, ZORG, persoon, token, walk

pytestmark = pytest.mark.django_db


def test_the_pages_are_public(resident, region):
    for url in (
        "/melden/",
        "/melden/zorg/",
        "/melden/persoon/",
        "/melden/over-u/",
        "/melden/status/",
        "/melden/privacy/",
    ):
        response = resident.get(url)
        assert response.status_code == 200, url
        assert "Zorgen melden" in response.content.decode() or "Privacy" in response.content.decode()


def test_a_walk_through_makes_one_web_melding_at_the_meldpunt_of_the_gemeente(resident, region):
    response = walk(resident, region)
    assert response.status_code == 302 and response["Location"] == "/melden/controleren/"
    page = resident.get("/melden/controleren/")
    assert page.status_code == 200
    assert "Jan de Vries" in page.content.decode()
    response = resident.post("/melden/controleren/", {"token": token(resident), "website": ""})
    assert response.status_code == 302 and response["Location"] == "/melden/verstuurd/"
    melding = Melding.objects.get()
    assert melding.channel == Channel.WEB
    assert melding.meldpunt == region["meldpunt_noord"] and melding.gemeente == region["noord"]
    assert melding.status == Melding.Status.TE_TRIEREN
    assert sorted(melding.categories.values_list("code", flat=True)) == ["psychisch", "vervuiling-hoarding"]
    assert (melding.given_names, melding.surname, melding.postcode, melding.house_number) == (
        "Jan",
        "de Vries",
        "1234 AB",
        "12",
    )
    assert (melding.melder_type, melding.melder_name, melding.melder_email) == (
        "buurtbewoner",
        "Els Bakker",
        "els@example.org",
    )
    assert melding.melder_wants_feedback and not melding.melder_anonymous
    assert melding.urgency_indicators == []
    assert not melding.created_by.is_active and not melding.created_by.has_usable_password()
    done = resident.get("/melden/verstuurd/").content.decode()
    assert melding.reference in done
    code = resident.session["publiek_verstuurd"]["code"]
    assert code in done and re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert services.public_status(melding.reference, code) == services.STATUS_RECEIVED


def test_the_submit_is_one_create_row_of_the_web_form_account_with_address_and_path(resident, region):
    walk(resident, region)
    resident.post("/melden/controleren/", {"token": token(resident), "website": ""})
    melding = Melding.objects.get()
    [row] = AccessLog.objects.filter(melding_id=str(melding.pk))
    assert (row.action, row.object_type, row.username) == ("C", "melding", services.WEB_FORM_USERNAME)
    assert (row.ip_address, row.path) == ("203.0.113.9", "/melden/controleren/")


def test_a_double_submit_makes_one_melding(resident, region):
    walk(resident, region)
    nonce = token(resident)
    first = resident.post("/melden/controleren/", {"token": nonce, "website": ""})
    second = resident.post("/melden/controleren/", {"token": nonce, "website": ""})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/melden/verstuurd/"
    assert Melding.objects.count() == 1 and Ontvangstbewijs.objects.count() == 1


def test_two_posts_with_the_same_nonce_store_one_melding(resident, region):
    """Two posts of the same form that both passed the session check (at the same moment):
    the intake's submission token decides, one melding."""
    zorg, pers, mel = (cls(data) for cls, data in zip(forms.STEPS, (ZORG, persoon(region), MELDER), strict=True))
    assert zorg.is_valid() and pers.is_valid() and mel.is_valid()
    data = forms.to_public_melding(zorg.cleaned_data, pers.cleaned_data, mel.cleaned_data)
    services.submit_public_melding(data, submission_token="n" * 40)
    with pytest.raises(AlreadySubmitted):
        services.submit_public_melding(data, submission_token="n" * 40)
    assert Melding.objects.count() == 1


def test_an_error_keeps_what_was_typed_and_says_it_in_dutch(resident, region):
    response = resident.post(
        "/melden/zorg/", {"concerns": ["geld"], "description": "", "danger": "nee", "actie": "verder"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vertel in een paar zinnen wat u ziet of hoort." in html
    assert 'value="geld"' in html and re.search(r'value="geld"[^>]*checked', html)
    response = resident.post(
        "/melden/persoon/", {**persoon(region), "person_name": "", "postcode": "12", "actie": "verder"}
    )
    html = response.content.decode()
    assert "Vul de naam in, of beschrijf hoe de persoon eruitziet." in html
    assert "vier cijfers en twee letters" in html
    assert 'value="12"' in html


def test_going_back_keeps_the_input_also_when_it_is_not_valid(resident, region):
    resident.post("/melden/zorg/", {**ZORG, "actie": "verder"})
    response = resident.post("/melden/persoon/", {"person_name": "Piet", "postcode": "99", "actie": "terug"})
    assert response.status_code == 302 and response["Location"] == "/melden/zorg/"
    assert "Mijn buurman roept" in resident.get("/melden/zorg/").content.decode()
    html = resident.get("/melden/persoon/").content.decode()
    assert 'value="Piet"' in html and 'value="99"' in html


def test_the_check_page_sends_back_to_a_step_that_is_not_complete(resident, region):
    resident.post("/melden/zorg/", {**ZORG, "actie": "verder"})
    response = resident.get("/melden/controleren/")
    assert response.status_code == 302 and response["Location"] == "/melden/persoon/"
    response = resident.post("/melden/controleren/", {"token": token(resident)})
    assert response["Location"] == "/melden/persoon/"
    assert not Melding.objects.exists()


def test_danger_tells_to_call_112_and_flags_the_melding(resident, region):
    walk(resident, region, zorg={**ZORG, "danger": "anderen"})
    assert "Bel 112" in resident.get("/melden/over-u/").content.decode()
    assert "Bel 112" in resident.get("/melden/controleren/").content.decode()
    resident.post("/melden/controleren/", {"token": token(resident), "website": ""})
    melding = Melding.objects.get()
    assert melding.urgency_indicators == ["gevaar_anderen"] and melding.urgency_rank == 2
    assert "Bel 112" in resident.get("/melden/verstuurd/").content.decode()


def test_anonymous_melder_gives_no_name_and_email_is_needed_for_feedback(resident, region):
    response = walk(resident, region, melder={**MELDER, "anonymous": "anoniem", "email": ""})
    assert "Vul uw e-mailadres in als u iets van ons wilt horen." in response.content.decode()
    walk(resident, region, melder={**MELDER, "anonymous": "anoniem", "wants_feedback": "", "email": ""})
    resident.post("/melden/controleren/", {"token": token(resident), "website": ""})
    melding = Melding.objects.get()
    assert melding.melder_anonymous and melding.melder_name == "" and melding.melder_email == ""
    response = walk(resident, region, melder={**MELDER, "melder_name": ""})
    assert "Vul uw naam in, of kies dat u anoniem blijft." in response.content.decode()


def test_a_place_description_is_enough_without_address_or_name(resident, region):
    resident.post("/melden/zorg/", {**ZORG, "actie": "verder"})
    resident.post(
        "/melden/persoon/",
        {
            "person_description": "Man, ongeveer 40",
            "gemeente": str(region["zuid"].pk),
            "place_description": "Bij het station",
            "actie": "verder",
        },
    )
    resident.post("/melden/over-u/", {**MELDER, "actie": "verder"})
    resident.post("/melden/controleren/", {"token": token(resident), "website": ""})
    melding = Melding.objects.get()
    assert melding.meldpunt == region["meldpunt_zuid"]
    assert melding.place_description == "Bij het station" and "Man, ongeveer 40" in melding.description


def test_the_honeypot_stores_nothing(resident, region):
    walk(resident, region)
    response = resident.post("/melden/controleren/", {"token": token(resident), "website": "http://spam.example"})
    assert response.status_code == 400
    assert "kon niet worden verstuurd" in response.content.decode()
    assert not Melding.objects.exists()


def test_no_personal_data_in_urls(resident, region):
    responses = [
        resident.post("/melden/zorg/", {**ZORG, "actie": "verder"}),
        resident.post("/melden/persoon/", {**persoon(region), "actie": "verder"}),
        resident.post("/melden/over-u/", {**MELDER, "actie": "verder"}),
    ]
    responses.append(resident.post("/melden/controleren/", {"token": token(resident), "website": ""}))
    for response in responses:
        assert "?" not in response["Location"]


def test_a_post_too_big_is_refused_in_dutch(resident, region):
    response = resident.post("/melden/zorg/", {**ZORG, "description": "x" * 70_000, "actie": "verder"})
    assert response.status_code == 413
    assert "Te veel tekst" in response.content.decode()


def test_a_description_too_long_keeps_the_text(resident, region):
    text = "a" * 2001
    response = resident.post("/melden/zorg/", {**ZORG, "description": text, "actie": "verder"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uw tekst is te lang" in html and text in html
    assert "maxlength" not in html.split('name="description"')[0].rsplit("<textarea", 1)[-1]


@override_settings(
    VANGNET_PUBLIEK_RATE_LIMITS={
        "stap_ip": "100/h",
        "versturen_ip": "100/h",
        "versturen_sessie": "1/h",
        "status_ip": "100/h",
        "status_sessie": "3/h",
    }
)
def test_the_session_limit_on_sending_keeps_the_input(resident, region):
    walk(resident, region)
    assert resident.post("/melden/controleren/", {"token": token(resident), "website": ""}).status_code == 302
    walk(resident, region)
    response = resident.post("/melden/controleren/", {"token": token(resident), "website": ""})
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert Melding.objects.count() == 1
    assert "Jan de Vries" in resident.get("/melden/controleren/").content.decode()


@override_settings(
    VANGNET_PUBLIEK_RATE_LIMITS={
        "stap_ip": "2/h",
        "versturen_ip": "100/h",
        "versturen_sessie": "100/h",
        "status_ip": "100/h",
        "status_sessie": "100/h",
    }
)
def test_the_address_limit_counts_over_sessions(region):
    a, b = Client(REMOTE_ADDR="203.0.113.50"), Client(REMOTE_ADDR="203.0.113.50")
    assert a.post("/melden/zorg/", {**ZORG, "actie": "verder"}).status_code == 302
    assert b.post("/melden/zorg/", {**ZORG, "actie": "verder"}).status_code == 302
    assert b.post("/melden/zorg/", {**ZORG, "actie": "verder"}).status_code == 429
    other = Client(REMOTE_ADDR="203.0.113.51")
    assert other.post("/melden/zorg/", {**ZORG, "actie": "verder"}).status_code == 302


def test_no_meldpunt_for_the_gemeente_is_a_clear_message(resident, region):
    walk(resident, region)
    region["meldpunt_noord"].gemeenten.clear()
    response = resident.post("/melden/controleren/", {"token": token(resident), "website": ""})
    # The gemeente is no longer offered: the check page sends the resident back to choose again.
    assert response.status_code == 302 and response["Location"] == "/melden/persoon/"
    assert not Melding.objects.exists()


def test_meldpunt_for_gemeente_without_a_werkgebied_match(region):
    with pytest.raises(ValidationError) as exc:
        services.meldpunt_for_gemeente(None)
    assert "gemeente" in exc.value.message_dict
