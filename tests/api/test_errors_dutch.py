"""Every kind of API error answers in Dutch, in the same shape, never a 500.

Table-driven: each row is a request that goes wrong in its own way and the
Dutch answer it must get. The browser's Accept-Language (often English on
Dutch professionals' laptops) must not change the language."""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from rest_framework import exceptions, fields, serializers

from tests.factories import UserFactory
from vangnet.accounts.models import Role

from .test_partner_meldingen import URL, VALID

NOT_A_NUMBER = "Vul de geschatte leeftijd in als een heel getal van 0 tot en met 120."

# (name, who, method, body or None, extra request arguments, status, expected JSON)
CASES = [
    ("niet ingelogd", "anonymous", "get", None, {}, 403, {"detail": "U bent niet ingelogd."}),
    ("niet ingelogd, post", "anonymous", "post", VALID, {}, 403, {"detail": "U bent niet ingelogd."}),
    ("geen tweestapsverificatie", "unverified", "get", None, {}, 403, {"detail": "Tweestapsverificatie vereist."}),
    ("medewerker", "meldpunt", "get", None, {}, 403, {"detail": "Deze API is alleen voor netwerkpartners."}),
    ("beheerder", "beheerder", "post", VALID, {}, 403, {"detail": "Deze API is alleen voor netwerkpartners."}),
    ("pagina bestaat niet", "partner", "get", None, {"path": URL + "?page=99"}, 404, {"detail": "Ongeldige pagina."}),
    ("pagina geen getal", "partner", "get", None, {"path": URL + "?page=abc"}, 404, {"detail": "Ongeldige pagina."}),
    ("PUT", "partner", "put", VALID, {}, 405, {"detail": "De methode PUT is hier niet toegestaan."}),
    ("DELETE", "partner", "delete", None, {}, 405, {"detail": "De methode DELETE is hier niet toegestaan."}),
    (
        "ander formaat",
        "partner",
        "post",
        "platte tekst",
        {"content_type": "text/plain"},
        415,
        {"detail": "Dit formaat wordt niet ondersteund; stuur application/json."},
    ),
    (
        "antwoord als XML gevraagd",
        "partner",
        "get",
        None,
        {"HTTP_ACCEPT": "application/xml"},
        406,
        {"detail": "Dit antwoordformaat wordt niet ondersteund; vraag om application/json."},
    ),
    ("kapotte JSON", "partner", "post", "{kapot", {}, 400, {"detail": "De inhoud is geen geldige JSON."}),
    (
        "NaN in JSON",
        "partner",
        "post",
        '{"estimated_age": NaN}',
        {},
        400,
        {"detail": "De inhoud is geen geldige JSON."},
    ),
    (
        "geen UTF-8",
        "partner",
        "post",
        b'{"surname": "\xff\xfe"}',
        {},
        400,
        {"detail": "De inhoud is geen geldige JSON."},
    ),
    (
        "vreemde tekenset",
        "partner",
        "post",
        b"{}",
        {"content_type": "application/json; charset=bz2_codec"},
        400,
        {"detail": "De inhoud is geen geldige JSON."},
    ),
    (
        "lijst in plaats van object",
        "partner",
        "post",
        "[]",
        {},
        400,
        {"non_field_errors": ["Stuur de melding als een JSON-object met velden."]},
    ),
    (
        "null als inhoud",
        "partner",
        "post",
        "null",
        {},
        400,
        {"non_field_errors": ["Er zijn geen gegevens meegestuurd."]},
    ),
    (
        "leeg object",
        "partner",
        "post",
        {},
        {},
        400,
        {"categories": ["Kies ten minste één zorg."], "description": ["Beschrijf wat er aan de hand is."]},
    ),
    (
        "verkeerde typen",
        "partner",
        "post",
        {
            **VALID,
            "given_names": {"a": 1},
            "categories": "psychisch",
            "estimated_age": "veertig",
            "sex": "X",
            "date_of_birth": "gisteren",
            "urgency_indicators": ["brand"],
        },
        {},
        400,
        {
            "given_names": ["Vul tekst in."],
            "categories": ["Geef de zorgen als een lijst van codes."],
            "estimated_age": [NOT_A_NUMBER],
            "sex": ["Kies M, V of laat het geslacht leeg."],
            "date_of_birth": ["Vul een geldige geboortedatum in als JJJJ-MM-DD."],
            "urgency_indicators": {"0": ["Onbekend urgentiesignaal: brand."]},
        },
    ),
    (
        "reusachtig getal",
        "partner",
        "post",
        {**VALID, "estimated_age": "9" * 2000},
        {},
        400,
        {"estimated_age": [NOT_A_NUMBER]},
    ),
    (
        "null in lijst",
        "partner",
        "post",
        {**VALID, "categories": [None, 5]},
        {},
        400,
        {"categories": {"0": ["Geef elke zorg als een code (tekst)."]}},
    ),
    (
        "onbekende zorg",
        "partner",
        "post",
        {**VALID, "categories": ["99999999999999999999"]},
        {},
        400,
        {"categories": ["Onbekende zorgcategorie: 99999999999999999999. Kies uit de lijst."]},
    ),
    (
        "te lang",
        "partner",
        "post",
        {**VALID, "surname": "x" * 201},
        {},
        400,
        {"surname": ["Dit veld is te lang: maximaal 200 tekens."]},
    ),
    (
        "ongeldig BSN",
        "partner",
        "post",
        {**VALID, "bsn": "123456789"},
        {},
        400,
        {"bsn": ["Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en voldoen aan de elfproef."]},
    ),
]


