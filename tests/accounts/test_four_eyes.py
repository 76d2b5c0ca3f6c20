"""Issue 9, item 1: escalation through beheer. Nobody changes their own role,
organisation or rights; roles with access to personal data and removing 2FA wait
for a second beheerder; beheer never types or sees another user's password."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from vangnet.accounts.models import PendingAccountChange, Role, User
from vangnet.accounts.services import ensure_beheer_group
from vangnet.notifications.models import Notification

from .conftest import password_login

pytestmark = pytest.mark.django_db

CHANGES = "/beheer/accounts/pendingaccountchange/"


@pytest.fixture
def beheerder(users):
    user = users["beheerder"]
    user.groups.add(ensure_beheer_group())
    return user


@pytest.fixture
def second_beheerder(users, ggd):
    user = UserFactory(username="beheerder2", role=Role.BEHEERDER, organisation=ggd, is_staff=True)
    user.groups.add(ensure_beheer_group())
    return user


def change_url(user):
    return f"/beheer/accounts/user/{user.pk}/change/"


def form_data(form, **overrides):
    """The POST an admin change form would send unchanged, plus ``overrides``."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value is True:
            data[name] = "on"
        else:
            data[name] = str(value)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post_change(client, user, **overrides):
    page = client.get(change_url(user))
    assert page.status_code == 200
    return client.post(change_url(user), form_data(page.context["adminform"].form, **overrides))


def decide(client, change, action):
    return client.post(CHANGES, {"action": action, "_selected_action": [str(change.pk)]}, follow=True)


# --- own account ----------------------------------------------------------------------


def test_beheerder_cannot_give_himself_a_data_role(login, beheerder, users, other_org):
    client = login(beheerder)
    page = client.get(change_url(beheerder))
    form = page.context["adminform"].form
    for name in ["role", "organisation", "is_staff", "groups"]:
        assert name not in form.fields, name  # read-only on one's own record

    # A crafted POST with the fields anyway changes nothing.
    response = post_change(
        client, beheerder, role=Role.TEAMLEIDER, organisation=str(other_org.pk), is_staff=None, groups=[]
    )
    assert response.status_code == 302
    beheerder.refresh_from_db()
    assert beheerder.role == Role.BEHEERDER and beheerder.organisation == users["beheerder"].organisation
    assert beheerder.is_staff and beheerder.groups.filter(name="Functioneel beheer").exists()
    assert not PendingAccountChange.objects.exists()


def test_superuser_cannot_change_own_flags_or_role(client):
    boss = UserFactory(username="root", is_superuser=True, is_staff=True, organisation=None, role="")
    from tests.conftest import verified_client

    client = verified_client(boss)
    form = client.get(change_url(boss)).context["adminform"].form
    assert not {"role", "organisation", "is_staff", "is_superuser", "groups", "user_permissions"} & set(form.fields)
    post_change(client, boss, role=Role.TEAMLEIDER, is_superuser=None)
    boss.refresh_from_db()
    assert boss.is_superuser and boss.role == ""


def test_self_change_is_refused_by_the_service(beheerder):
    from django.core.exceptions import PermissionDenied

    from vangnet.accounts.services import refuse_self_change, request_role_change

    with pytest.raises(PermissionDenied):
        refuse_self_change(beheerder, beheerder, ["is_staff"])
    with pytest.raises(PermissionDenied):
        request_role_change(beheerder, beheerder, role=Role.TEAMLEIDER, organisation_id=beheerder.organisation_id)
    assert not PendingAccountChange.objects.exists()


# --- four eyes on roles with data access -------------------------------------------------


