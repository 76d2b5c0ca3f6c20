"""Feedback to melders: fixed minimal templates, never casus content; logged."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import MeldingFactory
from vangnet.audit.models import AccessLog
from vangnet.cases.services import add_note, log_contact_attempt
from vangnet.network import services
from vangnet.network.models import StatusMessage

pytestmark = pytest.mark.django_db
NOTE = "GEHEIM-NOTITIE: psychose, weigert medicatie"
ATTEMPT = "GEHEIM-POGING: zat huilend op de trap"


@pytest.fixture
def casus_with_content(casus, users, melding):
    from django.utils import timezone

    add_note(casus, text=NOTE, by=users["bemoeizorger"])
    log_contact_attempt(
        casus,
        at=timezone.now(),
        type="huisbezoek",
        result="gesprek",
        workers=[users["bemoeizorger"]],
        with_police=False,
        note=ATTEMPT,
        by=users["bemoeizorger"],
    )
    return casus


@pytest.mark.parametrize("template", StatusMessage.Template.values)
@pytest.mark.parametrize("greeting", [False, True])
def test_no_casus_content_in_any_message(
    casus_with_content, melding, users, template, greeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_status_message(melding, template=template, by=users["bemoeizorger"], greeting=greeting)
    assert melding.reference in sent.text
    email = mail.outbox[-1]
    for text in (sent.text, email.body, email.subject):
        for secret in ("GEHEIM", melding.description, casus_with_content.person.surname, casus_with_content.reference):
            assert secret not in text
    assert email.to == ["buur@example.org"]
    assert sent.channel == "email" and sent.recipient == "buur@example.org"


def test_greeting_uses_only_the_melder_name(melding, users):
    melding.melder_name = "Mevrouw Jansen"
    text = services.compose_status_message(melding, "ontvangen", greeting=True)
    assert text.startswith("Beste Mevrouw Jansen,")


@pytest.mark.parametrize(
    "changes,reason",
    [
        ({"melder_anonymous": True}, "anoniem"),
        ({"melder_wants_feedback": False}, "niet om terugkoppeling"),
        ({"melder_email": ""}, "geen e-mailadres"),
    ],
)
def test_no_route_no_message(melding, users, changes, reason):
    for k, v in changes.items():
        setattr(melding, k, v)
    route = services.feedback_route(melding)
    assert route.channel is None and reason in route.explanation
    with pytest.raises(ValidationError):
        services.send_status_message(melding, template="ontvangen", by=users["meldpunt"])
    assert not StatusMessage.objects.exists()
    assert mail.outbox == []


def test_partner_melding_goes_to_the_portal(ggd, users, login):
    melding = MeldingFactory(meldpunt=ggd, created_by=users["partner"], channel="politie", melder_anonymous=True)
    sent = services.send_status_message(melding, template="in_behandeling", by=users["meldpunt"])
    assert sent.channel == "portaal" and mail.outbox == []
    page = login(users["partner"]).get(reverse("intake:partner_detail", args=[melding.pk])).content.decode()
    assert "is in behandeling" in page
    assert melding.description not in page


def test_send_through_the_page_is_logged(melding, users, login, django_capture_on_commit_callbacks):
    client = login(users["meldpunt"])
    url = reverse("network:status_message", args=[melding.pk])
    assert "Contact gelegd en hulp ingezet" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"template": "contact_gelegd"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "contact gelegd" in mail.outbox[0].body
    log = AccessLog.objects.filter(melding_id=str(melding.pk), action="U").get()
    assert log.detail == "statusbericht contact_gelegd via email"


def test_page_without_route_explains_and_sends_nothing(melding, users, login):
    melding.melder_anonymous = True
    melding.save()
    client = login(users["meldpunt"])
    url = reverse("network:status_message", args=[melding.pk])
    assert "anoniem" in client.get(url).content.decode()
    client.post(url, {"template": "afgerond"})
    assert not StatusMessage.objects.exists() and mail.outbox == []


def test_empty_choice_shows_an_error(melding, users, login):
    response = login(users["meldpunt"]).post(reverse("network:status_message", args=[melding.pk]), {})
    assert response.status_code == 200
    assert "Kies een van de vaste berichten." in response.content.decode()


def test_melding_page_links_to_the_status_message(melding, users, login):
    url = reverse("network:status_message", args=[melding.pk])
    assert url in login(users["meldpunt"]).get(reverse("intake:detail", args=[melding.pk])).content.decode()
    assert url not in login(users["consultant"]).get(reverse("intake:detail", args=[melding.pk])).content.decode()