def english_defaults() -> set[str]:
    """DRF's default messages in English, to be sure none reaches a client."""
    texts = set()
    with translation.override("en"):
        for cls in vars(fields).values():
            if isinstance(cls, type) and issubclass(cls, fields.Field):
                for klass in cls.__mro__:
                    texts |= {str(m) for m in getattr(klass, "default_error_messages", {}).values()}
        texts |= {str(m) for m in serializers.Serializer.default_error_messages.values()}
        for cls in vars(exceptions).values():
            if isinstance(cls, type) and issubclass(cls, exceptions.APIException):
                texts.add(str(cls.default_detail))
    return texts


def messages_of(body) -> list[str]:
    if isinstance(body, dict):
        return [m for value in body.values() for m in messages_of(value)]
    if isinstance(body, list):
        return [m for value in body for m in messages_of(value)]
    return [str(body)]


@pytest.fixture
def client_for(users, region, login):
    def make(who):
        if who == "anonymous":
            return Client()
        if who == "unverified":
            client = Client()
            client.force_login(
                UserFactory(username="half", role=Role.PARTNER, organisation=users["partner"].organisation)
            )
            return client
        return login(users[who])

    return make


@pytest.mark.parametrize(
    ("who", "method", "body", "extra", "status", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
@pytest.mark.parametrize("accept_language", ["", "en-GB,en;q=0.9"])
def test_every_error_is_dutch(client_for, who, method, body, extra, status, expected, accept_language):
    extra = dict(extra)
    path = extra.pop("path", URL)
    content_type = extra.pop("content_type", "application/json")
    if accept_language:
        extra["HTTP_ACCEPT_LANGUAGE"] = accept_language
    data = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
    client = client_for(who)
    if method in {"get", "delete"}:
        response = getattr(client, method)(path, **extra)
    elif isinstance(data, bytes):  # sent as is, whatever the charset says
        response = client.generic(method.upper(), path, data, content_type=content_type, **extra)
    else:
        response = getattr(client, method)(path, data, content_type=content_type, **extra)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json() == expected
    english = english_defaults()
    assert not [m for m in messages_of(response.json()) if m in english]
    assert response["Content-Language"] == settings.LANGUAGE_CODE


@pytest.mark.parametrize("accept", ["text/html,application/xhtml+xml,*/*;q=0.8", "*/*"])
def test_a_browser_gets_json_not_the_browsable_api(client_for, accept):
    """DRF's browsable HTML API has English texts and inline script: JSON only."""
    response = client_for("anonymous").get(URL, HTTP_ACCEPT=accept)
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "U bent niet ingelogd."}