def test_role_change_waits_for_a_second_beheerder(login, beheerder, second_beheerder, users, security_log):
    target = users["partner"]
    leader = users["teamleider"]
    target.organisation = leader.organisation  # so "teamleider" is her teamleider
    target.save()
    client = login(beheerder)

    response = post_change(client, target, role=Role.TEAMLEIDER)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == Role.PARTNER  # not yet
    change = PendingAccountChange.objects.get(user=target)
    assert change.status == "wacht" and change.requested_by == beheerder
    assert change.changes["role"] == Role.TEAMLEIDER

    # The requester cannot approve his own request.
    page = decide(client, change, "approve")
    assert "tweede beheerder" in page.content.decode()
    change.refresh_from_db()
    target.refresh_from_db()
    assert change.status == "wacht" and target.role == Role.PARTNER

    # The second beheerder can.
    decide(login(second_beheerder), change, "approve")
    change.refresh_from_db()
    target.refresh_from_db()
    assert change.status == "goedgekeurd" and change.decided_by == second_beheerder
    assert target.role == Role.TEAMLEIDER

    events = [e["event"] for e in security_log()]
    assert "account_change_requested" in events and "account_change_approved" in events
    assert "account_change_own_approval_refused" in events
    assert Notification.objects.filter(user=target, text__contains="aangevraagd").exists()
    assert Notification.objects.filter(user=target, text__contains="goedgekeurd").exists()
    assert Notification.objects.filter(user=leader, text__contains=str(target)).count() >= 2


def test_moving_a_worker_to_another_organisation_needs_approval(login, beheerder, users, other_org):
    worker = users["meldpunt"]
    post_change(login(beheerder), worker, organisation=str(other_org.pk))
    worker.refresh_from_db()
    assert worker.organisation != other_org
    assert PendingAccountChange.objects.get(user=worker).changes["organisation"] == other_org.pk


def test_role_without_data_access_takes_effect_at_once(login, beheerder, users):
    worker = users["meldpunt"]
    post_change(login(beheerder), worker, role=Role.BEHEERDER)
    worker.refresh_from_db()
    assert worker.role == Role.BEHEERDER
    assert not PendingAccountChange.objects.exists()


def test_rejected_change_is_not_applied(login, beheerder, second_beheerder, users, security_log):
    worker = users["meldpunt"]
    post_change(login(beheerder), worker, role=Role.TEAMLEIDER)
    change = PendingAccountChange.objects.get()
    decide(login(second_beheerder), change, "reject")
    change.refresh_from_db()
    worker.refresh_from_db()
    assert change.status == "afgewezen" and worker.role == Role.MELDPUNT
    assert "account_change_rejected" in [e["event"] for e in security_log()]
    assert Notification.objects.filter(user=worker, text__contains="afgewezen").exists()
    # Decided once: a later approval does nothing.
    decide(login(beheerder), change, "approve")
    worker.refresh_from_db()
    assert worker.role == Role.MELDPUNT


def test_nobody_approves_a_change_to_their_own_account(login, beheerder, second_beheerder):
    """Beheerder A asks a data role for beheerder B; B may not approve it himself."""
    post_change(login(beheerder), second_beheerder, role=Role.TEAMLEIDER)
    change = PendingAccountChange.objects.get()
    decide(login(second_beheerder), change, "approve")
    change.refresh_from_db()
    second_beheerder.refresh_from_db()
    assert change.status == "wacht" and second_beheerder.role == Role.BEHEERDER


def test_non_beheerder_cannot_open_or_decide_changes(login, beheerder, users):
    post_change(login(beheerder), users["meldpunt"], role=Role.TEAMLEIDER)
    change = PendingAccountChange.objects.get()
    leader = login(users["teamleider"])
    assert leader.get(CHANGES).status_code in (302, 403)
    leader.post(CHANGES, {"action": "approve", "_selected_action": [str(change.pk)]})
    change.refresh_from_db()
    assert change.status == "wacht"


