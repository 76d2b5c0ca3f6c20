"""The status look-up: reference + code, three words only, a limit on guesses."""

import pytest
from django.test import override_settings

from tests.factories import CasusFactory
from vangnet.intake.models import Melding
from vangnet.publiek import services

from .conftest import token, walk

pytestmark = pytest.mark.django_db


def _sent(resident, region):
    walk(resident, region)
    resident.post("/melden/controleren/", {"token": token(resident), "website": ""})
    melding = Melding.objects.get()
    return melding, resident.session["publiek_verstuurd"]["code"]


def test_status_with_the_right_code_shows_only_the_status_word(resident, region):
    melding, code = _sent(resident, region)
    response = resident.post(
        "/melden/status/", {"reference": melding.reference.lower(), "code": code.lower().replace("-", " ")}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Status: Ontvangen" in html
    for personal in ("Jan", "Vries", "Els", "buurman", "1234"):
        assert personal not in html


def test_status_follows_triage_and_the_casus(resident, region):
    melding, code = _sent(resident, region)
    casus = CasusFactory(organisation=region["meldpunt_noord"])
    Melding.objects.filter(pk=melding.pk).update(status="getrieerd", casus=casus)
    assert services.public_status(melding.reference, code) == services.STATUS_IN_PROGRESS
    type(casus).objects.filter(pk=casus.pk).update(phase="afgesloten")
    assert services.public_status(melding.reference, code) == services.STATUS_DONE
    Melding.objects.filter(pk=melding.pk).update(casus=None)
    assert services.public_status(melding.reference, code) == services.STATUS_DONE


def test_a_wrong_code_or_reference_says_the_same(resident, region):
    melding, code = _sent(resident, region)
    wrong_code = resident.post(
        "/melden/status/", {"reference": melding.reference, "code": "AAAA-AAAA"}
    ).content.decode()
    wrong_ref = resident.post("/melden/status/", {"reference": "M-1999-00001", "code": code}).content.decode()
    message = "Wij vinden geen melding met dit kenmerk en deze statuscode."
    assert message in wrong_code and message in wrong_ref
    assert "Status:" not in wrong_code


def test_a_staff_melding_has_no_status_code(region):
    from tests.factories import MeldingFactory

    melding = MeldingFactory(meldpunt=region["meldpunt_noord"])
    assert services.public_status(melding.reference, "ABCDEFGH") is None


@override_settings(
    VANGNET_PUBLIEK_RATE_LIMITS={
        "stap_ip": "100/h",
        "versturen_ip": "100/h",
        "versturen_sessie": "100/h",
        "status_ip": "100/h",
        "status_sessie": "3/h",
    }
)
def test_guesses_are_limited_per_session_even_the_right_one_after(resident, region):
    melding, code = _sent(resident, region)
    for _ in range(3):
        assert (
            resident.post("/melden/status/", {"reference": melding.reference, "code": "AAAA-AAAA"}).status_code == 200
        )
    response = resident.post("/melden/status/", {"reference": melding.reference, "code": code})
    assert response.status_code == 429
    assert "Status:" not in response.content.decode()


def test_the_status_code_is_stored_only_as_a_hash(resident, region):
    melding, code = _sent(resident, region)
    stored = melding.ontvangstbewijs.code_hash
    assert services.normalise_code(code) not in stored and code not in stored
