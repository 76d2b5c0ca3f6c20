import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from vangnet.accounts.services import BEHEER_GROUP_NAME, ensure_beheer_group

pytestmark = pytest.mark.django_db

ALLOWED_MODELS = {
    ("organisations", "gemeente"),
    ("organisations", "organisation"),
    ("organisations", "team"),
    ("accounts", "user"),
    ("accounts", "pendingaccountchange"),
    ("intake", "concerncategory"),
    ("norms", "normsettings"),
    ("otp_totp", "totpdevice"),
    ("axes", "accessattempt"),
    # Configuration without personal data: the Wvggz questionnaire and the sociale kaart.
    ("wvggz", "questionnaireversion"),
    ("wvggz", "question"),
    ("network", "service"),
    # issue 15: the labels of the life-domain scale.
    ("leefgebieden", "scalelabel"),
}


@pytest.fixture
def beheerder(users):
    user = users["beheerder"]
    user.groups.add(ensure_beheer_group())
    return user


def test_beheer_group_has_no_personal_data_permissions():
    group = ensure_beheer_group()
    perms = set(group.permissions.values_list("content_type__app_label", "content_type__model", "codename"))
    assert {(a, m) for a, m, _ in perms} == ALLOWED_MODELS
    assert ("accounts", "user", "change_user") in perms
    # Removing a device goes through a request a second beheerder approves.
    assert ("otp_totp", "totpdevice", "delete_totpdevice") not in perms
    assert ("otp_totp", "totpdevice", "view_totpdevice") in perms
    assert ("accounts", "user", "delete_user") not in perms
    for app in ["persons", "intake", "cases", "triage", "audit", "access"]:
        assert not any(a == app and m != "concerncategory" for a, m, _ in perms), app
    # Idempotent, and resets hand-made additions.
    group.permissions.add(Permission.objects.get(codename="view_person"))
    ensure_beheer_group()
    assert group.permissions.count() == len(perms)
    assert not group.permissions.filter(codename="view_person").exists()


def test_beheerder_can_manage_users(login, beheerder):
    client = login(beheerder)
    response = client.get("/beheer/accounts/user/")
    assert response.status_code == 200
    assert "meldpunt" in response.content.decode()
    assert client.get("/beheer/organisations/organisation/").status_code == 200


@pytest.mark.parametrize(
    "url", ["/beheer/intake/melding/", "/beheer/persons/person/", "/beheer/cases/casus/", "/beheer/audit/accesslog/"]
)
def test_beheerder_cannot_open_personal_data(login, beheerder, url):
    client = login(beheerder)
    assert client.get(url).status_code in (403, 404)


def test_staff_without_beheer_group_is_refused(login, users):
    client = login(users["beheerder"])  # is_staff but not in the group
    assert client.get("/beheer/accounts/user/").status_code == 403


def test_non_staff_user_cannot_enter_admin(login, users):
    client = login(users["meldpunt"])
    response = client.get("/beheer/accounts/user/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        follow = client.get(response.url)
        assert follow.status_code == 403


def test_admin_login_uses_the_vangnet_login(client):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert response.status_code == 200


def test_beheerder_cannot_see_or_make_superusers(login, beheerder):
    boss = UserFactory(username="root", is_superuser=True, is_staff=True, organisation=None, role="")
    client = login(beheerder)
    # ">root<": the username cell, not a random surname such as "Groote".
    assert ">root<" not in client.get("/beheer/accounts/user/").content.decode()
    assert client.get(f"/beheer/accounts/user/{boss.pk}/change/").status_code == 302  # not found -> back to list

    target = UserFactory(username="nieuwkomer", role="meldpunt", organisation=beheerder.organisation)
    page = client.get(f"/beheer/accounts/user/{target.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert "is_superuser" not in form.fields and "user_permissions" not in form.fields
    assert list(form.fields["groups"].queryset.values_list("name", flat=True)) == [BEHEER_GROUP_NAME]


def test_beheerder_sees_device_but_never_its_secret(login, beheerder, users):
    device = TOTPDevice.objects.create(user=users["meldpunt"], name="telefoon", confirmed=True)
    client = login(beheerder)
    page = client.get(f"/beheer/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200
    assert device.key not in page.content.decode()
    assert client.get(f"/beheer/otp_totp/totpdevice/{device.pk}/config/").status_code == 403
    assert client.get(f"/beheer/otp_totp/totpdevice/{device.pk}/qrcode/").status_code == 403
    # Removal needs four eyes (tests/accounts/test_four_eyes.py), never a direct delete.
    response = client.post(f"/beheer/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_beheerder_does_not_see_superuser_devices(login, beheerder):
    boss = UserFactory(username="root", is_superuser=True, is_staff=True, organisation=None, role="")
    device = TOTPDevice.objects.create(user=boss, name="telefoon", confirmed=True)
    client = login(beheerder)
    assert client.get(f"/beheer/otp_totp/totpdevice/{device.pk}/change/").status_code == 302  # not found
    client.post("/beheer/otp_totp/totpdevice/", {"action": "request_removal", "_selected_action": [str(device.pk)]})
    from vangnet.accounts.models import PendingAccountChange

    assert not PendingAccountChange.objects.exists()
