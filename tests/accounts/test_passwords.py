"""Issue 9, item 2: users change their own password; a user flagged
must_change_password chooses a new one before reaching any other page."""

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "een-heel-nieuw-wachtwoord-7"


def change(client, old=PASSWORD, new1=NEW, new2=NEW):
    return client.post(
        reverse("accounts:password_change"), {"old_password": old, "new_password1": new1, "new_password2": new2}
    )


def test_password_page_is_in_the_account_menu(login, users):
    html = login(users["meldpunt"]).get(reverse("worklists:home")).content.decode()
    assert f'href="{reverse("accounts:password_change")}"' in html


def test_user_changes_own_password(login, users, security_log):
    user = users["meldpunt"]
    client = login(user)
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200
    assert 'autocomplete="current-password"' in page.content.decode()
    response = change(client)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    # Still logged in (and still 2FA-verified) afterwards.
    assert client.get(reverse("worklists:home")).status_code == 200
    assert "password_changed" in [e["event"] for e in security_log()]
    assert NEW not in security_log.text()


@pytest.mark.parametrize(
    "old,new1,new2,message",
    [
        ("fout-huidig-wachtwoord", NEW, NEW, "oude wachtwoord"),
        (PASSWORD, "kort-1", "kort-1", "te kort"),
        (PASSWORD, NEW, NEW + "x", "komen niet overeen"),
        (PASSWORD, "123456789012345", "123456789012345", "alleen cijfers"),
    ],
)
def test_bad_new_password_gives_a_dutch_message(login, users, old, new1, new2, message):
    user = users["meldpunt"]
    response = change(login(user), old, new1, new2)
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_must_change_password_blocks_every_other_page(login, users):
    user = users["bemoeizorger"]
    user.must_change_password = True
    user.save()
    client = login(user)
    for url in [reverse("worklists:home"), "/meldingen/", "/beheer/", reverse("notifications:list")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("accounts:password_change"), url
    api = client.get("/api/v1/meldingen/")
    assert api.status_code == 403
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200 and "Kies eerst een nieuw wachtwoord" in page.content.decode()

    assert change(client).status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("worklists:home")).status_code == 200


def test_production_settings_hash_with_argon2(settings):
    import vangnet.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    from django.contrib.auth.hashers import make_password

    assert identify_hasher(make_password("x")).algorithm == "argon2"  # argon2-cffi is installed
    lengths = [v.get("OPTIONS", {}).get("min_length") for v in production.AUTH_PASSWORD_VALIDATORS]
    assert 12 in lengths
