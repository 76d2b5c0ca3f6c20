"""Issue 17: the casus page asks its sections' counts and "is there any?" in one query
(cases.services.page_summary) and the person page its empty parts in one query
(persons.services.page_flags). The pages must show exactly what the sections and parts
show when each asks for itself: the same HTML with the summary as without it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.bewaren.dossier import build_dossier
from vangnet.cases import services as case_services
from vangnet.cases import timeline
from vangnet.cases.models import ContactAttempt
from vangnet.persons import services as person_services
from vangnet.verzoeken.models import Soort, Status, Verzoek

pytestmark = pytest.mark.django_db

# what differs between two requests of the same page: tokens, the form's "now", the session clock
_VOLATILE = [
    (re.compile(r'(csrfmiddlewaretoken" value=")[^"]+'), r"\1"),
    (re.compile(r'("X-CSRFToken": ")[^"]+'), r"\1"),
    (re.compile(r'(nonce=")[^"]+'), r"\1"),
    (re.compile(r'value="\d{4}-\d\d-\d\dT\d\d:\d\d"'), 'value=""'),
    (re.compile(r'data-expires-in="\d+"'), 'data-expires-in=""'),
]


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for pattern, replacement in _VOLATILE:
        html = pattern.sub(replacement, html)
    return html


def _with_and_without(client, url, monkeypatch, target, name):
    summed = _html(client, url)
    with monkeypatch.context() as m:
        m.setattr(target, name, lambda *args, **kwargs: {})  # every part asks for itself
        asked = _html(client, url)
    return summed, asked


def _restrict(person, by):
    Verzoek.objects.create(
        person=person,
        organisation=by.organisation,
        kind=Soort.BEPERKING,
        received_on=timezone.localdate(),
        channel="schriftelijk",
        request_text="Niet verwerken",
        status=Status.TOEGEWEZEN,
        decided_on=timezone.localdate(),
        registered_by=by,
        registered_at=timezone.now(),
        due_on=timezone.localdate() + timedelta(days=30),
    )


@pytest.mark.parametrize("role", ["bemoeizorger", "duo", "teamleider"])
def test_casus_page_with_the_summary_is_the_page_without_it(ggd, users, login, monkeypatch, role):
    dossier = build_dossier(ggd, users, close_casus=False)
    casus = dossier["casus"]
    _restrict(casus.person, users["teamleider"])
    # a voided attempt, an older own attempt of the duo: the sources most casussen lack
    old = ContactAttempt.objects.create(
        casus=casus, at=timezone.now() - timedelta(days=2), type="telefoon", result="gesprek", created_by=users["duo"]
    )
    old.workers.set([users["duo"], users["bemoeizorger"]])
    ContactAttempt.objects.filter(pk=old.pk).update(voided_at=timezone.now())
    client = login(users[role])
    summed, asked = _with_and_without(
        client, reverse("cases:detail", args=[casus.pk]), monkeypatch, case_services, "page_summary"
    )
    assert summed == asked
    assert "Vragen van partners" in summed  # the sections with rows are there


def test_empty_casus_page_with_the_summary_is_the_page_without_it(casus, users, login, monkeypatch):
    client = login(users["bemoeizorger"])
    summed, asked = _with_and_without(
        client, reverse("cases:detail", args=[casus.pk]), monkeypatch, case_services, "page_summary"
    )
    assert summed == asked


def test_summary_engagement_and_last_attempt_are_the_ones_asked(casus, users):
    bz, now = users["bemoeizorger"], timezone.now()
    for hours, result in ((5, "geen_gehoor"), (4, "geen_gehoor"), (3, "gesprek"), (2, "geen_gehoor")):
        ContactAttempt.objects.create(
            casus=casus, at=now - timedelta(hours=hours), type="telefoon", result=result, created_by=bz
        )
    extra = {**timeline.engagement_flags(casus), **timeline.last_attempt_flag(casus, bz)}
    summary = case_services.page_summary(casus, extra=extra)
    assert timeline.engagement_from(summary, casus) == timeline.engagement(casus)
    assert timeline.engagement(casus).attempts_before_contact == 2
    last, asked = timeline.last_attempt(casus, bz, summary=summary), timeline.last_attempt(casus, bz)
    assert last is not None and asked is not None
    assert (last.pk, last.type) == (asked.pk, asked.type)


@pytest.mark.parametrize("role", ["bemoeizorger", "teamleider"])
def test_person_page_with_the_flags_is_the_page_without_them(ggd, users, login, monkeypatch, role):
    dossier = build_dossier(ggd, users, close_casus=False)
    _restrict(dossier["person"], users["teamleider"])
    client = login(users[role])
    url = reverse("persons:detail", args=[dossier["person"].pk])
    summed, asked = _with_and_without(client, url, monkeypatch, person_services, "page_flags")
    assert summed == asked
    assert "Bijnaam" in summed  # the alias is shown


def test_empty_person_page_with_the_flags_is_the_page_without_them(casus, users, login, monkeypatch):
    client = login(users["bemoeizorger"])
    url = reverse("persons:detail", args=[casus.person.pk])
    summed, asked = _with_and_without(client, url, monkeypatch, person_services, "page_flags")
    assert summed == asked


def test_wvggz_section_asks_assignment_once_not_per_onderzoek(casus, users, login):
    """The casus page's Wvggz section: whether the worker works on each onderzoek comes
    with the onderzoeken (no query per onderzoek); she sees only the ones she works on."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MeldingFactory
    from vangnet.wvggz import services as wvggz_services
    from vangnet.wvggz.models import OnderzoekWorker

    def onderzoek(assigned):
        melding = MeldingFactory(meldpunt=casus.organisation, person=casus.person, casus=casus, is_wvggz=True)
        found = wvggz_services.open_onderzoek(melding, by=users["meldpunt"])
        if assigned:
            OnderzoekWorker.objects.create(onderzoek=found, user=users["bemoeizorger"])
        return found

    client = login(users["bemoeizorger"])
    url = reverse("cases:detail", args=[casus.pk])
    mine, other = onderzoek(True), onderzoek(False)

    def counted():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        return len(ctx.captured_queries), html

    few, html = counted()
    assert mine.reference in html and other.reference not in html
    more = [onderzoek(True), onderzoek(True), onderzoek(False)]
    many, html = counted()
    assert many == few
    assert all(o.reference in html for o in more[:2]) and more[2].reference not in html


def test_remembered_duo_of_an_attempt_off_the_timeline_page_comes_with_the_summary(casus, users, login, monkeypatch):
    """The worker's last attempt is older than the timeline's first page: the quick form still
    ticks who went then (its workers come with the page's one query, not a query of their own)."""
    bz, duo, now = users["bemoeizorger"], users["duo"], timezone.now()
    own = ContactAttempt.objects.create(
        casus=casus, at=now - timedelta(days=3), type="telefoon", result="gesprek", created_by=bz
    )
    own.workers.set([bz, duo])
    for minutes in range(timeline.PAGE_SIZE + 5):
        ContactAttempt.objects.create(
            casus=casus, at=now - timedelta(minutes=minutes), type="huisbezoek", result="geen_gehoor", created_by=duo
        )
    client = login(bz)
    url = reverse("cases:detail", args=[casus.pk])
    response = client.get(url)
    assert own not in [e.record for e in response.context["timeline_page"].entries]
    assert set(response.context["attempt_form"].initial["workers"]) == {bz.pk, duo.pk}
    summed, asked = _with_and_without(client, url, monkeypatch, case_services, "page_summary")
    assert summed == asked
