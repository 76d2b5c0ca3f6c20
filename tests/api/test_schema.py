"""The OpenAPI schema documents what a client needs: the Idempotency-Key header,
the error answers with their body, and the valid category codes."""

import pytest
import yaml
from django.conf import settings

from vangnet.intake.categories import STANDARD_CATEGORY_CODES
from vangnet.intake.models import ConcernCategory

SCHEMA = settings.BASE_DIR / "docs" / "openapi.yaml"


@pytest.fixture(scope="module")
def schema():
    return yaml.safe_load(SCHEMA.read_text())


def operation(schema, method):
    return schema["paths"]["/api/v1/meldingen/"][method]


def test_post_documents_the_idempotency_key_header(schema):
    [header] = [p for p in operation(schema, "post")["parameters"] if p["in"] == "header"]
    assert header["name"] == "Idempotency-Key"
    assert not header.get("required", False)
    assert "24 uur" in header["description"] and "422" in header["description"]


@pytest.mark.parametrize(("method", "codes"), [("get", {"200", "403", "404"}), ("post", {"201", "400", "403", "422"})])
def test_error_answers_are_documented_with_a_body(schema, method, codes):
    responses = operation(schema, method)["responses"]
    assert codes <= set(responses)
    for code in codes - {"200", "201"}:
        body = responses[code]["content"]["application/json"]["schema"]
        assert body.get("$ref") == "#/components/schemas/Error" or "additionalProperties" in body
        assert responses[code]["description"]
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_category_codes_are_an_enum_and_in_the_description(schema):
    create = schema["components"]["schemas"]["PartnerMeldingCreate"]["properties"]["categories"]
    assert create["items"]["allOf"] == [{"$ref": "#/components/schemas/CategoriesEnum"}]
    assert schema["components"]["schemas"]["CategoriesEnum"]["enum"] == list(STANDARD_CATEGORY_CODES)
    description = " ".join(create["description"].split())
    assert all(code in description for code in STANDARD_CATEGORY_CODES)


@pytest.mark.django_db
def test_standard_codes_are_the_ones_the_migrations_create():
    assert set(ConcernCategory.objects.filter(active=True).values_list("code", flat=True)) == set(
        STANDARD_CATEGORY_CODES
    )
