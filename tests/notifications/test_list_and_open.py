"""The list (label in the reader's language, unread first, filter) and opening one
notification: marks it read, only one's own, no open redirect (issue 11 item 7)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from vangnet.accounts.models import Role
from vangnet.notifications.models import EventKind, Notification
from vangnet.notifications.services import notify, notify_event

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")


def open_url(n):
    return reverse("notifications:open", args=[n.pk])


@pytest.fixture
def worker():
    return UserFactory(role=Role.BEMOEIZORGER)


def test_the_list_shows_the_label_in_the_current_language_not_the_stored_text(worker, login):
    [n] = notify_event(worker, EventKind.REFERRAL_ANSWERED, reference="W-2026-00005", url="/netwerk/")
    assert n.text == "Uw verwijzing is beantwoord: W-2026-00005"  # stored in Dutch, whoever caused it
    client = login(worker)
    page = client.get(LIST).content.decode()
    assert "Uw verwijzing is beantwoord: W-2026-00005" in page
    client.post(reverse("set_language"), {"language": "en", "next": LIST})
    page = client.get(LIST).content.decode()
    assert "Your referral was answered: W-2026-00005" in page


def test_a_free_text_notification_keeps_its_text(worker, login):
    notify(worker, "Je account is gewijzigd door de beheerder.")
    assert "Je account is gewijzigd door de beheerder." in login(worker).get(LIST).content.decode()


def test_unread_first_and_the_unread_filter(worker, login):
    old_unread = notify_event(worker, EventKind.CASUS_ROLE, reference="C-2026-00001")[0]
    read = notify_event(worker, EventKind.CASUS_ROLE, reference="C-2026-00002")[0]
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    client = login(worker)
    page = client.get(LIST).content.decode()
    assert page.index("C-2026-00001") < page.index("C-2026-00002")
    assert "C-2026-00001" in page
    filtered = client.get(LIST, {"filter": "ongelezen"}).content.decode()
    assert "C-2026-00001" in filtered and "C-2026-00002" not in filtered
    assert 'aria-current="page">Ongelezen (1)' in filtered
    Notification.objects.filter(pk=old_unread.pk).update(read_at=old_unread.created_at)
    assert "U hebt geen ongelezen notificaties." in client.get(LIST, {"filter": "ongelezen"}).content.decode()


def test_opening_marks_read_and_goes_to_the_page(worker, login):
    [n] = notify_event(worker, EventKind.CASUS_ROLE, reference="C-2026-00001", url="/casussen/7/")
    client = login(worker)
    assert open_url(n) in client.get(LIST).content.decode()
    response = client.post(open_url(n))
    assert response.status_code == 302 and response.url == "/casussen/7/"
    n.refresh_from_db()
    assert n.read_at is not None
    first_read = n.read_at
    client.post(open_url(n))
    n.refresh_from_db()
    assert n.read_at == first_read  # opening again keeps the first moment


def test_opening_one_without_a_link_goes_back_to_the_list(worker, login):
    [n] = notify_event(worker, EventKind.ACCOUNT, reference="")
    response = login(worker).post(open_url(n))
    assert response.status_code == 302 and response.url == LIST
    assert Notification.objects.get(pk=n.pk).read_at is not None


def test_another_users_notification_is_404_and_stays_unread(worker, login):
    [n] = notify_event(worker, EventKind.CASUS_ROLE, reference="C-2026-00001", url="/casussen/7/")
    other = UserFactory(role=Role.BEMOEIZORGER)
    response = login(other).post(open_url(n))
    assert response.status_code == 404
    assert "/casussen/7/" not in response.content.decode() and "C-2026-00001" not in response.content.decode()
    assert Notification.objects.get(pk=n.pk).read_at is None
    # The same answer as for a notification that does not exist (or cannot exist).
    assert login(other).post(reverse("notifications:open", args=[n.pk + 1000])).status_code == 404
    assert login(other).post("/notificaties/99999999999999999999999/openen/").status_code == 404


def test_open_is_post_only(worker, login):
    [n] = notify_event(worker, EventKind.CASUS_ROLE, reference="C-2026-00001")
    assert login(worker).get(open_url(n)).status_code == 405
    assert Notification.objects.get(pk=n.pk).read_at is None


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.org/casussen/1/",
        "//evil.example.org/",
        "/\\evil.example.org/",
        "\\\\evil.example.org",
        "javascript:alert(1)",
        "/\tevil",
        "casussen/1/",
    ],
)
def test_a_link_that_leaves_the_site_is_not_followed(worker, login, url):
    n = Notification.objects.create(user=worker, kind=EventKind.CASUS_ROLE, reference="C-1", text="x", url=url)
    response = login(worker).post(open_url(n))
    assert response.status_code == 302 and response.url == LIST
    assert Notification.objects.get(pk=n.pk).read_at is not None


def test_a_notice_in_its_own_words_keeps_them_and_an_event_shows_its_label():
    user = UserFactory()
    notice = notify(user, "Termijn verloopt over 2 dagen: W-2026-00003", kind=EventKind.WVGGZ, reference="W-2026-00003")
    [event] = notify_event(user, EventKind.CASUS_ROLE, reference="C-2026-00009")
    assert notice.label == "Termijn verloopt over 2 dagen: W-2026-00003"
    assert event.label == "U bent toegevoegd aan een casus: C-2026-00009"
    with translation.override("en"):
        assert event.label == "You were added to a case: C-2026-00009"


def test_the_home_page_counts_unread_and_new_notifications_in_one_query(worker, login):
    """Issue 17: the header's unread count and the home's 'new since' came from two queries;
    now the unread count comes with the user and the home asks only for the new ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(worker)
    client.get(reverse("worklists:home"))  # the first visit: 'new since' counts from here
    for ref in ("C-2026-00011", "C-2026-00012", "C-2026-00013"):
        notify_event(worker, EventKind.CASUS_ROLE, reference=ref)
    first = Notification.objects.filter(user=worker).order_by("pk")[0]
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("worklists:home"))
    assert page.context["new_notifications_count"] == 3
    assert '<span class="badge nav-count">2<span class="visually-hidden"> ongelezen' in page.content.decode()
    # The unread count rides along in the user's own query (the login backend), so the page
    # asks the notifications once more only for the new ones.
    own = [q["sql"] for q in ctx.captured_queries if '"accounts_user"."password"' not in q["sql"]]
    assert sum("notifications_notification" in sql for sql in own) == 1


def test_the_header_count_comes_with_the_user_and_follows_marking_read(worker, login):
    """Issue 17: no query of its own for the header's unread count on an ordinary page; after
    marking read in the same request the count is asked again, never shown stale."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vangnet.notifications.services import mark_all_read, unread_count

    client = login(worker)
    for ref in ("C-2026-00021", "C-2026-00022"):
        notify_event(worker, EventKind.CASUS_ROLE, reference=ref)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("worklists:my_cases"))
    assert '<span class="badge nav-count">2<span class="visually-hidden"> ongelezen' in page.content.decode()
    own = [q["sql"] for q in ctx.captured_queries if '"accounts_user"."password"' not in q["sql"]]
    assert not any("COUNT" in sql and "notifications_notification" in sql for sql in own)

    from vangnet.accounts.backends import ModelBackend

    user = ModelBackend().get_user(worker.pk)
    assert unread_count(user) == 2
    mark_all_read(user)
    assert unread_count(user) == 0
