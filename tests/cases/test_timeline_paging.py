"""The casus timeline a page at a time (issue 12, item 8) and what the quick form
remembers (item 7): a long casus is paged, "toon eerdere" works with and without
JavaScript, an HTMX save answers with the new entry only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vangnet.audit.models import AccessLog
from vangnet.cases import services, timeline
from vangnet.cases.models import ContactAttempt

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def detail(casus):
    return reverse("cases:detail", args=[casus.pk])


def many_attempts(casus, by, n, *, start=None, note="Poging {i}"):
    start = start or timezone.now() - timedelta(days=2)
    for i in range(n):
        services.log_contact_attempt(
            casus,
            at=start + timedelta(minutes=i),
            type="huisbezoek",
            result="geen_gehoor",
            workers=[],
            with_police=False,
            note=note.format(i=i),
            by=by,
        )


def as_tuples(entries):
    return [(e.at, e.kind, e.title, e.text, e.by) for e in entries]


def test_pages_in_order_give_the_whole_timeline(casus, users):
    bz = users["bemoeizorger"]
    # same moment for an attempt and a note: the tie-break of services.timeline must hold across pages
    many_attempts(casus, bz, 60)
    services.add_note(casus, text="Overleg met de wijkagent.", by=users["duo"])
    at = timezone.now() - timedelta(hours=1)
    many_attempts(casus, bz, 3, start=at, note="Zelfde minuut {i}")
    many_attempts(casus, bz, 3, start=at, note="Zelfde minuut, later getypt {i}")

    # voided attempts stay on the timeline, in their place (a second stream of attempts)
    for attempt in ContactAttempt.objects.filter(note__in=["Poging 7", "Poging 33", "Zelfde minuut 1"]):
        services.void_contact_attempt(attempt, reason="Verkeerde casus.", by=bz, expected_version=attempt.version)

    seen, before, pages = [], None, 0
    while True:
        page = timeline.timeline_page(casus, before=before, size=10)
        assert len(page.entries) <= 10
        seen += page.entries
        pages += 1
        if not page.next_before:
            break
        before = page.next_before
    assert as_tuples(seen) == as_tuples(services.timeline(casus))
    assert pages == 7  # 66 attempts + note + melding + start phase = 69 entries


def test_page_edges_inside_a_tie(casus, users):
    """Seven attempts at the same minute and pages of three: every page edge falls
    inside the tie, which is broken by id as in services.timeline."""
    at = timezone.now() - timedelta(hours=3)
    for i in range(7):
        many_attempts(casus, users["bemoeizorger"], 1, start=at, note=f"Tegelijk {i}")
    seen, before = [], None
    while True:
        page = timeline.timeline_page(casus, before=before, size=3)
        seen += page.entries
        if not page.next_before:
            break
        before = page.next_before
    assert as_tuples(seen) == as_tuples(services.timeline(casus))
    assert [e.text for e in seen[:7]] == [f"Tegelijk {i}" for i in reversed(range(7))]


def test_casus_page_shows_one_page_and_toon_eerdere_without_javascript(casus, users, login):
    many_attempts(casus, users["bemoeizorger"], 40)
    client = login(users["duo"])
    html = client.get(detail(casus)).content.decode()
    assert html.count('class="kind-poging') == timeline.PAGE_SIZE
    assert "Poging 39</p>" in html and "Poging 15</p>" in html and "Poging 14</p>" not in html  # newest 25
    assert "Toon eerdere" in html and "Naar de nieuwste items" not in html
    last = ContactAttempt.objects.get(note="Poging 15")
    link = f"{detail(casus)}?voor=poging-{last.pk}"
    assert link in html

    older = client.get(detail(casus), {"voor": f"poging-{last.pk}"}).content.decode()
    assert "Poging 14</p>" in older and "Poging 15</p>" not in older
    assert "Naar de nieuwste items" in older
    # the rest: 15 attempts, the start phase and the melding, no further link
    assert older.count('class="kind-') == 17 and "Toon eerdere" not in older


def test_toon_eerdere_by_htmx_appends_entries_and_logs_a_read(casus, users, login):
    many_attempts(casus, users["bemoeizorger"], 30)
    duo = users["duo"]
    last = ContactAttempt.objects.get(note="Poging 5")
    before = AccessLog.objects.filter(user_id=str(duo.pk), action="R").count()
    response = login(duo).get(detail(casus), {"voor": f"poging-{last.pk}"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="attempt-form-wrap"' not in html
    assert 'hx-swap-oob="beforeend:#timeline-list"' in html
    assert "Poging 4" in html and "Poging 0" in html and "Poging 5" not in html
    assert 'id="timeline-more"' in html and "Toon eerdere" not in html
    # the first appended entry takes the focus
    assert html.index("autofocus") < html.index("Poging 4")
    rows = AccessLog.objects.filter(user_id=str(duo.pk), action="R")
    assert rows.count() == before + 1
    assert "tijdlijn" in rows.latest("pk").detail


@pytest.mark.parametrize("value", ["poging-abc", "poging-99999999999999999999999", "iets-1", "poging-", "-1"])
def test_a_bad_cursor_starts_at_the_newest(casus, users, login, value):
    many_attempts(casus, users["bemoeizorger"], 3)
    response = login(users["duo"]).get(detail(casus), {"voor": value})
    assert response.status_code == 200
    assert "Poging 2" in response.content.decode()


def test_a_cursor_from_another_casus_is_not_followed(casus, users, login):
    from tests.factories import CasusFactory

    other = CasusFactory(
        organisation=casus.organisation, casusregisseur=users["other_bemoeizorger"], opened_at=casus.opened_at
    )
    many_attempts(other, users["other_bemoeizorger"], 1, note="Andere casus")
    foreign = ContactAttempt.objects.get(casus=other)
    many_attempts(casus, users["bemoeizorger"], 2)
    page = timeline.timeline_page(casus, before=f"poging-{foreign.pk}")
    assert not page.is_older and "Andere casus" not in str(as_tuples(page.entries))


def test_htmx_attempt_answer_does_not_grow_with_the_timeline(casus, users, login, attempt_data):
    duo = users["duo"]
    client = login(duo)
    first = client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data(), **HTMX).content
    many_attempts(casus, users["bemoeizorger"], 80, note="Lange notitie " + "x" * 200 + " {i}")
    later = client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data(note="Nieuw."), **HTMX)
    html = later.content.decode()
    assert "Lange notitie" not in html and "Nieuw." in html
    assert len(later.content) < len(first) + 500
    assert "<dd>82</dd>" in html  # the counters come along (out of band)


def test_htmx_note_answer_has_only_the_new_note(casus, users, login):
    many_attempts(casus, users["bemoeizorger"], 5)
    response = login(users["duo"]).post(reverse("cases:note_add", args=[casus.pk]), {"text": "Nieuwe notitie."}, **HTMX)
    html = response.content.decode()
    assert "Nieuwe notitie." in html and "Poging" not in html
    assert html.count('class="kind-notitie is-new"') == 1


# --- the quick form remembers (item 7) ------------------------------------------------


def checked_workers(html):
    import re

    return {int(v) for v in re.findall(r'name="workers" value="(\d+)"[^>]*checked', html)}


def test_duo_partner_is_ticked_again_after_an_attempt(casus, users, login, attempt_data):
    bz, duo = users["bemoeizorger"], users["duo"]
    client = login(bz)
    assert checked_workers(client.get(detail(casus)).content.decode()) == {bz.pk}
    response = client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data(workers=[bz.pk, duo.pk]), **HTMX)
    # the fresh form in the answer and the page later both remember the duo
    assert checked_workers(response.content.decode()) == {bz.pk, duo.pk}
    assert checked_workers(client.get(detail(casus)).content.decode()) == {bz.pk, duo.pk}
    # someone else's attempts do not change what this user sees
    assert checked_workers(login(duo).get(detail(casus)).content.decode()) == {duo.pk}


def test_quick_button_logs_huisbezoek_niet_thuis(casus, users, login, attempt_data):
    bz = users["bemoeizorger"]
    data = attempt_data(type="", result="", snel="huisbezoek:geen_gehoor", workers=[bz.pk, users["duo"].pk])
    response = login(bz).post(reverse("cases:attempt_add", args=[casus.pk]), data, **HTMX)
    assert response.status_code == 200
    assert "De contactpoging is vastgelegd." in response.content.decode()
    a = ContactAttempt.objects.get()
    assert (a.type, a.result) == ("huisbezoek", "geen_gehoor")
    assert set(a.workers.all()) == {bz, users["duo"]}


def test_quick_button_offers_the_kind_used_last(casus, users, login, attempt_data):
    bz = users["bemoeizorger"]
    client = login(bz)
    html = client.get(detail(casus)).content.decode()
    assert 'value="huisbezoek:geen_gehoor"' in html and "Huisbezoek, niet thuis" in html
    assert 'value="telefoon:geen_gehoor"' not in html
    client.post(reverse("cases:attempt_add", args=[casus.pk]), attempt_data(type="telefoon"))
    html = client.get(detail(casus)).content.decode()
    assert 'value="telefoon:geen_gehoor"' in html and "Telefoon: geen gehoor" in html


@pytest.mark.parametrize("value", ["huisbezoek:gesprek", "raam:geen_gehoor", "x" * 500])
def test_a_forged_quick_value_is_not_a_shortcut(casus, users, login, attempt_data, value):
    response = login(users["bemoeizorger"]).post(
        reverse("cases:attempt_add", args=[casus.pk]), attempt_data(type="", result="", snel=value)
    )
    assert response.status_code == 200
    assert "Kies de soort contactpoging." in response.content.decode()
    assert not ContactAttempt.objects.exists()


# --- the counters in SQL ----------------------------------------------------------


def test_engagement_in_sql_is_the_rule_of_services(casus, users):
    bz = users["bemoeizorger"]
    assert timeline.engagement(casus) == services.engagement(casus)  # no attempts yet
    t0 = timezone.now() - timedelta(days=2)
    for i, result in enumerate(["geen_gehoor", "geweigerd", "geen_gehoor"]):
        services.log_contact_attempt(
            casus,
            at=t0 + timedelta(hours=i),
            type="huisbezoek",
            result=result,
            workers=[],
            with_police=False,
            note="",
            by=bz,
        )
    assert timeline.engagement(casus) == services.engagement(casus)
    # contact logged late but earlier in time, and two at the same minute: order by time, then id
    same = t0 + timedelta(hours=1)
    for result in ("gesprek", "kort_contact"):
        services.log_contact_attempt(
            casus, at=same, type="straat", result=result, workers=[], with_police=False, note="", by=bz
        )
    ours, theirs = timeline.engagement(casus), services.engagement(casus)
    assert ours == theirs
    assert (ours.attempts_before_contact, ours.total_attempts) == (2, 5)


def test_quick_button_without_javascript_redirects_to_the_timeline(casus, users, login, attempt_data):
    bz = users["bemoeizorger"]
    data = attempt_data(type="", result="", snel="huisbezoek:geen_gehoor")
    response = login(bz).post(reverse("cases:attempt_add", args=[casus.pk]), data)
    assert response.status_code == 302 and response["Location"].endswith("#tijdlijn")
    assert ContactAttempt.objects.filter(type="huisbezoek", result="geen_gehoor", created_by=bz).count() == 1


def _page_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up (session, caches)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_casus_page_query_count_does_not_grow_with_the_attempts(casus, users, login):
    """Issue 17: the casus page is flat in its history (the timeline is paged in SQL,
    the counters are one aggregate, the membership is asked once)."""
    regisseur = users["bemoeizorger"]
    client = login(regisseur)
    many_attempts(casus, regisseur, 2)
    few = _page_queries(client, detail(casus))
    many_attempts(casus, regisseur, 40, start=timezone.now() - timedelta(days=1))
    many = _page_queries(client, detail(casus))
    assert len(many) == len(few), "\n".join(many)
    # "is this user a member?" once for the page (was 17, then 4): can_manage_members and
    # the grondslagen section use the answer remembered on the casus
    membership = [q for q in many if q.lstrip().startswith('SELECT 1 AS "a" FROM "cases_casemember"')]
    assert len(membership) <= 1, membership
