"""Who is refused: the request pages are the teamleider's of the organisation it was made
to (others 404); registering is for the teamleider of an organisation that holds the
person's records (the meldpunt and the casus team see the person: 403); the register is
the privacy officer's. One REFUSED row each, nothing written."""

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.verzoeken.models import Verzoek

from .conftest import make

pytestmark = pytest.mark.django_db


def _refused():
    return AccessLog.objects.filter(action=AccessLog.Action.REFUSED)


@pytest.mark.parametrize(
    "who, status",
    [
        ("meldpunt", 403),  # sees the person (its meldpunt received the melding), may not register
        ("bemoeizorger", 403),  # casusregisseur: sees the person
        ("consultant", 404),
        ("other_teamleider", 404),  # another organisation
        ("partner", 404),
        ("privacy", 404),  # sees no person
        ("beheerder", 404),
    ],
)
def test_registering_is_refused_for_others(person, users, login, who, status):
    client = login(users[who])
    url = reverse("verzoeken:register_request", args=[person.pk])
    data = {
        "kind": "correctie",
        "received_on": timezone.localdate().isoformat(),
        "channel": "e-mail",
        "request_text": "Naam fout",
    }
    before = _refused().count()
    assert client.get(url).status_code == status
    assert client.post(url, data).status_code == status
    assert _refused().count() == before + 2
    assert not Verzoek.objects.exists()


@pytest.mark.parametrize("who", ["meldpunt", "bemoeizorger", "other_teamleider", "privacy", "beheerder", "partner"])
def test_the_request_pages_are_refused_for_others(person, users, login, who):
    verzoek = make(person, users["teamleider"], text="Geheime vraag")
    client = login(users[who])
    for name in ("detail", "extend", "decide", "lift"):
        before = _refused().count()
        response = client.get(reverse(f"verzoeken:{name}", args=[verzoek.pk]))
        assert response.status_code == 404, name
        assert "Geheime vraag" not in response.content.decode()
        assert _refused().count() == before + 1
    before = _refused().count()
    version = verzoek.version
    assert client.post(reverse("verzoeken:start", args=[verzoek.pk]), {"version": version}).status_code == 404
    assert (
        client.post(
            reverse("verzoeken:decide", args=[verzoek.pk]),
            {"version": version, "outcome": "afgewezen", "decided_on": timezone.localdate().isoformat(), "answer": "x"},
        ).status_code
        == 404
    )
    assert _refused().count() == before + 2
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.version, verzoek.history.count()) == ("ontvangen", version, 1)


@pytest.mark.parametrize("who", ["teamleider", "meldpunt", "beheerder", "bemoeizorger"])
def test_the_register_is_refused_for_all_but_the_privacy_officer(users, login, who):
    client = login(users[who])
    for name in ("verzoeken:register", "verzoeken:register_export"):
        before = _refused().count()
        assert client.get(reverse(name)).status_code == 403
        assert _refused().count() == before + 1


@pytest.mark.parametrize("who", ["meldpunt", "bemoeizorger", "privacy", "beheerder"])
def test_the_teamleider_list_is_refused_for_others(users, login, who):
    before = _refused().count()
    assert login(users[who]).get(reverse("verzoeken:list")).status_code == 403
    assert _refused().count() == before + 1


def test_break_glass_does_not_let_the_meldpunt_register(person, users, login):
    from vangnet.access.models import BreakGlassGrant

    BreakGlassGrant.objects.create(user=users["other_meldpunt"], person=person, reason="Spoed: politie aan de deur")
    url = reverse("verzoeken:register_request", args=[person.pk])
    assert login(users["other_meldpunt"]).get(url).status_code == 403
