"""Oversize posts on the web forms: a Dutch 400 page, not a 500 or Django's
English "Bad Request (400)"."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import MeldingFactory

BIG = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
BODIES = {
    "oversize text": urlencode({"description": "x" * BIG}),
    "too many fields": urlencode([(f"f{i}", "1") for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)]),
}


def _forms(users, ggd):
    melding = MeldingFactory(meldpunt=ggd, created_by=users["meldpunt"])
    return [
        ("meldpunt", reverse("intake:create")),
        ("partner", reverse("intake:partner_create")),
        ("meldpunt", reverse("triage:melding", args=[melding.pk])),
        ("meldpunt", reverse("intake:validate_bsn")),
        (None, reverse("accounts:login")),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("body", BODIES)
def test_oversize_post_is_a_dutch_400(users, ggd, login, body):
    for who, url in _forms(users, ggd):
        client = login(users[who]) if who else Client()
        response = client.post(url, BODIES[body], content_type="application/x-www-form-urlencoded")
        html = response.content.decode()
        assert response.status_code == 400, url
        assert "Ongeldig verzoek" in html and "Er is niets opgeslagen." in html, url
        assert '<html lang="nl">' in html
