"""The triage outcome "crisisdienst" names which crisis service and when it was called."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import MeldingFactory
from tests.triage.conftest import decision_post
from vangnet.intake.models import Melding
from vangnet.triage.models import TriageDecision
from vangnet.triage.services import decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def melding(ggd, users):
    """A melding at the GGD meldpunt, received on 1 March 2026 at 10:00."""
    return MeldingFactory(
        meldpunt=ggd,
        created_by=users["meldpunt"],
        given_names="Jan",
        surname="Jansen",
        received_at=datetime.datetime(2026, 3, 1, 10, 0, tzinfo=ZoneInfo(settings.TIME_ZONE)),
    )


def _decide(melding, user, outcome="crisisdienst", **kwargs):
    return decide(
        melding,
        by=user,
        outcome=outcome,
        acute_danger="ja",
        already_in_care="onbekend",
        known_to_partners="nee",
        **kwargs,
    )


def test_both_are_required_with_dutch_messages(melding, users):
    with pytest.raises(ValidationError) as exc:
        _decide(melding, users["meldpunt"])
    assert exc.value.message_dict["crisis_service"] == ["Vul in welke crisisdienst is ingeschakeld."]
    assert exc.value.message_dict["crisis_called_at"] == ["Vul in wanneer de crisisdienst is ingeschakeld."]
    assert not TriageDecision.objects.exists()


def test_they_are_stored_on_the_decision(melding, users):
    called = melding.received_at + datetime.timedelta(minutes=10)
    decision = _decide(melding, users["meldpunt"], crisis_service=" GGZ-crisisdienst Noord ", crisis_called_at=called)
    decision.refresh_from_db()
    assert (decision.crisis_service, decision.crisis_called_at) == ("GGZ-crisisdienst Noord", called)


@pytest.mark.parametrize("delta, code", [(datetime.timedelta(days=-8), "before_start"), (None, "future")])
def test_the_moment_must_be_plausible(melding, users, delta, code):
    at = melding.received_at + delta if delta else timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        _decide(melding, users["meldpunt"], crisis_service="Crisisdienst", crisis_called_at=at)
    assert exc.value.error_dict["crisis_called_at"][0].code == code


def test_called_shortly_before_the_melding_is_fine(melding, users):
    at = melding.received_at - datetime.timedelta(hours=2)  # the police called them at the scene
    assert _decide(melding, users["meldpunt"], crisis_service="Crisisdienst", crisis_called_at=at).pk


def test_other_outcomes_store_neither(melding, users):
    decision = _decide(
        melding,
        users["meldpunt"],
        outcome="wvggz",
        crisis_service="Vergeten te wissen",
        crisis_called_at=timezone.now(),
    )
    assert (decision.crisis_service, decision.crisis_called_at) == ("", None)


def test_the_form_shows_the_errors_and_keeps_the_input(login, users, melding):
    url = reverse("triage:melding", args=[melding.pk])
    data = decision_post(melding, outcome="crisisdienst", crisis_service="GGZ-crisisdienst Noord")
    response = login(users["meldpunt"]).post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vul in wanneer de crisisdienst is ingeschakeld." in body and 'value="GGZ-crisisdienst Noord"' in body
    assert Melding.objects.get(pk=melding.pk).status == Melding.Status.TE_TRIEREN


def test_the_decision_and_the_melding_show_them(login, users, melding):
    url = reverse("triage:melding", args=[melding.pk])
    data = decision_post(
        melding, outcome="crisisdienst", crisis_service="GGZ-crisisdienst Noord", crisis_called_at="2026-03-01T10:30"
    )
    client = login(users["meldpunt"])
    assert client.post(url, data).status_code == 302
    for page in (url, reverse("intake:detail", args=[melding.pk])):
        body = client.get(page).content.decode()
        assert "GGZ-crisisdienst Noord" in body and "1 maart 2026, 10:30" in body, page


def test_the_conditional_part_shows_the_crisis_fields_for_that_outcome_only(login, users, melding):
    fields = reverse("triage:decision_fields", args=[melding.pk])
    client = login(users["meldpunt"])
    assert "id_crisis_service" in client.post(fields, {"outcome": "crisisdienst"}).content.decode()
    assert "id_crisis_service" not in client.post(fields, {"outcome": "advies"}).content.decode()


def test_an_older_decision_without_them_still_shows(login, users, melding):
    decision = _decide(melding, users["meldpunt"], crisis_service="X", crisis_called_at=timezone.now())
    TriageDecision.objects.filter(pk=decision.pk).update(crisis_service="", crisis_called_at=None)
    response = login(users["meldpunt"]).get(reverse("triage:melding", args=[melding.pk]))
    assert response.status_code == 200 and "Doorgezet naar crisisdienst" in response.content.decode()
