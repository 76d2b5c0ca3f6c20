"""Hostile bodies on every API endpoint that takes one: 400 with a Dutch
message, never a 500 (RecursionError in the JSON parser, RequestDataTooBig,
TooManyFieldsSent)."""

import json
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import URLPattern, reverse

from vangnet.api import urls as api_urls

from .test_partner_meldingen import VALID

TOO_DEEP = {"detail": "De JSON is te diep genest."}
TOO_BIG = {"detail": "Het verzoek is te groot. Stuur minder of kortere gegevens."}
BIG = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1


def endpoints_with_a_body():
    """(url, method) for every API view that accepts POST, PUT or PATCH."""
    found = []
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        view = pattern.callback.view_class
        for method in ("post", "put", "patch"):
            if hasattr(view, method):
                found.append((reverse(f"api:{pattern.name}"), method))
    assert found
    return found


ATTACKS = {
    "nested arrays": ("application/json", "[" * 100_000 + "]" * 100_000, TOO_DEEP),
    "nested objects": ("application/json", '{"a":' * 50_000 + "1" + "}" * 50_000, TOO_DEEP),
    "nested in a field": ("application/json", '{"categories":' + "[" * 100_000 + "]" * 100_000 + "}", TOO_DEEP),
    "oversize JSON": ("application/json", json.dumps({**VALID, "description": "x" * BIG}), TOO_BIG),
    "oversize form": ("application/x-www-form-urlencoded", urlencode({"description": "x" * BIG}), TOO_BIG),
    "too many form fields": (
        "application/x-www-form-urlencoded",
        urlencode([(f"f{i}", "1") for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)]),
        TOO_BIG,
    ),
}


@pytest.mark.parametrize(("url", "method"), endpoints_with_a_body())
@pytest.mark.parametrize("attack", ATTACKS)
def test_hostile_body_is_400_in_dutch(users, region, login, url, method, attack):
    content_type, body, expected = ATTACKS[attack]
    response = login(users["partner"]).generic(method.upper(), url, body, content_type=content_type)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == expected
