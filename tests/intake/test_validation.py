"""Every validation rule of the melding form: a clear Dutch error, never a 500,
and the form comes back with everything the user typed."""

import html as htmllib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.core.identity import normalise_typed_bsn
from vangnet.intake.forms import MeldingForm, clean_postcode_value
from vangnet.intake.models import Melding

from .helpers import staff_post

URL = reverse("intake:create")


@pytest.fixture
def client_(users, login):
    return login(users["meldpunt"])


def invalid(client, **overrides):
    """Post, expect the form back (200) with an error summary, and nothing stored."""
    response = client.post(URL, staff_post(**overrides))
    assert response.status_code == 200, response.status_code
    html = htmllib.unescape(response.content.decode())
    assert "Controleer de volgende gegevens" in html  # error summary
    assert not Melding.objects.exists()
    assert not AccessLog.objects.filter(action="C").exists()
    return response, html


def field_errors(response, name):
    return [str(e) for e in response.context["form"].errors.get(name, [])]


# --- BSN -----------------------------------------------------------------


@pytest.mark.parametrize("bsn", ["123456789", "111222334", "abc", "1112223334444", "12.34", "000000000", "11122233x"])
def test_invalid_bsn(client_, bsn):
    response, html = invalid(client_, bsn=bsn)
    assert any("elfproef" in e for e in field_errors(response, "bsn"))


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("111222333", "111222333"),
        (" 111 222 333 ", "111222333"),
        ("111.222.333", "111222333"),
        ("12345672", "012345672"),
    ],
)
def test_bsn_normalised(typed, stored):
    assert normalise_typed_bsn(typed.strip()) == stored


# --- dates and age -------------------------------------------------------


def test_date_of_birth_in_future(client_):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response, html = invalid(client_, date_of_birth=tomorrow)
    assert field_errors(response, "date_of_birth") == ["De geboortedatum kan niet in de toekomst liggen."]


def test_date_of_birth_before_1900(client_):
    response, html = invalid(client_, date_of_birth="1899-12-31")
    assert field_errors(response, "date_of_birth") == ["De geboortedatum kan niet vóór 1900 liggen."]


@pytest.mark.parametrize("garbage", ["gisteren", "31-02-1980", "1980-13-01", "99999-01-01", "0000-00-00", "1e9"])
def test_date_of_birth_garbage(client_, garbage):
    response, html = invalid(client_, date_of_birth=garbage)
    assert field_errors(response, "date_of_birth") == ["Vul een geldige geboortedatum in, bijvoorbeeld 31-12-1980."]


def test_dutch_date_format_accepted(client_):
    response = client_.post(URL, staff_post(date_of_birth="14-07-1961"))
    assert response.status_code == 302
    assert Melding.objects.get().date_of_birth.isoformat() == "1961-07-14"


@pytest.mark.parametrize("age", ["-1", "121", "99999999999999999999999999", "veertig", "40.5", "1e400"])
def test_estimated_age_out_of_range(client_, age):
    response, html = invalid(client_, date_of_birth="", estimated_age=age)
    assert field_errors(response, "estimated_age") == [
        "Vul de geschatte leeftijd in als een heel getal van 0 tot en met 120."
    ]


@pytest.mark.parametrize("age", ["0", "120"])
def test_estimated_age_bounds_accepted(client_, age):
    assert client_.post(URL, staff_post(date_of_birth="", estimated_age=age)).status_code == 302


def test_date_of_birth_and_estimated_age_not_both(client_):
    response, html = invalid(client_, estimated_age="60")
    assert "niet allebei" in field_errors(response, "estimated_age")[0]


def test_received_at_in_future(client_):
    future = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response, html = invalid(client_, received_at=future)
    assert field_errors(response, "received_at") == ["Het tijdstip van ontvangst kan niet in de toekomst liggen."]


@pytest.mark.parametrize("garbage", ["morgen", "2025-02-30T10:00", "9999999-01-01T10:00", "", "1850-01-01T10:00"])
def test_received_at_garbage(client_, garbage):
    response, html = invalid(client_, received_at=garbage)
    assert field_errors(response, "received_at")


