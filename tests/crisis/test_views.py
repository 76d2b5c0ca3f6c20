"""The pages: the card at the top of the casus page, the card with its history, changing
it, recording an episode and its feedback; the timeline entries; the triage fields."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.crisis.models import CrisisCard, CrisisEpisode

from .conftest import CARD, episode, save

pytestmark = pytest.mark.django_db


def _card_post(version=0, **values):
    data = {**CARD, **values, "version": str(version)}
    data["agreed_on"] = data["agreed_on"].isoformat() if data["agreed_on"] else ""
    if not data["agreed_with_person"]:
        data.pop("agreed_with_person")
    return data


@pytest.mark.parametrize("who", ["duo", "meldpunt", "teamleider"])
def test_the_casus_page_shows_the_card_on_top_for_whoever_sees_the_casus(casus, users, login, who):
    save(casus, users["duo"])
    body = login(users[who]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert 'id="crisis-card-heading"' in body and '<details class="crisis-card">' in body
    assert "Zus Anja 06 11 22 33 44" in body and "Geen politie in uniform" in body
    assert body.index("crisis-card-heading") < body.index("timeline-heading")
    assert reverse("crisis:card", args=[casus.pk]) in body
    may_edit = reverse("crisis:card_edit", args=[casus.pk]) in body
    assert may_edit == (who != "meldpunt")


def test_the_casus_page_offers_to_make_a_card(casus, users, login):
    body = login(users["duo"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Er is nog geen crisiskaart" in body and "Crisiskaart maken" in body
    # Without a card nothing sits at the top: the attempt form stays first on a phone.
    assert "crisis-card-heading" not in body
    assert body.index("attempt-heading") < body.index("crisis-none-heading")


def test_the_card_page_shows_the_history_and_logs_the_read(casus, users, login):
    save(casus, users["duo"])
    save(casus, users["duo"], version=1, what_helps="Muziek van Bach")
    response = login(users["meldpunt"]).get(reverse("crisis:card", args=[casus.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Muziek van Bach" in body and "Rustig praten, zus bellen" in body and "Versie 1" in body
    row = AccessLog.objects.filter(casus_id=str(casus.pk), detail__contains="crisiskaart bekeken").get()
    assert row.user_id == str(users["meldpunt"].pk) and row.reason == "betrokkenheid organisatie"


def test_a_card_is_made_from_the_form(casus, users, login):
    url = reverse("crisis:card_edit", args=[casus.pk])
    client = login(users["duo"])
    assert client.get(url).status_code == 200
    response = client.post(url, _card_post(agreed_with_person=True, agreed_on=timezone.localdate()))
    assert response.status_code == 302
    card = CrisisCard.objects.get()
    assert card.agreed_with_person and card.who_to_call == "Zus Anja 06 11 22 33 44"


def test_a_double_submit_makes_one_card(casus, users, login):
    url = reverse("crisis:card_edit", args=[casus.pk])
    client = login(users["duo"])
    assert client.post(url, _card_post()).status_code == 302
    assert client.post(url, _card_post()).status_code == 302
    assert CrisisCard.objects.get().versions.count() == 1


def test_agreed_without_a_date_is_a_dutch_message_and_the_input_stays(casus, users, login):
    url = reverse("crisis:card_edit", args=[casus.pk])
    response = login(users["duo"]).post(url, _card_post(agreed_with_person=True, what_helps="Mijn eigen woorden"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vul in op welke datum de kaart met de betrokkene is afgesproken." in body
    assert "Mijn eigen woorden" in body and not CrisisCard.objects.exists()


def test_an_edit_conflict_keeps_the_input(casus, users, login):
    save(casus, users["duo"])
    url = reverse("crisis:card_edit", args=[casus.pk])
    assert login(users["duo"]).post(url, _card_post(1, what_helps="Eerste")).status_code == 302
    response = login(users["bemoeizorger"]).post(url, _card_post(1, what_helps="Mijn tweede versie"))
    body = response.content.decode()
    assert response.status_code == 200 and "Mijn tweede versie" in body and "Iemand anders" in body
    assert 'name="version" value="2"' in body
    assert CrisisCard.objects.get().what_helps == "Eerste"


def test_an_edit_conflict_on_a_new_card_moves_the_form_to_the_current_version(casus, users, login):
    url = reverse("crisis:card_edit", args=[casus.pk])
    assert login(users["duo"]).post(url, _card_post(0, what_helps="Eerste")).status_code == 302
    response = login(users["bemoeizorger"]).post(url, _card_post(0, what_helps="Tegelijk gemaakt"))
    body = response.content.decode()
    assert "Tegelijk gemaakt" in body and 'name="version" value="1"' in body


def test_an_episode_from_the_form_is_on_the_timeline(casus, users, login):
    url = reverse("crisis:episode_add", args=[casus.pk])
    client = login(users["duo"])
    assert client.get(url).status_code == 200
    at = timezone.localtime() - timedelta(hours=3)
    data = {"kind": "politie", "at": at.strftime("%Y-%m-%dT%H:%M"), "what_happened": "Politie haalde hem van het dak"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302, "a double submit"
    made = CrisisEpisode.objects.get()
    body = login(users["meldpunt"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Politie-inzet (terugkoppeling volgt)" in body and "Politie haalde hem van het dak" in body
    assert reverse("crisis:episode_feedback", args=[made.pk]) not in body, "the meldpunt adds no feedback"
    body = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert reverse("crisis:episode_feedback", args=[made.pk]) in body


def test_a_future_moment_is_a_dutch_message_on_the_field(casus, users, login):
    at = timezone.localtime() + timedelta(days=2)
    data = {"kind": "politie", "at": at.strftime("%Y-%m-%dT%H:%M"), "what_happened": "Mijn tekst"}
    response = login(users["duo"]).post(reverse("crisis:episode_add", args=[casus.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200 and "Dit tijdstip ligt in de toekomst." in body and "Mijn tekst" in body
    assert not CrisisEpisode.objects.exists()


def test_feedback_from_the_form_shows_on_the_timeline_and_the_print(casus, users, login):
    made = episode(casus, users["duo"])
    url = reverse("crisis:episode_feedback", args=[made.pk])
    client = login(users["bemoeizorger"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"feedback": "Opgenomen, IBS", "version": "1"}).status_code == 302
    body = client.get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert "Terugkoppeling:" in body and "Opgenomen, IBS" in body
    assert "(terugkoppeling volgt)" not in body
    printed = client.get(reverse("cases:print", args=[casus.pk])).content.decode()
    assert "Crisisdienst gebeld door de zus" in printed


def test_feedback_edit_conflict_keeps_the_input(casus, users, login):
    made = episode(casus, users["duo"])
    url = reverse("crisis:episode_feedback", args=[made.pk])
    assert login(users["duo"]).post(url, {"feedback": "Eerste", "version": "1"}).status_code == 302
    response = login(users["bemoeizorger"]).post(url, {"feedback": "Mijn bericht", "version": "1"})
    body = response.content.decode()
    assert response.status_code == 200 and "Mijn bericht" in body and 'name="version" value="2"' in body


def test_the_timeline_pages_through_episodes_with_the_other_entries(casus, users):
    from vangnet.cases import timeline

    from .conftest import hours_ago

    for n in range(3):
        episode(casus, users["duo"], at=hours_ago(n + 1), what=f"Crisis {n}")
    first = timeline.timeline_page(casus, size=2)
    assert [e.kind for e in first.entries] == ["crisis", "crisis"] and first.next_before.startswith("crisis-")
    rest = timeline.timeline_page(casus, before=first.next_before, size=10)
    assert [e.text for e in rest.entries if e.kind == "crisis"] == ["Crisis 2"]
