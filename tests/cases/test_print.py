"""The print view of a casus (issue 12, item 9): everything on paper, the timeline
in full, no forms or navigation; a logged read; refused like the casus page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.cases import services, timeline

pytestmark = pytest.mark.django_db


def print_url(casus):
    return reverse("cases:print", args=[casus.pk])


def test_print_has_the_whole_timeline_without_forms_or_navigation(casus, users, login):
    bz = users["bemoeizorger"]
    start = timezone.now() - timedelta(days=2)
    for i in range(timeline.PAGE_SIZE + 10):
        services.log_contact_attempt(
            casus,
            at=start + timedelta(minutes=i),
            type="telefoon",
            result="geen_gehoor",
            workers=[],
            with_police=False,
            note=f"Poging {i}",
            by=bz,
        )
    services.add_note(casus, text="Overleg met de wijkagent.", by=users["duo"])
    response = login(bz).get(print_url(casus))
    assert response.status_code == 200
    html = response.content.decode()
    # all of it, not one page: 35 attempts, the note, the start and the melding
    assert html.count('class="kind-') == timeline.PAGE_SIZE + 10 + 3
    assert "Poging 0</p>" in html and "Poging 34</p>" in html and "Overleg met de wijkagent." in html
    assert "Jan Jansen" in html and "M-2026-00001" in html and str(users["duo"]) in html
    assert "<form" not in html and "<nav" not in html and "Toon eerdere" not in html
    assert "corrigeren" not in html
    # the title names the record by reference, never the person (browser history)
    title = html[html.index("<title>") : html.index("</title>")]
    assert casus.reference in title and "Jansen" not in title


def test_print_is_a_logged_read(casus, users, login):
    duo = users["duo"]
    login(duo).get(print_url(casus))
    row = AccessLog.objects.get(user_id=str(duo.pk), casus_id=str(casus.pk), action="R")
    assert "afdrukken" in row.detail
    assert row.reason == "casuslid"


def test_print_is_refused_to_who_cannot_see_the_casus(casus, users, login):
    for who in ("other_bemoeizorger", "other_teamleider", "partner", "consultant"):
        assert login(users[who]).get(print_url(casus)).status_code == 404, who
    refused = AccessLog.objects.filter(casus_id=str(casus.pk), action=AccessLog.Action.REFUSED)
    assert refused.count() == 4
    assert not AccessLog.objects.filter(casus_id=str(casus.pk), action="R").exists()


def test_casus_page_links_to_print_and_keeps_forms_off_paper(casus, users, login):
    html = login(users["bemoeizorger"]).get(reverse("cases:detail", args=[casus.pk])).content.decode()
    assert f'href="{print_url(casus)}"' in html
    assert 'class="casus-quick no-print"' in html and 'class="casus-jump no-print"' in html