def test_new_user_has_no_data_role_and_no_typed_password(login, beheerder, second_beheerder, ggd):
    client = login(beheerder)
    page = client.get("/beheer/accounts/user/add/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert not {"password1", "password2", "usable_password"} & set(form.fields)
    response = client.post(
        "/beheer/accounts/user/add/",
        {
            "username": "nieuw",
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": "nina@example.org",
            "role": Role.BEMOEIZORGER,
            "organisation": str(ggd.pk),
            "password1": "door-beheer-getypt-1",
            "password2": "door-beheer-getypt-1",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="nieuw")
    assert user.role == "" and not user.has_usable_password() and user.must_change_password
    assert not user.check_password("door-beheer-getypt-1")
    # The link goes to the user, not to the beheerder.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nina@example.org"]
    change = PendingAccountChange.objects.get(user=user)
    decide(login(second_beheerder), change, "approve")
    user.refresh_from_db()
    assert user.role == Role.BEMOEIZORGER and user.organisation == ggd


# --- passwords: never typed by beheer ------------------------------------------------------


def test_beheer_cannot_set_another_users_password(login, beheerder, users):
    client = login(beheerder)
    worker = users["meldpunt"]
    form = client.get(change_url(worker)).context["adminform"].form
    assert "password" not in form.fields
    url = f"/beheer/accounts/user/{worker.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "overgenomen-wachtwoord", "password2": "overgenomen-wachtwoord"})
    assert response.status_code == 403
    worker.refresh_from_db()
    assert not worker.check_password("overgenomen-wachtwoord")


def _link_from_mail(message):
    return re.search(r"https?://[^/]+(/\S+)", message.body).group(1)


def test_reset_link_is_sent_by_mail_and_works_once(client, login, beheerder, users, security_log):
    worker = users["meldpunt"]
    worker.email = "meldpunt@example.org"
    worker.save()
    beheer = login(beheerder)
    beheer.post("/beheer/accounts/user/", {"action": "send_reset_link", "_selected_action": [str(worker.pk)]})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["meldpunt@example.org"]
    worker.refresh_from_db()
    assert worker.must_change_password
    link = _link_from_mail(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in beheer.get(change_url(worker)).content.decode()  # beheer never sees it

    response = client.get(link)  # the token moves into the session
    assert response.status_code == 302
    form_url = response.url
    too_short = client.post(form_url, {"new_password1": "kort", "new_password2": "kort"})
    assert too_short.status_code == 200 and "te kort" in too_short.content.decode()
    response = client.post(
        form_url, {"new_password1": "een-lange-nieuwe-zin-42", "new_password2": "een-lange-nieuwe-zin-42"}
    )
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    worker.refresh_from_db()
    assert worker.check_password("een-lange-nieuwe-zin-42") and not worker.must_change_password

    # Single use: the same link no longer works.
    again = client.get(link, follow=True)
    assert "werkt niet (meer)" in again.content.decode()
    events = [e["event"] for e in security_log()]
    assert "password_reset_link_sent" in events and "password_set_via_link" in events
    assert Notification.objects.filter(user=worker, text__contains="herstellink").exists()
    assert Notification.objects.filter(user=users["teamleider"], text__contains="herstellink").exists()


def test_reset_link_expires_after_24_hours(client, beheerder, users):
    from vangnet.accounts.services import send_password_reset_link

    worker = users["meldpunt"]
    start = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        send_password_reset_link(beheerder, worker, base_url="http://testserver/")
        link = _link_from_mail(mail.outbox[0])
        traveller.shift(dt.timedelta(hours=25))
        response = client.get(link, follow=True)
    assert "werkt niet (meer)" in response.content.decode()


def test_reset_link_of_one_user_does_not_open_another(client, beheerder, users):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from vangnet.accounts.services import send_password_reset_link

    send_password_reset_link(beheerder, users["meldpunt"], base_url="http://testserver/")
    link = _link_from_mail(mail.outbox[0])
    other_uid = urlsafe_base64_encode(force_bytes(users["teamleider"].pk))
    forged = re.sub(r"herstellen/[^/]+/", f"herstellen/{other_uid}/", link)
    assert "werkt niet (meer)" in client.get(forged, follow=True).content.decode()


def test_user_without_email_gets_a_clear_message(login, beheerder, users):
    worker = users["meldpunt"]
    worker.email = ""
    worker.save()
    page = login(beheerder).post(
        "/beheer/accounts/user/", {"action": "send_reset_link", "_selected_action": [str(worker.pk)]}, follow=True
    )
    assert page.status_code == 200 and "geen e-mailadres" in page.content.decode()
    assert not mail.outbox


# --- removing 2FA ---------------------------------------------------------------------------


def test_device_removal_needs_a_second_beheerder(client, login, beheerder, second_beheerder, users, security_log):
    from vangnet.accounts.services import ensure_totp_device

    from .conftest import SECRET

    worker = users["bemoeizorger"]
    device = ensure_totp_device(worker, SECRET)
    beheer = login(beheerder)
    # Deleting directly is gone (also for a crafted POST).
    assert beheer.post(f"/beheer/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}).status_code == 403
    # Unconfirming it on the change page is not possible either.
    form = beheer.get(f"/beheer/otp_totp/totpdevice/{device.pk}/change/").context["adminform"].form
    assert "confirmed" not in form.fields

    beheer.post("/beheer/otp_totp/totpdevice/", {"action": "request_removal", "_selected_action": [str(device.pk)]})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    change = PendingAccountChange.objects.get(user=worker, kind="2fa_verwijderen")
    decide(beheer, change, "approve")  # the requester: refused
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    decide(login(second_beheerder), change, "approve")
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    events = [e["event"] for e in security_log()]
    assert "otp_device_removed" in events
    assert Notification.objects.filter(user=worker, text__contains="tweestapsverificatie").count() >= 2

    # The user enrols again at the next login.
    response = password_login(client, "bemoeizorger")
    assert response.url == reverse("accounts:otp_setup")


def test_new_email_of_a_data_role_account_waits_for_approval(login, beheerder, second_beheerder, users):
    """Otherwise one beheerder could point the account at his own mailbox and send
    himself the reset link."""
    worker = users["meldpunt"]
    old_email = worker.email
    client = login(beheerder)
    post_change(client, worker, email="beheerder-prive@example.org")
    worker.refresh_from_db()
    assert worker.email == old_email
    change = PendingAccountChange.objects.get(user=worker)
    assert "beheerder-prive@example.org" in change_page_text(client, change)
    client.post("/beheer/accounts/user/", {"action": "send_reset_link", "_selected_action": [str(worker.pk)]})
    assert mail.outbox[-1].to == [old_email]

    decide(login(second_beheerder), change, "approve")
    worker.refresh_from_db()
    assert worker.email == "beheerder-prive@example.org" and worker.role == Role.MELDPUNT


def change_page_text(client, change):
    return client.get(f"{CHANGES}{change.pk}/change/").content.decode()


def test_email_of_an_account_without_data_access_changes_at_once(login, beheerder, second_beheerder, security_log):
    post_change(login(beheerder), second_beheerder, email="nieuw-adres@example.org")
    second_beheerder.refresh_from_db()
    assert second_beheerder.email == "nieuw-adres@example.org"
    assert "account_email_changed" in [e["event"] for e in security_log()]
    assert Notification.objects.filter(user=second_beheerder, text__contains="e-mailadres").exists()


def test_beheerder_may_edit_own_name_and_email(login, beheerder):
    post_change(login(beheerder), beheerder, first_name="Thomas", email="thomas@example.org")
    beheerder.refresh_from_db()
    assert beheerder.first_name == "Thomas" and beheerder.email == "thomas@example.org"


def test_beheerder_cannot_make_himself_a_second_beheerder_account(login, beheerder, second_beheerder, users):
    """A sock puppet: a new beheerder account with his own mailbox, staff status and
    the beheer group, approving his own requests. Rights need the second person too."""
    client = login(beheerder)
    puppet = users["other_meldpunt"]
    puppet.role = Role.BEHEERDER
    puppet.save()
    group = ensure_beheer_group()
    post_change(client, puppet, is_staff="on", groups=[str(group.pk)])
    puppet.refresh_from_db()
    assert not puppet.is_staff and not puppet.groups.exists()
    change = PendingAccountChange.objects.get(user=puppet)
    assert change.changes == {"is_staff": True, "add_groups": [group.pk]}

    decide(login(second_beheerder), change, "approve")
    puppet.refresh_from_db()
    assert puppet.is_staff and puppet.groups.filter(pk=group.pk).exists()


def test_taking_rights_away_is_immediate(login, beheerder, second_beheerder):
    post_change(login(beheerder), second_beheerder, is_staff=None, groups=[])
    second_beheerder.refresh_from_db()
    assert not second_beheerder.is_staff and not second_beheerder.groups.exists()
    assert not PendingAccountChange.objects.exists()


def test_superuser_approves_and_needs_a_second_person_too(login, beheerder, users):
    from tests.conftest import verified_client

    boss = UserFactory(username="root", is_superuser=True, is_staff=True, organisation=None, role="")
    worker = users["meldpunt"]
    post_change(verified_client(boss), worker, role=Role.TEAMLEIDER)
    change = PendingAccountChange.objects.get()
    decide(verified_client(boss), change, "approve")  # his own request
    worker.refresh_from_db()
    assert worker.role == Role.MELDPUNT
    decide(login(beheerder), change, "approve")
    worker.refresh_from_db()
    assert worker.role == Role.TEAMLEIDER


def test_account_waiting_for_its_role_sees_no_personal_data(login, ggd):
    from tests.factories import CasusFactory, MeldingFactory

    casus = CasusFactory(organisation=ggd)
    melding = MeldingFactory(meldpunt=ggd, person=casus.person, casus=casus)
    waiting = UserFactory(username="wacht", role="", organisation=ggd)
    client = login(waiting)
    assert client.get(reverse("cases:detail", args=[casus.pk])).status_code in (403, 404)
    assert client.get(reverse("intake:detail", args=[melding.pk])).status_code in (403, 404)
    assert client.get(reverse("persons:detail", args=[casus.person.pk])).status_code in (403, 404)
    assert client.get(reverse("worklists:to_triage")).status_code in (403, 404)


class _FailingSMTP:
    """An e-mail backend whose server refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPServerDisconnected("connection closed")


def test_reset_link_smtp_failure_is_a_dutch_message_not_a_500(login, beheerder, users, security_log, settings):
    settings.EMAIL_BACKEND = f"{__name__}._FailingSMTP"
    worker = users["meldpunt"]
    worker.email = "meldpunt@example.org"
    worker.save()
    beheer = login(beheerder)
    response = beheer.post(
        "/beheer/accounts/user/", {"action": "send_reset_link", "_selected_action": [str(worker.pk)]}, follow=True
    )
    assert response.status_code == 200
    assert "kon niet worden verstuurd" in response.content.decode()
    events = [e["event"] for e in security_log()]
    assert "password_reset_link_failed" in events and "password_reset_link_sent" not in events
    # Never told the user a link was sent.
    assert not Notification.objects.filter(user=worker, text__contains="herstellink").exists()


def test_new_account_stands_when_its_reset_mail_fails(beheerder, ggd, settings):
    from vangnet.accounts import services

    settings.EMAIL_BACKEND = f"{__name__}._FailingSMTP"
    user = User(username="nieuw", email="nieuw@example.org", role=Role.BEHEERDER, organisation=ggd)
    message = services.create_account(beheerder, user, base_url="https://vangnet.example.org")
    assert "kon niet worden verstuurd" in message
    assert User.objects.filter(username="nieuw", must_change_password=True).exists()