# --- categories, description, choices ------------------------------------


def test_unknown_category_code(client_):
    response, html = invalid(client_, categories=["psychisch", "bestaat-niet"])
    assert field_errors(response, "categories") == ["Onbekende zorgcategorie: bestaat-niet. Kies uit de lijst."]


def test_at_least_one_category(client_):
    response, html = invalid(client_, categories=None)
    assert field_errors(response, "categories") == ["Kies ten minste één zorg."]


def test_description_required(client_):
    response, html = invalid(client_, description="   ")
    assert field_errors(response, "description") == ["Beschrijf wat er aan de hand is."]


def test_description_too_long(client_):
    response, html = invalid(client_, description="x" * 10_001)
    assert field_errors(response, "description") == ["De beschrijving is te lang: maximaal 10000 tekens (nu 10001)."]


def test_description_of_exactly_max_length_accepted(client_):
    assert client_.post(URL, staff_post(description="x" * 10_000)).status_code == 302


@pytest.mark.parametrize(
    "field,value",
    [
        ("channel", "fax"),
        ("melder_type", "marsmannetje"),
        ("sex", "Q"),
        ("urgency_indicators", ["brand"]),
        ("gemeente", "abc"),
        ("gemeente", "99999999999999999999999999"),
        ("gemeente", "999999"),
    ],
)
def test_unknown_choices(client_, field, value):
    response, html = invalid(client_, **{field: value})
    assert field_errors(response, field)


def test_gemeente_outside_werkgebied_refused(client_, region):
    response, html = invalid(client_, gemeente=str(region["oost"].pk))
    assert field_errors(response, "gemeente") == ["Kies een gemeente uit de lijst."]


def test_overlong_text_fields(client_):
    response, html = invalid(client_, surname="x" * 201, place_description="y" * 501, melder_name="z" * 201)
    for name in ("surname", "place_description", "melder_name"):
        assert field_errors(response, name)


def test_null_byte_is_an_error_not_a_500(client_):
    response, html = invalid(client_, surname="Jansen\x00")
    assert field_errors(response, "surname")


# --- betrokkene must be identifiable -------------------------------------


def test_betrokkene_must_be_identifiable(client_):
    response, html = invalid(
        client_,
        given_names="",
        tussenvoegsel="",
        surname="",
        street="",
        house_number="",
        postcode="",
        city="Noordstad",
        place_description="",
        bsn="",
    )
    assert "vul ten minste een naam, een adres, een omschrijving van de plek of een BSN in" in html


@pytest.mark.parametrize(
    "keep",
    [
        {"surname": "Jansen"},
        {"given_names": "Piet"},
        {"street": "Kerkstraat"},
        {"postcode": "1234AB"},
        {"bsn": "111222333"},
        {"place_description": "Bankje in het park"},
    ],
)
def test_any_single_identifier_is_enough(client_, keep):
    empty = dict.fromkeys(
        (
            "given_names",
            "tussenvoegsel",
            "surname",
            "street",
            "house_number",
            "postcode",
            "city",
            "place_description",
            "bsn",
        ),
        "",
    )
    empty.update(keep)
    assert client_.post(URL, staff_post(**empty)).status_code == 302


# --- melder ---------------------------------------------------------------


def test_anonymous_melder_wanting_feedback_needs_contact(client_):
    response, html = invalid(
        client_, melder_anonymous="on", melder_name="", melder_phone="", melder_email="", melder_wants_feedback="on"
    )
    assert field_errors(response, "melder_wants_feedback") == [
        "Voor terugkoppeling hebben we een telefoonnummer of e-mailadres nodig."
    ]
    assert "Voor terugkoppeling hebben we een telefoonnummer of e-mailadres nodig" in html


@pytest.mark.parametrize("contact", [{"melder_phone": "020-1234567"}, {"melder_email": "a@example.org"}])
def test_anonymous_melder_with_contact_may_want_feedback(client_, contact):
    data = {
        "melder_anonymous": "on",
        "melder_name": "",
        "melder_phone": "",
        "melder_email": "",
        "melder_wants_feedback": "on",
    }
    data.update(contact)
    assert client_.post(URL, staff_post(**data)).status_code == 302


