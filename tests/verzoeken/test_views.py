"""The pages: register a request from the person page, see it with its term and history,
take it in hand, extend, decide, lift a restriction; the banner on the person and casus
pages; the teamleider's worklist section; the privacy officer's register and CSV."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.verzoeken.models import Verzoek

from .conftest import grant, make

pytestmark = pytest.mark.django_db


def test_the_teamleider_registers_a_request_from_the_person_page(person, users, login):
    client = login(users["teamleider"])
    page = client.get(reverse("persons:detail", args=[person.pk])).content.decode()
    url = reverse("verzoeken:register_request", args=[person.pk])
    assert url in page
    with time_machine.travel("2026-01-31 12:00 +01:00", tick=False):
        response = client.post(
            url,
            {
                "kind": "correctie",
                "received_on": "2026-01-31",
                "channel": "mondeling",
                "request_text": "Adres klopt niet",
            },
        )
        verzoek = Verzoek.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse("verzoeken:detail", args=[verzoek.pk])
        detail = client.get(response["Location"]).content.decode()
    assert verzoek.due_on == date(2026, 2, 28)
    assert verzoek.reference in detail and "Adres klopt niet" in detail and "28 februari 2026" in detail
    assert reverse("verzoeken:decide", args=[verzoek.pk]) in detail


def test_a_bad_post_shows_the_dutch_message_on_its_field_and_keeps_the_input(person, users, login):
    client = login(users["teamleider"])
    future = (timezone.localdate().replace(year=timezone.localdate().year + 1)).isoformat()
    response = client.post(
        reverse("verzoeken:register_request", args=[person.pk]),
        {"kind": "beperking", "received_on": future, "channel": "e-mail", "request_text": "Niets meer delen"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Deze datum ligt in de toekomst." in body and "Niets meer delen" in body
    assert not Verzoek.objects.exists()


def test_the_correction_request_links_to_the_correction_pages(person, users, login, casus):
    verzoek = make(person, users["teamleider"])
    body = login(users["teamleider"]).get(reverse("verzoeken:detail", args=[verzoek.pk])).content.decode()
    melding = person.meldingen.get()
    assert reverse("intake:correct", args=[melding.pk]) in body
    assert reverse("cases:detail", args=[casus.pk]) in body


def test_an_inzage_request_leads_to_the_inzage_of_the_person(person, users, login):
    inzage = make(person, users["teamleider"], kind="inzage", text="Wat weten jullie over mij?")
    correction = make(person, users["teamleider"], text="Mijn adres klopt niet")
    client = login(users["teamleider"])
    body = client.get(reverse("verzoeken:detail", args=[inzage.pk])).content.decode()
    assert reverse("inzage:start", args=[person.pk]) in body
    body = client.get(reverse("verzoeken:detail", args=[correction.pk])).content.decode()
    assert reverse("inzage:start", args=[person.pk]) not in body


def test_start_extend_decide_through_the_pages(person, users, login):
    client = login(users["teamleider"])
    verzoek = make(person, users["teamleider"], kind="bezwaar", text="Bezwaar tegen delen met politie")
    detail = reverse("verzoeken:detail", args=[verzoek.pk])
    assert client.post(reverse("verzoeken:start", args=[verzoek.pk]), {"version": 1}).status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "in_behandeling"
    response = client.post(
        reverse("verzoeken:extend", args=[verzoek.pk]),
        {"version": verzoek.version, "reason": "", "told_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200 and "Geef de reden van de verlenging." in response.content.decode()
    response = client.post(
        reverse("verzoeken:extend", args=[verzoek.pk]),
        {
            "version": verzoek.version,
            "reason": "Overleg met partners nodig",
            "told_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.extended_until is not None
    response = client.post(
        reverse("verzoeken:decide", args=[verzoek.pk]),
        {
            "version": verzoek.version,
            "outcome": "afgewezen",
            "decided_on": timezone.localdate().isoformat(),
            "answer": "",
        },
    )
    assert response.status_code == 200
    assert "Geef de reden van de afwijzing" in response.content.decode()
    response = client.post(
        reverse("verzoeken:decide", args=[verzoek.pk]),
        {
            "version": verzoek.version,
            "outcome": "afgewezen",
            "decided_on": timezone.localdate().isoformat(),
            "answer": "Zwaarwegend belang: veiligheid",
        },
    )
    assert response.status_code == 302
    body = client.get(detail).content.decode()
    for text in ("Afgewezen", "Zwaarwegend belang: veiligheid", "Termijn verlengd", "In behandeling genomen"):
        assert text in body


def test_a_stale_version_keeps_the_input_and_says_so(person, users, login):
    client = login(users["teamleider"])
    verzoek = make(person, users["teamleider"])
    client.post(reverse("verzoeken:start", args=[verzoek.pk]), {"version": 1})
    response = client.post(
        reverse("verzoeken:decide", args=[verzoek.pk]),
        {
            "version": 1,
            "outcome": "toegewezen",
            "decided_on": timezone.localdate().isoformat(),
            "correction_done": "Naam aangepast",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in body and "Naam aangepast" in body
    verzoek.refresh_from_db()
    assert verzoek.status == "in_behandeling"


def test_the_restriction_banner_on_the_person_and_casus_pages_until_lifted(person, casus, users, login):
    client = login(users["bemoeizorger"])
    pages = [reverse("persons:detail", args=[person.pk]), reverse("cases:detail", args=[casus.pk])]
    for url in pages:
        assert "Verwerking beperkt" not in client.get(url).content.decode()
    verzoek = grant(make(person, users["teamleider"], kind="beperking"), users["teamleider"])
    for url in pages:
        assert "Verwerking beperkt (art. 18 AVG)" in client.get(url).content.decode()
    tl = login(users["teamleider"])
    response = tl.post(
        reverse("verzoeken:lift", args=[verzoek.pk]),
        {"version": verzoek.version, "lifted_on": timezone.localdate().isoformat(), "reason": "Geschil opgelost"},
    )
    assert response.status_code == 302
    for url in pages:
        assert "Verwerking beperkt" not in client.get(url).content.decode()


def test_the_teamleider_home_shows_requests_near_their_term_overdue_first(person, users, login):
    with time_machine.travel("2026-01-01 10:00 +01:00", tick=False):
        late = make(person, users["teamleider"], received_on=date(2026, 1, 1), text="oud")
    with time_machine.travel("2026-01-08 10:00 +01:00", tick=False):
        soon = make(person, users["teamleider"], received_on=date(2026, 1, 8), text="bijna")
    with time_machine.travel("2026-02-03 10:00 +01:00", tick=False):
        client = login(users["teamleider"])
        body = client.get(reverse("worklists:home")).content.decode()
        other = login(users["bemoeizorger"]).get(reverse("worklists:home")).content.decode()
    assert "<h2>Verzoeken van betrokkenen</h2>" in body
    assert body.index(late.reference) < body.index(soon.reference)
    assert "te laat" in body and "nog 5 dagen" in body
    assert person.surname not in body.split("<h2>Verzoeken van betrokkenen</h2>")[1].split("</table>")[0]
    assert "<h2>Verzoeken van betrokkenen</h2>" not in other
    assert (
        AccessLog.objects.filter(object_type="verzoek", detail="werkvoorraad: verzoeken van betrokkenen").count() == 2
    )


def test_the_register_shows_references_not_the_person_and_exports_csv(person, users, login):
    with time_machine.travel("2026-01-01 10:00 +01:00", tick=False):
        late = make(person, users["teamleider"], received_on=date(2026, 1, 1), text="Geheime vraag")
    client = login(users["privacy"])
    home = client.get(reverse("worklists:home")).content.decode()
    assert reverse("verzoeken:register") in home
    with time_machine.travel("2026-02-05 10:00 +01:00", tick=False):
        body = client.get(reverse("verzoeken:register")).content.decode()
        export = client.get(reverse("verzoeken:register_export"))
    assert late.reference in body and "te laat" in body
    assert person.surname not in body and "Geheime vraag" not in body
    assert reverse("verzoeken:detail", args=[late.pk]) not in body, "no link to the content"
    text = export.content.decode("utf-8-sig")
    assert export["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("kenmerk;soort;organisatie")
    assert late.reference in text and person.surname not in text and "Geheime vraag" not in text
    assert AccessLog.objects.filter(object_type="verzoek", action="E", user_id=str(users["privacy"].pk)).count() == 1


def test_the_teamleider_list_shows_her_organisations_requests(person, users, login):
    verzoek = make(person, users["teamleider"])
    assert verzoek.reference in login(users["teamleider"]).get(reverse("verzoeken:list")).content.decode()
    assert verzoek.reference not in login(users["other_teamleider"]).get(reverse("verzoeken:list")).content.decode()
