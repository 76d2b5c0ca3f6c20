"""The same melding form posted twice (double click, two tabs with the same
form, resubmit after a slow answer) stores one melding; the second post shows
the first one with a Dutch message."""

import re

import pytest
from django.urls import reverse

from tests.core.concurrent_db import Meeting, ensure_reference_data, in_thread, run_together, shared_database
from tests.factories import UserFactory
from vangnet.accounts.models import Role
from vangnet.audit.models import AccessLog
from vangnet.intake import services
from vangnet.intake.models import Melding

from .helpers import partner_post, staff_post

TOKEN_RE = re.compile(r'name="submission_token" value="([^"]+)"')
ALREADY = "Dit formulier was al verstuurd: melding {ref} is toen opgeslagen. Er is geen tweede melding gemaakt."
INVALID_TOKEN = "Het formulier is ongeldig geworden. Laad de pagina opnieuw."

FORMS = {
    "meldpunt": ("intake:create", staff_post, "intake:detail"),
    "partner": ("intake:partner_create", partner_post, "intake:partner_submitted"),
}


def token_of(html: str) -> str:
    match = TOKEN_RE.search(html)
    assert match, "the form carries no submission token"
    return match.group(1)


def open_form(client, form):
    url_name, make_post, _done = FORMS[form]
    url = reverse(url_name)
    data = make_post(submission_token=token_of(client.get(url).content.decode()))
    return url, data


@pytest.mark.parametrize("form", FORMS)
def test_same_form_posted_twice_stores_one_melding(users, login, region, form):
    client = login(users[form])
    url, data = open_form(client, form)

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    melding = Melding.objects.get()
    done = reverse(FORMS[form][2], args=[melding.pk])
    assert first.status_code == 302 and first["Location"] == done
    assert second.redirect_chain == [(done, 302)]
    assert ALREADY.format(ref=melding.reference) in second.content.decode()
    assert AccessLog.objects.filter(action="C", object_type="melding").count() == 1


@pytest.mark.parametrize("form", FORMS)
def test_a_new_form_is_a_new_melding(users, login, region, form):
    client = login(users[form])
    for _ in range(2):
        url, data = open_form(client, form)
        assert client.post(url, data).status_code == 302
    assert Melding.objects.count() == 2
    assert len(set(Melding.objects.values_list("submission_token", flat=True))) == 2


def test_every_opened_form_has_its_own_token(users, login):
    client = login(users["meldpunt"])
    url = reverse("intake:create")
    tokens = {token_of(client.get(url).content.decode()) for _ in range(3)}
    assert len(tokens) == 3


def test_form_with_errors_keeps_its_token_and_still_stores_once(users, login, region):
    client = login(users["meldpunt"])
    url, data = open_form(client, "meldpunt")
    invalid = client.post(url, {**data, "description": ""})
    assert invalid.status_code == 200
    assert token_of(invalid.content.decode()) == data["submission_token"]

    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Melding.objects.count() == 1


@pytest.mark.parametrize(
    "token", ["kort", "<script>alert(1)</script>aaaaaaaaaaaaa", "x" * 65, "a b c d e f g h i j k l"]
)
def test_tampered_token_is_a_form_error(users, login, region, token):
    client = login(users["meldpunt"])
    response = client.post(reverse("intake:create"), staff_post(submission_token=token))
    assert response.status_code == 200
    assert INVALID_TOKEN in response.content.decode()
    assert not Melding.objects.exists()


def test_a_colleagues_token_is_refused_not_a_500(users, login, region, ggd):
    colleague = UserFactory(username="collega", role=Role.MELDPUNT, organisation=ggd)
    url, data = open_form(login(users["meldpunt"]), "meldpunt")
    assert login(users["meldpunt"]).post(url, data).status_code == 302

    response = login(colleague).post(url, data)

    assert response.status_code == 200
    assert INVALID_TOKEN in response.content.decode()
    assert Melding.objects.count() == 1


def test_post_without_token_still_works(users, login, region):
    """A page opened before the token existed is not lost."""
    client = login(users["meldpunt"])
    assert client.post(reverse("intake:create"), staff_post()).status_code == 302
    assert Melding.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("form", FORMS)
def test_two_posts_at_the_same_moment_store_one_melding(users, login, region, form, monkeypatch):
    ensure_reference_data()
    client_a, client_b = login(users[form]), login(users[form])
    url, data = open_form(client_a, form)
    # Both posts are past the "posted before?" check before either one stores.
    monkeypatch.setattr(services, "earlier_submission", Meeting().around(services.earlier_submission))

    with shared_database():
        answers = run_together(lambda: client_a.post(url, data), lambda: client_b.post(url, data))
        stored = in_thread(lambda: list(Melding.objects.values_list("pk", flat=True)))

    errors = [a for a in answers if isinstance(a, BaseException)]
    assert not errors, errors
    assert len(stored) == 1
    done = reverse(FORMS[form][2], args=[stored[0]])
    assert [a.status_code for a in answers] == [302, 302]
    assert {a["Location"] for a in answers} == {done}