def test_invalid_email(client_):
    response, html = invalid(client_, melder_email="geen-email")
    assert field_errors(response, "melder_email") == ["Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."]


@pytest.mark.parametrize("phone", ["bel me", "12", "0612345678901234567", "06;12345678"])
def test_invalid_phone(client_, phone):
    response, html = invalid(client_, melder_phone=phone)
    assert field_errors(response, "melder_phone")


# --- postcode --------------------------------------------------------------


@pytest.mark.parametrize("typed,stored", [("1234AB", "1234 AB"), ("1234 ab", "1234 AB"), ("1234  Ab", "1234 AB")])
def test_postcode_normalised(client_, typed, stored):
    assert client_.post(URL, staff_post(postcode=typed)).status_code == 302
    assert Melding.objects.get().postcode == stored
    assert clean_postcode_value(typed) == stored


@pytest.mark.parametrize("postcode", ["123AB", "0123 AB", "12345", "ABCD 12", "1234 ABC", "x" * 50])
def test_invalid_postcode(client_, postcode):
    response, html = invalid(client_, postcode=postcode)
    assert field_errors(response, "postcode") == [
        "Vul de postcode in als vier cijfers en twee letters, bijvoorbeeld 1234 AB."
    ]


# --- everything typed is kept ---------------------------------------------


def test_all_typed_values_kept_on_error(client_, region):
    """One invalid field (the BSN); every other value must come back in the form."""
    data = staff_post(
        gemeente=str(region["zuid"].pk),
        channel="politie",
        melder_type="naaste",
        sex="V",
        bsn="123456789",
        melder_anonymous="on",
        given_names="Maria Johanna",
        surname="Ğüleç-de Wit",
        place_description="Zit vaak op het bankje bij de bibliotheek",
        categories=["schulden", "sociaal-isolement"],
        urgency_indicators=["kinderen", "dieren"],
        description='Regel één\nRegel twee met <tekens> & "quotes"',
    )
    response = client_.post(URL, data)
    assert response.status_code == 200
    html = htmllib.unescape(response.content.decode())
    assert field_errors(response, "bsn")
    for key, value in data.items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if v in ("", "on"):
                continue
            assert v in html, f"{key}={v!r} not kept"
    form = response.context["form"]
    # Choices and checkboxes are rendered as selected/checked.
    assert f'<option value="{region["zuid"].pk}" selected>' in html
    assert '<option value="politie" selected>' in html
    assert '<option value="naaste" selected>' in html
    assert '<option value="V" selected>' in html
    for name, value in [
        ("categories", "schulden"),
        ("categories", "sociaal-isolement"),
        ("urgency_indicators", "kinderen"),
        ("urgency_indicators", "dieren"),
    ]:
        assert any(w.data["selected"] for w in form[name].subwidgets if w.data["value"] == value)
    assert 'name="melder_anonymous" id="id_melder_anonymous" checked' in html
    assert 'name="melder_wants_feedback" id="id_melder_wants_feedback" checked' in html
    # The error summary links to the field.
    assert 'href="#id_bsn"' in html


def test_garbage_everywhere_never_500(client_):
    data = {
        "channel": ["telefoon", "web"],
        "received_at": "\x00",
        "gemeente": "-1",
        "melder_type": "x" * 5000,
        "melder_anonymous": "misschien",
        "estimated_age": "1" * 5000,
        "date_of_birth": "9" * 300,
        "bsn": "💥",
        "postcode": "\u202e1234AB",
        "categories": ["", "1", "' OR 1=1 --"],
        "urgency_indicators": "gevaar_zelf",
        "description": "",
    }
    response = client_.post(URL, data)
    assert response.status_code == 200
    assert not Melding.objects.exists()


def test_form_class_refuses_future_received_at(db):
    form = MeldingForm(staff_post(received_at=(timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")))
    assert not form.is_valid()
    assert "received_at" in form.errors
