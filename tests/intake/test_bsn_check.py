"""Inline (HTMX) check of the BSN field."""

import pytest
from django.urls import reverse

URL = reverse("intake:validate_bsn")


@pytest.mark.parametrize("role", ["meldpunt", "teamleider", "partner"])
def test_valid_bsn_comes_back_normalised(users, login, role):
    response = login(users[role]).post(URL, {"bsn": "1234.56.72"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="012345672"' in html
    assert "errorlist" not in html
    assert 'id="id_bsn"' in html and f'hx-post="{URL}"' in html


def test_invalid_bsn_gives_field_error(users, login):
    response = login(users["meldpunt"]).post(URL, {"bsn": "123456789"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "elfproef" in html
    assert 'value="123456789"' in html  # what the user typed stays
    assert "has-error" in html
    assert "<html" not in html  # only the field partial


def test_empty_bsn_is_fine(users, login):
    html = login(users["meldpunt"]).post(URL, {}).content.decode()
    assert "errorlist" not in html


def test_get_not_allowed(users, login):
    assert login(users["meldpunt"]).get(URL).status_code == 405


@pytest.mark.parametrize("role", ["bemoeizorger", "beheerder"])
def test_other_roles_refused(users, login, role):
    assert login(users[role]).post(URL, {"bsn": "111222333"}).status_code == 403


def test_forms_wire_the_check(users, login, region):
    assert f'hx-post="{URL}"' in login(users["meldpunt"]).get(reverse("intake:create")).content.decode()
    assert f'hx-post="{URL}"' in login(users["partner"]).get(reverse("intake:partner_create")).content.decode()
