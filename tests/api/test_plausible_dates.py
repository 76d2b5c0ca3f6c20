"""Issue 12, item 2 for the partner API: an implausible date of birth is a 400
with a Dutch message on the field (never a 500), and nothing is stored."""

import pytest

from vangnet.intake.models import Melding

from .test_partner_meldingen import VALID, post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2030-01-01", "De geboortedatum kan niet in de toekomst liggen."),
        ("1899-12-31", "De geboortedatum kan niet vóór 1900 liggen."),
        ("0001-01-01", "De geboortedatum kan niet vóór 1900 liggen."),
        ("9999-12-31", "De geboortedatum kan niet in de toekomst liggen."),
    ],
)
def test_an_implausible_date_of_birth_is_a_field_error(users, region, login, day, message):
    response = post(login(users["partner"]), {**VALID, "date_of_birth": day})
    assert response.status_code == 400
    assert response.json() == {"date_of_birth": [message]}
    assert not Melding.objects.exists()


@pytest.mark.parametrize("day", ["31-12-2099", "2026-02-30", "99999-01-01", 20300101])
def test_a_date_of_birth_that_is_no_date_is_a_field_error(users, region, login, day):
    response = post(login(users["partner"]), {**VALID, "date_of_birth": day})
    assert response.status_code == 400
    assert response.json() == {"date_of_birth": ["Vul een geldige geboortedatum in als JJJJ-MM-DD."]}
    assert not Melding.objects.exists()
